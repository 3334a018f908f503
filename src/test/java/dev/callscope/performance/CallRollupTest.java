package dev.callscope.performance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.callscope.acceleration.RollupViews;
import dev.callscope.calls.AttemptRows;
import dev.callscope.calls.CallRollup;
import dev.callscope.demo.DemoOptions;
import dev.callscope.demo.DemoProgress;
import dev.callscope.demo.DemoWorkload;
import dev.callscope.engine.Engine;
import dev.callscope.engine.Query;
import dev.callscope.functions.FunctionRow;
import dev.callscope.functions.FunctionStats;
import dev.callscope.schema.Schema;
import dev.callscope.testing.TestEngine;
import dev.callscope.time.TimeRange;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The rollup is a faster way to the same numbers: percentiles, counts and the Functions table read
 * through it (whole 30-second slots from the rollup, the range's edges from the calls) equal those
 * read from the calls alone, on ranges that do not start or end on a slot, after sealing in several
 * steps while calls were still running.
 */
class CallRollupTest {

    private static final Instant END = Instant.parse("2026-11-21T12:00:00Z");
    private static final Engine engine = TestEngine.shared();
    private static String db;
    /** Where the first of the two seals stopped, mid-workload. */
    private static final Instant FIRST_SEAL = END.minus(Duration.ofMinutes(95));

    @BeforeAll
    static void workload() {
        db = TestEngine.freshDatabase("minutes");
        engine.execute(Query.of("DROP DATABASE " + db));
        DemoWorkload.generate(
                engine,
                DemoOptions.defaults(7)
                        .withCalls(5000)
                        .withLogsPerCall(0)
                        .withEnd(END)
                        .withSpan(Duration.ofHours(4))
                        .withDatabase(db),
                DemoProgress.NONE);
        // seal again in two steps, the first while calls finishing later were still running
        engine.execute(Query.of("TRUNCATE TABLE " + db + "." + Schema.ROLLUP_TABLE));
        // the first as the server's view would have run at FIRST_SEAL, the second by the view itself
        RollupViews.refreshAt(engine, db, FIRST_SEAL);
        assertTrue(RollupViews.installAndRefresh(engine, db) >= 1);
    }

    /** Starts and ends mid-slot, so both edges come from the calls. */
    private static final TimeRange RANGE = new TimeRange(
            END.minus(Duration.ofHours(3)).plusSeconds(17),
            END.minus(Duration.ofMinutes(2)).plusSeconds(41));

    @Test
    void sealingAgainChangesNothing() {
        // a sum of doubles depends on the order rows are read in: compared to the microsecond, not the last bit
        String sums =
                // (the view's own empty rows for no function move the seal on as the clock does: not counted)
                "SELECT sum(calls), count(), round(sum(run_sum), 3) FROM " + db + "." + Schema.ROLLUP_TABLE
                        + " FINAL WHERE function_id != ''";
        String before = engine.queryScalar(Query.of(sums.replace(", count(), round(sum(run_sum), 3)", "")));
        String all = engine.query(
                        Query.of(sums),
                        rows -> rows.next()
                                ? rows.getString(1) + "/" + rows.getString(2) + "/" + rows.getString(3)
                                : "")
                .value();
        RollupViews.refreshNow(engine, db);
        RollupViews.refreshAt(engine, db, END.plus(Duration.ofMinutes(5)));
        assertEquals(
                all,
                engine.query(
                                Query.of(sums),
                                rows -> rows.next()
                                        ? rows.getString(1) + "/" + rows.getString(2) + "/" + rows.getString(3)
                                        : "")
                        .value());
        assertTrue(Long.parseLong(before) > 4000, before);
    }

    @Test
    void rangesSplitIntoWholeSealedSlotsAndEdges() {
        CallRollup rollup = CallRollup.of(engine, db);
        Instant sealed = rollup.sealedUntil().orElseThrow();
        assertTrue(!sealed.isBefore(END), "the view seals through a minute before now, past the data: " + sealed);
        CallRollup.Split split = rollup.split(RANGE).orElseThrow();
        assertEquals(new TimeRange(RANGE.from(), RANGE.from().plusSeconds(13)), split.head());
        assertEquals(RANGE.from().plusSeconds(13), split.slots().from());
        assertEquals(0, split.slots().to().getEpochSecond() % 30);
        assertNotNull(split.tail());
        assertEquals(RANGE.to(), split.tail().to());
        // nothing sealed, or a range after the seal: all from the calls
        assertTrue(CallRollup.none(db).split(RANGE).isEmpty());
        assertTrue(rollup.split(new TimeRange(sealed, sealed.plusSeconds(600))).isEmpty());
        // a quarter of an hour with edges is cheaper read from the calls than through the rollup and
        // its edges, an hour is not; a whole hour of sealed slots is read from the rollup alone
        assertTrue(
                rollup.split(new TimeRange(sealed.minus(Duration.ofMinutes(15)).plusSeconds(7), sealed))
                        .isEmpty());
        assertNotNull(
                rollup.split(new TimeRange(sealed.minus(Duration.ofHours(1)).plusSeconds(7), sealed))
                        .orElseThrow()
                        .head());
        CallRollup.Split hour = rollup.split(new TimeRange(sealed.minus(Duration.ofHours(1)), sealed))
                .orElseThrow();
        assertNull(hour.head());
        assertNull(hour.tail());
        CallRollup.Split aligned = rollup.split(new TimeRange(END.minus(Duration.ofHours(3)), sealed))
                .orElseThrow();
        assertNull(aligned.head());
        assertNull(aligned.tail());
    }

    @Test
    void percentilesThroughTheRollupEqualThoseFromTheCalls() {
        AttemptRows attempts = AttemptRows.of(engine, db);
        CallRollup sealed = CallRollup.of(engine, db);
        LatencyQuery latency = new LatencyQuery(db);
        // sealed to the end (whole buckets need no calls) and sealed 50 minutes short (a tail from the calls)
        for (CallRollup rollup : List.of(
                sealed,
                CallRollup.sealedBefore(db, END.minus(Duration.ofMinutes(50)).plusSeconds(30)))) {
            for (Duration step : List.of(Duration.ofSeconds(30), Duration.ofMinutes(1), Duration.ofMinutes(5))) {
                for (Metric metric : Metric.values()) {
                    Query fast = latency.query(attempts, rollup, List.of(), metric, RANGE, step, Precision.EXACT);
                    assertTrue(fast.sql().contains(Schema.ROLLUP_TABLE), "the rollup is read");
                    double[][] viaRollup = run(fast);
                    double[][] fromCalls =
                            run(latency.query(attempts, List.of(), metric, RANGE, step, Precision.EXACT));
                    assertTrue(fromCalls.length > 30, metric + ": buckets " + fromCalls.length);
                    assertEquals(fromCalls.length, viaRollup.length, metric + " buckets");
                    for (int i = 0; i < fromCalls.length; i++) {
                        // bucket, count, p50, p90, p99, max: identical; the average up to summation order
                        double[] a = fromCalls[i];
                        double[] b = viaRollup[i];
                        assertArrayEquals(
                                new double[] {a[0], a[1], a[2], a[3], a[4], a[6]},
                                new double[] {b[0], b[1], b[2], b[3], b[4], b[6]},
                                0,
                                metric + " " + step + " bucket " + a[0]);
                        assertEquals(a[5], b[5], Math.abs(a[5]) * 1e-12, metric + " avg");
                    }
                }
            }
        }
    }

    @Test
    void oneFunctionThroughTheRollupEqualsTheCalls() {
        AttemptRows attempts = AttemptRows.of(engine, db);
        String fn = engine.queryScalar(Query.of("SELECT function_id FROM " + db + "." + Schema.ROLLUP_TABLE
                + " GROUP BY function_id ORDER BY sum(calls) DESC LIMIT 1"));
        LatencyQuery latency = new LatencyQuery(db);
        double[][] viaRollup = run(latency.query(
                attempts,
                CallRollup.of(engine, db),
                List.of(fn),
                Metric.QUEUE,
                RANGE,
                Duration.ofMinutes(10),
                Precision.EXACT));
        double[][] fromCalls =
                run(latency.query(attempts, List.of(fn), Metric.QUEUE, RANGE, Duration.ofMinutes(10), Precision.EXACT));
        assertEquals(Arrays.deepToString(round(fromCalls)), Arrays.deepToString(round(viaRollup)));
    }

    @Test
    void approximatePercentilesThroughTheRollupStayCloseToTheExactOnes() {
        AttemptRows attempts = AttemptRows.of(engine, db);
        LatencyQuery latency = new LatencyQuery(db);
        double[][] exact = run(
                latency.query(attempts, List.of(), Metric.EXECUTION, RANGE, Duration.ofMinutes(30), Precision.EXACT));
        double[][] digest = run(latency.query(
                attempts,
                CallRollup.of(engine, db),
                List.of(),
                Metric.EXECUTION,
                RANGE,
                Duration.ofMinutes(30),
                Precision.APPROXIMATE));
        assertEquals(exact.length, digest.length);
        for (int i = 0; i < exact.length; i++) {
            assertEquals(exact[i][1], digest[i][1], "samples");
            // a t-digest merged from slots is still an estimate of the median: within 15 % here
            assertEquals(exact[i][2], digest[i][2], exact[i][2] * 0.15, "p50 bucket " + i);
        }
    }

    @Test
    void functionsTableThroughTheRollupEqualsTheCalls() {
        AttemptRows attempts = AttemptRows.of(engine, db);
        FunctionStats stats = new FunctionStats(db);
        Query fast = stats.query(attempts, CallRollup.of(engine, db), RANGE);
        assertTrue(fast.sql().contains(Schema.ROLLUP_TABLE));
        List<String> viaRollup = table(fast);
        List<String> fromCalls = table(stats.query(attempts, RANGE));
        assertTrue(fromCalls.size() >= 15, "functions: " + fromCalls.size());
        assertEquals(fromCalls, viaRollup);
        List<FunctionRow> rows = stats.table(engine, RANGE).rows();
        assertEquals(fromCalls.size(), rows.stream().filter(r -> r.calls() > 0).count());
        // a function none of whose calls finished in the range is listed for its calls with no finish event only
        assertFalse(rows.stream().anyMatch(r -> r.calls() == 0 && r.noFinishEvent() == 0));
    }

    static double[][] run(Query q) {
        return engine.query(q, rows -> {
                    List<double[]> out = new ArrayList<>();
                    while (rows.next()) {
                        List<?> qs = rows.getList(3);
                        out.add(new double[] {
                            rows.getLong(1),
                            rows.getLong(2),
                            ((Number) qs.get(0)).doubleValue(),
                            ((Number) qs.get(1)).doubleValue(),
                            ((Number) qs.get(2)).doubleValue(),
                            rows.getDouble(4),
                            rows.getDouble(5)
                        });
                    }
                    return out.toArray(double[][]::new);
                })
                .value();
    }

    private static double[][] round(double[][] rows) {
        return Arrays.stream(rows)
                .map(r -> Arrays.stream(r).map(v -> Math.round(v * 1e6) / 1e6).toArray())
                .toArray(double[][]::new);
    }

    static List<String> table(Query q) {
        return engine.query(q, rows -> {
                    List<String> out = new ArrayList<>();
                    while (rows.next()) {
                        StringBuilder line = new StringBuilder();
                        for (int c = 1; c <= 10; c++) {
                            line.append(rows.getString(c)).append('|');
                        }
                        out.add(line.toString());
                    }
                    return out;
                })
                .value();
    }
}
