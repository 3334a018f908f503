package dev.callscope.cli;

import dev.callscope.acceleration.RollupViews;
import dev.callscope.bench.Benchmark;
import dev.callscope.bench.LiveWrites;
import dev.callscope.bench.PipelineDataset;
import dev.callscope.bench.UserShapedTable;
import dev.callscope.calls.AttemptRows;
import dev.callscope.calls.EventSchema;
import dev.callscope.demo.BenchBatch;
import dev.callscope.demo.BenchTree;
import dev.callscope.demo.DemoOptions;
import dev.callscope.demo.DemoSummary;
import dev.callscope.demo.DemoWorkload;
import dev.callscope.demo.LiveFeed;
import dev.callscope.engine.Engine;
import dev.callscope.engine.Query;
import dev.callscope.schema.Schema;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Builds (or reuses) a dataset of a chosen size, reports the ingest rate, then each view query's
 * p50/p90 beside the engine's own time for the same SQL. Results go to stdout as Markdown.
 */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        description = "Measure ingest rate and view-query latency on a dataset of a chosen size.")
final class BenchCommand implements Callable<Integer> {

    @Mixin
    CommandSupport support;

    /** Dataset sizes by name; "full" is issue #9's: at least 50M events and 100M log lines. */
    enum Scale {
        small(20_000),
        standard(1_000_000),
        full(12_600_000);

        final int calls;

        Scale(int calls) {
            this.calls = calls;
        }
    }

    @Option(
            names = "--scale",
            defaultValue = "standard",
            description =
                    "Dataset size: ${COMPLETION-CANDIDATES} "
                            + "(20k, 1M or 12.6M calls; full is about 50M events and 130M log lines). Default: ${DEFAULT-VALUE}.")
    Scale scale;

    @Option(names = "--calls", description = "Calls in the dataset (overrides --scale).")
    Integer callsOverride;

    int calls;

    @Option(
            names = "--logs-per-call",
            defaultValue = "" + DemoOptions.DEFAULT_LOGS_PER_CALL,
            description = "Log lines per call attempt (default: ${DEFAULT-VALUE}).")
    int logsPerCall;

    @Option(names = "--database", description = "Database (default: bench_<calls>).")
    String database;

    @Option(
            names = "--only",
            defaultValue = "",
            paramLabel = "TEXT",
            description = "Run only the queries whose name contains TEXT.")
    String only;

    @Option(names = "--show-sql", description = "Print each query's SQL, parameters and settings before measuring it.")
    boolean showSql;

    @Option(
            names = "--user-table",
            description = "Also measure the dataset as a user's own table: a Modal-shaped copy of the "
                    + "events (one ReplacingMergeTree keyed (function_id, function_call_id, event_at)) read through a mapping, raw and "
                    + "accelerated (callscope accelerate). Built once; a reused --data-dir keeps it.")
    boolean userTable;

    @Option(
            names = "--pipeline",
            description = "Build the dataset only as a user's pipeline would write it: every function interleaved in "
                    + "arrival order, a batch per 7.5 s of arrivals (the Kafka engine's default), duplicates, events "
                    + "out of order and 2-15 minutes late, at once into Callscope's schema and a Modal-shaped table "
                    + "accelerated before its first row. The app seals, merges and optimizes nothing. No log lines "
                    + "(the log queries are left out). Database: bench_<calls>_pipe.")
    boolean pipeline;

    @Option(
            names = "--live",
            paramLabel = "SECONDS",
            description = "Instead of the dataset's queries: write calls live for SECONDS (into bench_live, after "
                    + "an hour of calls at the same rate, or --calls, ending now) and read the last hour's Functions table and Performance every "
                    + "half second while they arrive, and how soon a finished call shows.")
    Integer liveSeconds;

    @Option(
            names = "--rate",
            defaultValue = "2000",
            description = "Calls a second for --live (default: ${DEFAULT-VALUE}).")
    double rate;

    @Option(names = "--runs", defaultValue = "10", description = "Measured runs per query (default: ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--warmups", defaultValue = "2", description = "Unmeasured runs first (default: ${DEFAULT-VALUE}).")
    int warmups;

    @Override
    public Integer call() {
        calls = callsOverride != null ? callsOverride : scale.calls;
        if (runs < 1 || runs > 1000 || warmups < 0 || warmups > 100) {
            return support.usageError("--runs must be between 1 and 1000, --warmups between 0 and 100");
        }
        try {
            new DemoOptions(
                    0, calls, logsPerCall, Instant.now(), DemoOptions.DEFAULT_SPAN, DemoOptions.DEFAULT_DATABASE);
        } catch (IllegalArgumentException e) {
            return support.usageError(e.getMessage()); // the dataset's sizes, checked as demo checks them
        }
        String db = database != null
                ? database
                : pipeline ? PipelineDataset.database(calls) : "bench_" + calls + "_" + logsPerCall;
        if (liveSeconds != null) {
            if (liveSeconds < 10 || liveSeconds > 3600 || !(rate > 0 && rate <= LiveFeed.MAX_RATE)) {
                return support.usageError(
                        "--live takes 10 to 3600 seconds, --rate above 0 and at most " + (long) LiveFeed.MAX_RATE);
            }
            String liveDb = database != null ? database : "bench_live";
            return support.withEngine(engine -> {
                try {
                    LiveWrites.Result r = LiveWrites.run(
                            engine,
                            liveDb,
                            callsOverride != null ? callsOverride : LiveWrites.baseCalls(rate),
                            rate,
                            Duration.ofSeconds(liveSeconds),
                            support.err());
                    support.out().print(LiveWrites.markdown(r));
                    support.out().flush();
                    return CommandSupport.OK;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return CommandSupport.CANNOT_CONNECT_OR_QUERY;
                }
            });
        }
        EventSchema mapped;
        try {
            mapped = support.events(DemoOptions.DEFAULT_DATABASE);
        } catch (IllegalArgumentException e) {
            return support.usageError(e.getMessage());
        }
        if (!mapped.canonical()) {
            support.embeddedLimits = null;
            return support.withEngine(engine -> measureMapped(engine, mapped));
        }
        support.embeddedLimits = null; // the raw baselines take 16-34 s at full scale: timed whole, not stopped at 30 s
        return support.withEngine(engine -> run(engine, db));
    }

    /**
     * The heap the generator needs for {@code calls} calls (it simulates two functions at a time): at full scale, 12.6M
     * calls ran out of the 6 GB a 24 GB machine gives by default and fit in 10 GB, so 800 bytes a call, at least 512 MB.
     */
    private static long heapToGenerate(long calls) {
        return Math.max(512L << 20, calls * 800);
    }

    /** Whole GiB, rounded up: what {@code -Xmx<n>g} asks for. */
    private static long gigabytes(long bytes) {
        return (bytes + (1L << 30) - 1) >> 30;
    }

    /** Whether a partition of the summary holds more than one part. */
    private static boolean unmergedSummary(Engine engine, String db) {
        return !"0".equals(engine.queryScalar(Query.of("""
                SELECT count() FROM (SELECT partition FROM system.parts WHERE database = {db:String} AND table = {t:String} AND active
                GROUP BY partition HAVING count() > 1)""").bind("db", db).bind("t", Schema.ATTEMPTS_TABLE)));
    }

    private int run(Engine engine, String db) {
        var out = support.out();
        out.println("# Callscope benchmark");
        out.println();
        out.printf(
                Locale.ROOT,
                "- engine: %s%n- machine: %d cores, %s, Java %s%n",
                engine.info().describe(),
                Runtime.getRuntime().availableProcessors(),
                System.getProperty("os.name") + " " + System.getProperty("os.arch"),
                Runtime.version());
        if (pipeline) {
            DemoOptions options = new DemoOptions(DEMO_SEED, calls, 0, Instant.now(), DemoOptions.DEFAULT_SPAN, db);
            out.printf("- dataset, pipeline-written: %s%n", PipelineDataset.ensure(engine, options, support.err()));
            return measure(engine, db);
        }
        if (DemoWorkload.isLoaded(engine, db)) {
            out.printf("- dataset: reused database %s%n", db);
            long t0 = System.nanoTime();
            if (Schema.addAttempts(engine, db)) {
                out.printf(
                        Locale.ROOT, "- added the per-attempt summary table: %.1f s%n", (System.nanoTime() - t0) / 1e9);
            }
            long t2 = System.nanoTime();
            if (Schema.addLogSeconds(engine, db)) {
                out.printf(
                        Locale.ROOT, "- added the logs' time to the second: %.1f s%n", (System.nanoTime() - t2) / 1e9);
            }
            long t3 = System.nanoTime();
            if (Schema.addLogPatterns(engine, db, true)) {
                out.printf(Locale.ROOT, "- added the logs' patterns: %.1f s%n", (System.nanoTime() - t3) / 1e9);
            }
        } else {
            long need = heapToGenerate(calls);
            long max = Runtime.getRuntime().maxMemory();
            if (max < need) {
                // said before minutes of generating, not as an OutOfMemoryError after them
                return support.usageError(String.format(
                        Locale.ROOT,
                        "generating %,d calls needs about %d GiB of Java heap and this JVM has %.1f GiB: run it as"
                                + " java -Xmx%dg -jar callscope.jar bench …, or choose a smaller --scale",
                        calls,
                        gigabytes(need),
                        max / (double) (1L << 30),
                        gigabytes(need)));
            }
            DemoOptions options =
                    new DemoOptions(DEMO_SEED, calls, logsPerCall, Instant.now(), DemoOptions.DEFAULT_SPAN, db);
            DemoSummary s = DemoWorkload.generate(engine, options, (stage, f) -> {});
            out.printf(
                    Locale.ROOT,
                    "- dataset: %,d calls, %,d events, %,d log lines (database %s)%n",
                    s.calls(),
                    s.events(),
                    s.logLines(),
                    db);
            out.printf(
                    Locale.ROOT,
                    "- ingest: %.1f s, **%,.0f rows/s**%n",
                    s.elapsed().toMillis() / 1000.0,
                    s.rowsPerSecond());
        }
        long t1 = System.nanoTime();
        int refreshes = RollupViews.installAndRefresh(engine, db);
        out.printf(
                Locale.ROOT,
                "- rollup sealed by the server's refreshable view: %d runs, %.1f s%n",
                refreshes,
                (System.nanoTime() - t1) / 1e9);
        if (Long.parseLong(engine.queryScalar(Query.of("SELECT count() FROM " + db + "." + Schema.ATTEMPTS_TABLE)))
                >= 1_000_000) {
            long t3 = System.nanoTime();
            String root = BenchTree.ensure(engine, db);
            out.printf(
                    Locale.ROOT,
                    "- call tree of %,d+ calls for the Call graph: root %s (%.1f s)%n",
                    BenchTree.CALLS,
                    root,
                    (System.nanoTime() - t3) / 1e9);
            long t4 = System.nanoTime();
            String job = BenchBatch.ensure(engine, db);
            out.printf(
                    Locale.ROOT,
                    "- batch job of %,d inputs for the Batches tab: %s (%.1f s)%n",
                    BenchBatch.INPUTS,
                    job,
                    (System.nanoTime() - t4) / 1e9);
            // what was written above (or by an earlier version's run) sits in parts of its own: a server merges them in
            // the
            // background over time; the benchmark merges them first, so a reused dataset measures the same thing each
            // run
            if (unmergedSummary(engine, db)) {
                long t5 = System.nanoTime();
                Schema.mergeAttempts(engine, db);
                out.printf(Locale.ROOT, "- summary parts merged (%.1f s)%n", (System.nanoTime() - t5) / 1e9);
            }
        }
        if (userTable) {
            out.printf("- user's table: %s%n", UserShapedTable.ensure(engine, db));
        }
        return measure(engine, db);
    }

    /** {@code --profile NAME} with the user's own events table: its views, raw and (once accelerated) accelerated. */
    private int measureMapped(Engine engine, EventSchema mapping) {
        var out = support.out();
        out.println("# Callscope benchmark: your own table");
        out.println();
        out.printf("- engine: %s%n- table: %s.%s%n", engine.info().describe(), mapping.database(), mapping.table());
        boolean accelerated = AttemptRows.of(engine, mapping).summarized();
        out.println(
                accelerated
                        ? "- accelerated (callscope accelerate): raw and accelerated are measured"
                        : "- not accelerated: read raw (`callscope accelerate --profile NAME --apply` keeps a summary)");
        out.printf("- runs: %d measured after %d warm-up%n%n", runs, warmups);
        out.print(Benchmark.markdown(
                new Benchmark(engine, mapping.database(), warmups, runs).runMapped(mapping, support.err(), only)));
        out.flush();
        return CommandSupport.OK;
    }

    private int measure(Engine engine, String db) {
        var out = support.out();
        out.printf(
                "- runs: %d measured after %d warm-up; \"cold\" is one run before them, after dropping the engine's caches%s%n%n",
                runs,
                warmups,
                Benchmark.osPageCacheDroppable()
                        ? " and the OS page cache"
                        : " (the OS page cache could not be dropped)");
        List<Benchmark.Result> results = new Benchmark(engine, db, warmups, runs).run(support.err(), only, showSql);
        out.print(Benchmark.markdown(results));
        out.flush();
        return CommandSupport.OK;
    }

    private static final long DEMO_SEED = 7L;
}
