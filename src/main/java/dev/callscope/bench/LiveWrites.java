package dev.callscope.bench;

import dev.callscope.acceleration.RollupViews;
import dev.callscope.calls.AttemptRows;
import dev.callscope.calls.CallRollup;
import dev.callscope.calls.EventSchema;
import dev.callscope.demo.DemoOptions;
import dev.callscope.demo.DemoWorkload;
import dev.callscope.demo.LiveFeed;
import dev.callscope.demo.PipelineSink;
import dev.callscope.engine.Engine;
import dev.callscope.engine.Query;
import dev.callscope.engine.SqlPart;
import dev.callscope.functions.FunctionStats;
import dev.callscope.performance.LatencyQuery;
import dev.callscope.performance.Metric;
import dev.callscope.performance.Precision;
import dev.callscope.schema.Schema;
import dev.callscope.time.TimeRange;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The recent edge under live writes ({@code bench --live SECONDS}): while {@link LiveFeed} writes
 * calls as they happen (a batch every 200 ms), the Functions table and Performance by minute are
 * read for the last hour, as the tabs read them (the rollup's seal read each time), every half
 * second; and the newest finish a view can see is compared with the clock: how long a call that
 * finishes now takes to show. The base is an hour of calls at the live rate ending when it is
 * written (7.2M calls at 2,000 a second, no log lines), in a database of its own (live rows would
 * move a reused dataset's end).
 */
public final class LiveWrites {

    /** One layout's reads during the writes, in milliseconds. */
    public record Reads(
            String layout,
            double functionsP50,
            double functionsP99,
            double tabP50,
            double tabP99,
            double performanceP50,
            double performanceP99,
            double visibleP50,
            double visibleP99,
            double visibleMax) {}

    /** What a run measured. */
    public record Result(double rate, LiveFeed.Summary feed, int probes, List<Reads> layouts) {}

    /** The base hour's calls at {@code rate}: the last hour is as full as the live writes make it. */
    public static int baseCalls(double rate) {
        return (int) Math.min(DemoOptions.MAX_CALLS, Math.round(rate * HOUR.toSeconds()));
    }

    private static final Duration HOUR = Duration.ofHours(1);

    private LiveWrites() {}

    /** A layout the tabs read: its events and how they find its attempts. */
    private record Layout(
            String name, EventSchema events, List<Double> fn, List<Double> tab, List<Double> perf, List<Double> seen) {
        Layout(String name, EventSchema events) {
            this(name, events, new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        }
    }

    /**
     * Writes {@code baseCalls} calls into {@code db} first unless it holds a workload (and its
     * Modal-shaped copy, accelerated), then writes live into both for {@code duration}.
     */
    public static Result run(
            Engine engine, String db, int baseCalls, double rate, Duration duration, PrintWriter progress)
            throws InterruptedException {
        if (DemoWorkload.isLoaded(engine, db) && stale(engine, db)) {
            // an earlier run's base hour is past: its last hour would hold only live rows
            for (String d : List.of(db, UserShapedTable.database(db), UserShapedTable.accelerated(db))) {
                engine.execute(Query.of("DROP DATABASE IF EXISTS " + d));
            }
        }
        if (!DemoWorkload.isLoaded(engine, db)) {
            progress.printf("  live: writing a base hour of %,d calls into %s …%n", baseCalls, db);
            progress.flush();
            DemoWorkload.generate(
                    engine, new DemoOptions(11, baseCalls, 0, Instant.now(), HOUR, db), (stage, fraction) -> {});
        }
        RollupViews.installAndRefresh(engine, db);
        progress.printf("  live: the user-shaped table: %s%n", UserShapedTable.ensure(engine, db));
        progress.flush();
        List<Layout> layouts = List.of(
                new Layout("Callscope's schema", EventSchema.canonical(db)),
                new Layout("a user's table, accelerated", UserShapedTable.mapping(db)));
        AtomicBoolean stop = new AtomicBoolean();
        LiveFeed feed = new LiveFeed(
                engine,
                db,
                rate,
                0,
                17,
                List.of(PipelineSink.modalShaped(UserShapedTable.database(db), UserShapedTable.TABLE)));
        LiveFeed.Summary[] summary = new LiveFeed.Summary[1];
        Thread writer = Thread.ofPlatform().name("live-writes").start(() -> {
            try {
                summary[0] = feed.run(duration, stop, (rows, perSecond, age) -> {});
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        int probes = 0;
        Thread.sleep(3_000); // the feed's first seconds fill its horizon
        while (writer.isAlive()) {
            long round = System.nanoTime();
            for (Layout layout : layouts) {
                probe(engine, layout);
            }
            probes++;
            Thread.sleep(Math.max(0, 500 - (System.nanoTime() - round) / 1_000_000));
        }
        writer.join();
        List<Reads> reads = layouts.stream()
                .map(l -> new Reads(
                        l.name(),
                        pct(l.fn(), 0.5),
                        pct(l.fn(), 0.99),
                        pct(l.tab(), 0.5),
                        pct(l.tab(), 0.99),
                        pct(l.perf(), 0.5),
                        pct(l.perf(), 0.99),
                        pct(l.seen(), 0.5),
                        pct(l.seen(), 0.99),
                        pct(l.seen(), 1.0)))
                .toList();
        return new Result(rate, summary[0], probes, reads);
    }

    /** Whether the newest event is more than ten minutes old. */
    private static boolean stale(Engine engine, String db) {
        return "1"
                .equals(engine.queryScalar(Query.of("SELECT max(event_at) < now64(6) - INTERVAL 10 MINUTE FROM " + db
                        + "." + Schema.EVENTS_TABLE)));
    }

    /** The last hour's Functions table and Performance as the tabs read them, and the newest finish their rows hold. */
    private static void probe(Engine engine, Layout layout) {
        Instant now = Instant.now();
        TimeRange lastHour = new TimeRange(now.minus(HOUR), now);
        long t0 = System.nanoTime();
        // the whole tab (its table, the No finish column, the functions' names); the table's own query apart
        FunctionStats.Result table = new FunctionStats(layout.events()).table(engine, lastHour);
        long t1 = System.nanoTime();
        AttemptRows attempts = AttemptRows.of(engine, layout.events());
        CallRollup rollup = CallRollup.of(engine, attempts);
        rows(
                engine,
                new LatencyQuery(layout.events())
                        .query(
                                attempts,
                                rollup,
                                List.of(),
                                Metric.EXECUTION,
                                lastHour,
                                Duration.ofMinutes(1),
                                Precision.EXACT));
        long t2 = System.nanoTime();
        SqlPart since = SqlPart.time("since", now.minus(Duration.ofMinutes(5)));
        String newest = engine.queryScalar(SqlPart.format(
                        "SELECT toUnixTimestamp64Micro(max(fin)) FROM (%s)",
                        attempts.select(SqlPart.format("enqueued_at >= %s", since), since))
                .query());
        Instant seen = Instant.now();
        layout.tab().add((t1 - t0) / 1e6);
        layout.fn().add(table.stats().elapsed().toNanos() / 1e6);
        layout.perf().add((t2 - t1) / 1e6);
        long finUs = Long.parseLong(newest);
        if (finUs > 0) {
            layout.seen().add((ChronoUnit.MICROS.between(Instant.EPOCH, seen) - finUs) / 1000.0);
        }
    }

    private static void rows(Engine engine, Query q) {
        engine.query(q, r -> {
            int columns = r.columnNames().size();
            while (r.next()) {
                for (int c = 1; c <= columns; c++) {
                    r.getObject(c);
                }
            }
            return null;
        });
    }

    private static double pct(List<Double> values, double p) {
        return values.isEmpty()
                ? Double.NaN
                : Stats.percentile(
                        values.stream().mapToDouble(Double::doubleValue).toArray(), p);
    }

    /** The result as Markdown for docs/BENCHMARKS.md. */
    public static String markdown(Result r) {
        StringBuilder sb = new StringBuilder(String.format(
                Locale.ROOT,
                """
                Live writes: %,.0f calls/s for %.0f s (%,d events, a batch every 200 ms into both tables, insert p99 %d ms), \
                each layout read every half second (%d reads):

                | layout | read, last hour, during the writes | p50 ms | p99 ms | target |
                |---|---|---:|---:|---|
                """,
                r.rate(),
                r.feed().elapsed().toMillis() / 1000.0,
                r.feed().events(),
                r.feed().insertP99Ms(),
                r.probes()));
        for (Reads l : r.layouts()) {
            sb.append(String.format(
                    Locale.ROOT,
                    """
                    | %1$s | Functions table (with the rollup's seal), its query | %2$.1f | %3$.1f | #17 ≤ 50 ms |
                    | %1$s | Functions tab, whole: the table, No finish, names | %9$.1f | %10$.1f | #17 ≤ 50 ms |
                    | %1$s | Performance, exact by minute | %4$.1f | %5$.1f | #17 ≤ 50 ms |
                    | %1$s | a finished call visible to the views (its finish to the read's answer) | %6$.0f | %7$.0f (max %8$.0f) | #17 ≤ 2,000 ms p99 |
                    """,
                    l.layout(),
                    l.functionsP50(),
                    l.functionsP99(),
                    l.performanceP50(),
                    l.performanceP99(),
                    l.visibleP50(),
                    l.visibleP99(),
                    l.visibleMax(),
                    l.tabP50(),
                    l.tabP99()));
        }
        return sb.toString();
    }
}
