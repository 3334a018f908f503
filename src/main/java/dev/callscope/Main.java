package dev.callscope;

import dev.callscope.cli.CallscopeCommand;

/**
 * Entry point of {@code callscope.jar}. It does not extend {@code Application}, so the jar runs
 * with JavaFX on the class path. With no arguments it opens the window; with a subcommand it runs
 * the command line and exits with its code.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(CallscopeCommand.run(args));
    }
}
