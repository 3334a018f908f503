package dev.callscope.cli;

import dev.callscope.demo.DemoOptions;
import dev.callscope.demo.DemoSummary;
import dev.callscope.demo.DemoWorkload;
import dev.callscope.engine.Engine;
import dev.callscope.engine.Query;
import dev.callscope.schema.Schema;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Fills an engine with the demo workload; the same seed and end give the same data. */
@Command(name = "demo", description = "Generate the realistic demo workload (calls, events, logs).")
final class DemoCommand implements Callable<Integer> {

    @Mixin
    CommandSupport support;

    @Option(names = "--seed", defaultValue = "20251105", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--calls", defaultValue = "1000000", description = "Function calls (default: ${DEFAULT-VALUE}).")
    int calls;

    @Option(names = "--logs-per-call", defaultValue = "" + DemoOptions.DEFAULT_LOGS_PER_CALL, description = "Log lines per call attempt (default: ${DEFAULT-VALUE}).")
    int logsPerCall;

    @Option(names = "--span", defaultValue = "24h", converter = DurationConverter.class,
            description = "How far back calls arrive, e.g. 6h, 7d (default: ${DEFAULT-VALUE}).")
    Duration span;

    @Option(names = "--end", description = "The workload's 'now', ISO-8601 (default: now).")
    Instant end;

    @Option(names = "--database", defaultValue = "callscope", description = "Target database (default: ${DEFAULT-VALUE}).")
    String database;

    @Option(names = "--replace", description = "Drop the target database first if it already holds data.")
    boolean replace;

    @Option(names = "--quiet", description = "No progress on stderr.")
    boolean quiet;

    @Option(names = "--yes", description = "Confirm writing to a server (--url); without it the database name is asked for.")
    boolean yes;

    @Override
    public Integer call() {
        DemoOptions options;
        try {
            options = new DemoOptions(seed, calls, logsPerCall, end != null ? end : Instant.now(), span, database);
        } catch (IllegalArgumentException e) {
            return support.usageError(e.getMessage());
        }
        support.quiet = quiet;
        if (!support.confirmServerWrite("the demo workload" + (replace ? " (dropping what is there)" : ""), database, yes)) {
            return CommandSupport.BAD_ARGUMENTS;
        }
        return support.withEngine(engine -> generate(engine, options));
    }

    private int generate(Engine engine, DemoOptions options) {
        if (DemoWorkload.isLoaded(engine, options.database())) {
            if (!replace) {
                support.err().println("callscope demo: " + options.database()
                        + " already holds a workload; pass --replace to drop it and generate again");
                return CommandSupport.BAD_ARGUMENTS;
            }
            engine.execute(Query.of("DROP DATABASE " + Schema.requireDatabaseName(options.database()) + " SYNC"));
        }
        int[] lastPercent = {-1};
        DemoSummary summary = DemoWorkload.generate(engine, options, (stage, fraction) -> {
            int percent = (int) Math.floor(fraction * 100);
            if (!quiet && percent != lastPercent[0]) {
                lastPercent[0] = percent;
                support.err().printf("\r%-8s %3d%%", stage, percent);
                support.err().flush();
            }
        });
        if (!quiet) {
            support.err().println();
        }
        support.out().println(String.format(Locale.ROOT, "%,d calls, %,d events, %,d log lines in %.1f s (%,.0f rows/s) into %s",
                summary.calls(), summary.events(), summary.logLines(), summary.elapsed().toMillis() / 1000.0,
                summary.rowsPerSecond(), engine.info().describe()));
        return CommandSupport.OK;
    }
}
