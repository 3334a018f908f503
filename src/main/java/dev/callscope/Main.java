package dev.callscope;

import dev.callscope.cli.CallscopeCommand;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Entry point of {@code callscope.jar}. It does not extend {@code Application}, so the jar runs
 * with JavaFX on the class path. With no arguments it opens the window; with a subcommand it runs
 * the command line and exits with its code.
 */
public final class Main {

    private Main() {}

    /** Held, so the level set below is not lost when the logger is collected. */
    private static final Logger CLICKHOUSE_CLIENT = Logger.getLogger("com.clickhouse");

    private static final Logger HTTP_CLIENT = Logger.getLogger("org.apache.hc");

    public static void main(String[] args) {
        // the ClickHouse client logs its own view of failures (retries, endpoints) as WARNING and
        // INFO lines; Callscope reports each failure itself, once, in a sentence: theirs stay off stderr
        CLICKHOUSE_CLIENT.setLevel(Level.SEVERE);
        HTTP_CLIENT.setLevel(Level.SEVERE);
        System.exit(CallscopeCommand.run(args));
    }
}
