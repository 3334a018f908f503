package dev.callscope.cli;

import dev.callscope.acceleration.RollupViews;
import dev.callscope.demo.DemoOptions;
import dev.callscope.demo.DemoSummary;
import dev.callscope.demo.DemoWorkload;
import dev.callscope.demo.LiveFeed;
import dev.callscope.engine.Engine;
import dev.callscope.engine.Query;
import dev.callscope.schema.Schema;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Fills an engine with the demo workload; the same seed and end give the same data. */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        description = "Generate the realistic demo workload (calls, events, logs).")
final class DemoCommand implements Callable<Integer> {

    @Mixin
    CommandSupport support;

    @Option(names = "--seed", defaultValue = "20251105", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--calls", defaultValue = "1000000", description = "Function calls (default: ${DEFAULT-VALUE}).")
    int calls;

    @Option(
            names = "--logs-per-call",
            defaultValue = "" + DemoOptions.DEFAULT_LOGS_PER_CALL,
            description = "Log lines per call attempt (default: ${DEFAULT-VALUE}).")
    int logsPerCall;

    @Option(
            names = "--span",
            defaultValue = "24h",
            converter = DurationConverter.class,
            description = "How far back calls arrive, e.g. 6h, 7d (default: ${DEFAULT-VALUE}).")
    Duration span;

    @Option(names = "--end", description = "The workload's 'now', ISO-8601 (default: now).")
    Instant end;

    @Option(
            names = "--database",
            defaultValue = Schema.DATABASE,
            description = "Target database (default: ${DEFAULT-VALUE}).")
    String database;

    @Option(names = "--replace", description = "Drop the target database first if it already holds data.")
    boolean replace;

    @Option(names = "--quiet", description = "No progress on stderr.")
    boolean quiet;

    @Option(
            names = "--live",
            description = "After loading (or on an already loaded database), keep appending calls "
                    + "arriving now, with their events and log lines, until --duration or Ctrl+C.")
    boolean live;

    @Option(
            names = "--rate",
            defaultValue = "1000",
            description = "Live mode: calls arriving per second (default: "
                    + "${DEFAULT-VALUE}; about 15 rows each with the default log lines).")
    double rate;

    @Option(
            names = "--duration",
            defaultValue = "60s",
            converter = DurationConverter.class,
            description = "Live mode: how long to run (default: ${DEFAULT-VALUE}).")
    Duration duration;

    @Option(
            names = "--yes",
            description = "Confirm writing to a server (--url); without it the database name is asked for.")
    boolean yes;

    @Override
    public Integer call() {
        if (live && !(rate > 0 && rate <= LiveFeed.MAX_RATE && !duration.isNegative() && !duration.isZero())) {
            return support.usageError(String.format(
                    Locale.ROOT,
                    "--rate must be above 0 and at most %,d calls a second, and --duration positive",
                    (long) LiveFeed.MAX_RATE));
        }
        DemoOptions options;
        try {
            options = new DemoOptions(seed, calls, logsPerCall, end != null ? end : Instant.now(), span, database);
        } catch (IllegalArgumentException e) {
            return support.usageError(e.getMessage());
        }
        support.quiet = quiet;
        if (!support.confirmServerWrite(
                "the demo workload" + (replace ? " (dropping what is there)" : ""), database, yes)) {
            return CommandSupport.BAD_ARGUMENTS;
        }
        return support.withEngine(engine -> generate(engine, options));
    }

    private int generate(Engine engine, DemoOptions options) {
        if (live && !replace && DemoWorkload.isLoaded(engine, options.database())) {
            // the server's view seals the rollup while the feed writes (this process keeps the engine open)
            RollupViews.install(engine, options.database());
            return feed(engine, options);
        }
        if (DemoWorkload.isLoaded(engine, options.database())) {
            if (!replace) {
                support.err()
                        .println("callscope demo: " + options.database()
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
        RollupViews.installAndRefresh(engine, options.database());
        support.out()
                .println(String.format(
                        Locale.ROOT,
                        "%,d calls, %,d events, %,d log lines in %.1f s (%,.0f rows/s) into %s",
                        summary.calls(),
                        summary.events(),
                        summary.logLines(),
                        summary.elapsed().toMillis() / 1000.0,
                        summary.rowsPerSecond(),
                        engine.info().describe()));
        return live ? feed(engine, options) : CommandSupport.OK;
    }

    private int feed(Engine engine, DemoOptions options) {
        AtomicBoolean stop = new AtomicBoolean();
        Thread hook = new Thread(() -> stop.set(true));
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            LiveFeed.Summary s = new LiveFeed(engine, options.database(), rate, options.logsPerCall(), options.seed())
                    .run(duration, stop, (rows, perSecond, age) -> {
                        if (!quiet) {
                            support.err()
                                    .printf(
                                            Locale.ROOT,
                                            "\rlive: %,d rows, %,.0f rows/s, newest visible event %d ms old   ",
                                            rows,
                                            perSecond,
                                            age);
                            support.err().flush();
                        }
                    });
            if (!quiet) {
                support.err().println();
            }
            support.out()
                    .println(String.format(
                            Locale.ROOT,
                            "live: %,d events and %,d log lines in %.1f s: %,.0f rows/s; "
                                    + "newest visible event p50 %d ms, p99 %d ms, max %d ms old; insert p99 %d ms",
                            s.events(),
                            s.logLines(),
                            s.elapsed().toMillis() / 1000.0,
                            s.rowsPerSecond(),
                            s.visibleP50Ms(),
                            s.visibleP99Ms(),
                            s.visibleMaxMs(),
                            s.insertP99Ms()));
            return CommandSupport.OK;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return CommandSupport.OK;
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // Ctrl+C: the hook is running
            }
        }
    }
}
