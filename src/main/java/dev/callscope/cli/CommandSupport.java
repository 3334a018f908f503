package dev.callscope.cli;

import dev.callscope.app.ConnectionTarget;
import dev.callscope.app.Connector;
import dev.callscope.app.EmbeddedEngines;
import dev.callscope.app.RemoteEngines;
import dev.callscope.calls.EventSchema;
import dev.callscope.engine.Engine;
import dev.callscope.engine.EngineException;
import dev.callscope.engine.Guardrails;
import dev.callscope.engine.embedded.EngineUnavailableException;
import dev.callscope.logs.LogSchema;
import dev.callscope.platform.AppDirs;
import dev.callscope.profiles.EventsMapping;
import dev.callscope.profiles.LogMapping;
import dev.callscope.profiles.Profile;
import java.io.Console;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.function.ToIntFunction;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** What subcommands share: connection options, opening an engine, exit codes and messages. */
final class CommandSupport {

    static final int OK = 0;
    static final int BAD_ARGUMENTS = 2;
    static final int CANNOT_CONNECT_OR_QUERY = 3;

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Mixin
    ConnectionOptions connection;

    /** Set by a command's {@code --quiet}: no progress lines on stderr (errors still go there). */
    boolean quiet;

    private ProgressLines progressLines;

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }

    int usageError(String reason) {
        err().println("callscope " + spec.name() + ": " + reason);
        spec.commandLine().usage(err());
        return BAD_ARGUMENTS;
    }

    /** A file that could not be written: says so, and the exit code for it. */
    int cannotWrite(Object file, IOException e) {
        err().println("callscope " + spec.name() + ": cannot write " + file + ": " + e.getMessage());
        return CANNOT_CONNECT_OR_QUERY;
    }

    /**
     * Writing to a server needs the user's say-so: {@code --yes}, or the database name typed at
     * the terminal. The embedded engine is the user's own and needs none.
     *
     * @param what     what will be written, e.g. "the demo workload"
     * @param database the database it goes into
     * @param yes      whether {@code --yes} was given
     * @return true to go on; false after saying why not (nothing was sent)
     */
    boolean confirmServerWrite(String what, String database, boolean yes) {
        String url = connection.serverUrl(AppDirs.forCurrentUser());
        if (url == null || yes) {
            return true;
        }
        String where = "database " + database + " on " + url;
        Console console = System.console();
        if (console == null) {
            err().println("callscope " + spec.name() + ": this writes " + what + " into " + where
                    + "; confirm with --yes (nothing was written)");
            return false;
        }
        String typed = console.readLine(
                "This writes %s into %s. Type the database name (%s) to go on: ", what, where, database);
        if (typed != null && typed.strip().equals(database)) {
            return true;
        }
        err().println("callscope " + spec.name() + ": not confirmed; nothing was written");
        return false;
    }

    /**
     * The call events the command reads: the {@code --profile}'s mapping, else Callscope's tables in
     * {@code database}. @throws IllegalArgumentException when the profile has none or its mapping is unusable
     */
    EventSchema events(String database) {
        Profile p = connection.profile(AppDirs.forCurrentUser());
        if (p == null || p.events().kind() == EventsMapping.Kind.CANONICAL) {
            return EventSchema.canonical(database);
        }
        if (!p.events().hasCalls()) {
            throw new IllegalArgumentException("profile '" + p.name() + "' has no call events (its Events are None)");
        }
        return p.events().schema();
    }

    /** The log lines the command reads: the {@code --profile}'s mapping, else Callscope's table in {@code database}. */
    LogSchema logs(String database) {
        Profile p = connection.profile(AppDirs.forCurrentUser());
        if (p == null || p.logs().kind() == LogMapping.Kind.CANONICAL) {
            return LogSchema.canonical(database);
        }
        return p.logs().schema();
    }

    /** What every read on the embedded engine runs under; null for none (the benchmark times raw reads whole). */
    Guardrails embeddedLimits = Guardrails.DEFAULTS;

    /** Opens the engine the options name, runs {@code work}, closes it; failures become exit code 3. */
    int withEngine(ToIntFunction<Engine> work) {
        String problem = connection.problem();
        if (problem != null) {
            return usageError(problem);
        }
        AppDirs dirs = AppDirs.forCurrentUser();
        ConnectionTarget target;
        try {
            target = connection.target(dirs);
        } catch (IllegalArgumentException e) {
            return usageError(e.getMessage());
        }
        try (Engine engine = open(dirs, target)) {
            return work.applyAsInt(engine);
        } catch (EngineException e) {
            err().println("callscope " + spec.name() + ": " + e.getMessage());
            return CANNOT_CONNECT_OR_QUERY;
        } catch (Connector.ConnectException | EngineUnavailableException e) {
            // a server that answered with an error was reached: say what it said, not "cannot connect"
            boolean answered = e.getCause() instanceof EngineException ee && ee.code() != 0;
            err().println("callscope " + spec.name() + ": " + (answered ? "the server says: " : "cannot connect: ")
                    + e.getMessage());
            return CANNOT_CONNECT_OR_QUERY;
        }
    }

    private Engine open(AppDirs dirs, ConnectionTarget target)
            throws Connector.ConnectException, EngineUnavailableException {
        return switch (target) {
            case ConnectionTarget.Embedded e -> EmbeddedEngines.open(dirs, e.dataDir(), this::progress, embeddedLimits);
            case ConnectionTarget.Remote r -> RemoteEngines.open(r, this::progress);
        };
    }

    void progress(String message, double fraction) {
        if (quiet) {
            return;
        }
        if (progressLines == null) {
            progressLines = new ProgressLines(err());
        }
        progressLines.update(message, fraction);
    }

    static CommandLine.IExecutionExceptionHandler errorHandler() {
        return (ex, commandLine, parseResult) -> {
            commandLine.getErr().println("callscope " + commandLine.getCommandName() + ": " + sentence(ex));
            return ex instanceof IllegalArgumentException ? BAD_ARGUMENTS : CANNOT_CONNECT_OR_QUERY;
        };
    }

    /**
     * What a person reads for an exception no command caught: the message of the ones that carry a sentence; for any
     * other (a bug), what it was, so that "callscope export: -492799580" (a bare NegativeArraySizeException) cannot happen.
     */
    static String sentence(Throwable ex) {
        if (ex instanceof EngineException
                || ex instanceof IllegalArgumentException
                || ex instanceof IllegalStateException
                || ex instanceof UncheckedIOException) {
            return ex.getMessage();
        }
        if (ex instanceof OutOfMemoryError) {
            return "it ran out of memory; give it more (java -Xmx…) or ask for less (a shorter range, fewer functions)";
        }
        return "an internal error stopped it (" + ex.getClass().getSimpleName()
                + (ex.getMessage() == null ? "" : ": " + ex.getMessage()) + "); please report it";
    }
}
