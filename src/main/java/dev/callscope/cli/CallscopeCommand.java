package dev.callscope.cli;

import dev.callscope.app.DefaultConnector;
import dev.callscope.platform.AppDirs;
import dev.callscope.platform.BuildInfo;
import dev.callscope.ui.CallscopeApp;
import dev.callscope.ui.ReadyMarker;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code callscope}: opens the window, or runs one of the subcommands. */
@Command(
        name = "callscope",
        mixinStandardHelpOptions = true,
        versionProvider = CallscopeCommand.Version.class,
        description =
                "Observability console for function workloads in ClickHouse. Without a command, opens the window.",
        subcommands = {
            VersionCommand.class,
            FetchEngineCommand.class,
            SchemaCommand.class,
            DemoCommand.class,
            BenchCommand.class,
            ExportCommand.class,
            ReportCommand.class,
            AccelerateCommand.class
        })
public final class CallscopeCommand implements Callable<Integer> {

    @Mixin
    ConnectionOptions connection;

    @Option(
            names = "--ready-file",
            paramLabel = "FILE",
            description =
                    "Write FILE once the window is shown and its first connection has settled (for scripts and CI).")
    Path readyFile;

    @Option(
            names = "--live-demo",
            arity = "0..1",
            fallbackValue = "20",
            paramLabel = "RATE",
            description = "With the embedded demo: keep adding calls and their log lines as they happen, about RATE "
                    + "calls a second (default 20), so live tail and the charts have something to follow.")
    double liveDemo;

    @Option(names = "--exit-after-ready", description = "Close the window right after writing the --ready-file.")
    boolean exitAfterReady;

    /** Parses {@code args} and runs the command; returns the process exit code. */
    public static int run(String... args) {
        return run(new PrintWriter(System.err, true), args);
    }

    /** As {@link #run(String...)}, with messages for the user written to {@code err}. */
    public static int run(PrintWriter err, String... args) {
        return run(new PrintWriter(System.out, true), err, args);
    }

    /** As {@link #run(String...)}, with data and help written to {@code out} and messages to {@code err}. */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        return new CommandLine(new CallscopeCommand())
                .setOut(out)
                // "--search @/etc/hostname" is a search for that text, not the file's contents
                .setExpandAtFiles(false)
                .setExecutionExceptionHandler(CommandSupport.errorHandler())
                .setErr(err)
                .execute(args);
    }

    @Override
    public Integer call() {
        AppDirs dirs = AppDirs.forCurrentUser();
        boolean explicit = connection.dataDir != null || connection.url != null;
        CallscopeApp.launch(
                new DefaultConnector(dirs, liveDemo),
                dirs,
                explicit ? connection.target(dirs) : null,
                new ReadyMarker(readyFile, exitAfterReady));
        return 0;
    }

    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"Callscope " + BuildInfo.load().version()};
        }
    }
}
