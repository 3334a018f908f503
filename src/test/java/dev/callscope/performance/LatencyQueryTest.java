package dev.callscope.performance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.callscope.chart.Palette;
import dev.callscope.demo.DemoOptions;
import dev.callscope.demo.DemoProgress;
import dev.callscope.demo.DemoWorkload;
import dev.callscope.engine.Engine;
import dev.callscope.engine.Query;
import dev.callscope.testing.TestEngine;
import dev.callscope.time.TimeRange;
import dev.callscope.timeline.CallAttempt;
import dev.callscope.timeline.CallRebuild;
import dev.callscope.timeline.CallTimeline;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Performance tab's numbers against an independent computation: calls rebuilt by the
 * Timeline's code, latencies measured in Java, percentiles picked by quantileExact's own rule.
 */
class LatencyQueryTest {

    private static final Instant END = Instant.parse("2026-11-20T12:00:00Z");
    private static final TimeRange RANGE = new TimeRange(END.minus(Duration.ofHours(6)), END);
    private static final Engine engine = TestEngine.shared();
    private static String db;
    private static List<CallTimeline> finished;

    @BeforeAll
    static void workload() {
        db = TestEngine.freshDatabase("perf");
        engine.execute(Query.of("DROP DATABASE " + db));
        DemoWorkload.generate(
                engine,
                DemoOptions.defaults(9)
                        .withCalls(6000)
                        .withLogsPerCall(0)
                        .withEnd(END)
                        .withSpan(Duration.ofHours(6))
                        .withDatabase(db),
                DemoProgress.NONE);
        List<CallTimeline> all =
                new CallRebuild(db).forIdRange(engine, "fc-", "fc-~", 1_000_000).calls();
        finished = all.stream()
                .filter(c -> c.attempts().stream().allMatch(a -> a.finishedAt() != null))
                .toList();
        assertTrue(finished.size() > 5000, "finished calls: " + finished.size());
    }

    /** ClickHouse's quantileExact: the element at floor(level * n) of the sorted values. */
    private static double quantileExact(List<Double> values, double level) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(null);
        int i = (int) Math.min(sorted.size() - 1, Math.floor(level * sorted.size()));
        return sorted.get(i);
    }

    private static double ms(Duration d) {
        return d.toNanos() / 1e6;
    }

    private void compare(Metric metric, ToDoubleFunction<CallTimeline> value, Predicate<CallTimeline> include) {
        Duration step = Duration.ofMinutes(10);
        LatencySeries s = new LatencyQuery(db).series(engine, List.of(), metric, RANGE, step, Precision.EXACT);
        Map<Integer, List<Double>> buckets = new HashMap<>();
        for (CallTimeline c : finished) {
            Instant fin = c.last().finishedAt();
            if (!RANGE.contains(fin) || !include.test(c)) {
                continue;
            }
            int b = (int) ((fin.getEpochSecond() - s.start().getEpochSecond()) / step.toSeconds());
            buckets.computeIfAbsent(b, k -> new ArrayList<>()).add(value.applyAsDouble(c));
        }
        long total = 0;
        for (int i = 0; i < s.size(); i++) {
            List<Double> v = buckets.getOrDefault(i, List.of());
            assertEquals(v.size(), s.samples()[i], metric + " samples in bucket " + i);
            total += v.size();
            if (v.isEmpty()) {
                assertTrue(Double.isNaN(s.value(Statistic.P50, i)));
                continue;
            }
            for (Statistic st : List.of(Statistic.P50, Statistic.P90, Statistic.P99)) {
                assertEquals(quantileExact(v, st.level()), s.value(st, i), 1e-6, metric + " " + st + " bucket " + i);
            }
            assertEquals(
                    v.stream().mapToDouble(Double::doubleValue).max().orElseThrow(), s.value(Statistic.MAX, i), 1e-6);
            assertEquals(
                    v.stream().mapToDouble(Double::doubleValue).average().orElseThrow(),
                    s.value(Statistic.AVG, i),
                    1e-6);
        }
        assertTrue(total > 1000, metric + " compared " + total + " calls");
    }

    /**
     * Asked for 10:00:30–11:00:45 in 5-minute buckets, the series counts the calls finished in
     * [10:00, 11:05) and says so: its read range, the chart's subtitle and the tab's status name it,
     * and the count is exactly the calls finished in that widened range (by hand from the calls).
     */
    @Test
    void aRangeWidenedToWholeBucketsSaysWhatItRead() {
        Instant tenOClock = END.minus(Duration.ofHours(2));
        TimeRange asked = new TimeRange(
                tenOClock.plusSeconds(30), tenOClock.plus(Duration.ofHours(1)).plusSeconds(45));
        LatencySeries s = new LatencyQuery(db)
                .series(engine, List.of(), Metric.EXECUTION, asked, Duration.ofMinutes(5), Precision.EXACT);
        assertEquals(new TimeRange(tenOClock, tenOClock.plus(Duration.ofMinutes(65))), s.readRange());
        assertEquals("[2026-11-20 10:00:00, 11:05:00) UTC", s.readRangeText(ZoneOffset.UTC));
        assertEquals("[2026-11-20 11:00:00, 12:05:00) Europe/Paris", s.readRangeText(ZoneId.of("Europe/Paris")));
        long byHand = finished.stream()
                .map(c -> c.attempts().getLast().finishedAt())
                .filter(f -> !f.isBefore(s.readRange().from())
                        && f.isBefore(s.readRange().to()))
                .count();
        assertEquals(
                byHand, Arrays.stream(s.samples()).sum(), "every call finished in the range read, none outside it");
        String subtitle = PerformanceChart.of(s, null, EnumSet.of(Statistic.P50), "all", Palette.of(false))
                .subtitle();
        assertTrue(
                subtitle.startsWith("calls finished [2026-11-20 10:00:00, 11:05:00) UTC (whole 5m buckets)"), subtitle);
    }

    @Test
    void executionPercentilesMatchTheCallsRebuiltInJava() {
        compare(Metric.EXECUTION, c -> ms(c.runTime(c.last().finishedAt())), c -> true);
    }

    @Test
    void queueAndEndToEndMatch() {
        compare(Metric.QUEUE, c -> ms(c.queueTime(c.last().finishedAt())), c -> true);
        compare(Metric.END_TO_END, c -> ms(c.endToEnd(c.last().finishedAt())), c -> true);
    }

    @Test
    void coldStartCountsOnlyCallsThatWaitedForAContainer() {
        compare(
                Metric.COLD_START,
                c -> ms(c.coldStartTime(c.last().finishedAt())),
                c -> c.attempts().stream().anyMatch(CallAttempt::coldStart));
    }

    @Test
    void estimatesStayWithinTheirDocumentedRankError() {
        Duration step = Duration.ofMinutes(30);
        LatencySeries exact =
                new LatencyQuery(db).series(engine, List.of(), Metric.EXECUTION, RANGE, step, Precision.EXACT);
        LatencySeries approx =
                new LatencyQuery(db).series(engine, List.of(), Metric.EXECUTION, RANGE, step, Precision.APPROXIMATE);
        Map<Integer, List<Double>> buckets = new HashMap<>();
        for (CallTimeline c : finished) {
            Instant fin = c.last().finishedAt();
            if (RANGE.contains(fin)) {
                int b = (int) ((fin.getEpochSecond() - exact.start().getEpochSecond()) / step.toSeconds());
                buckets.computeIfAbsent(b, k -> new ArrayList<>()).add(ms(c.runTime(fin)));
            }
        }
        int checked = 0;
        for (int i = 0; i < approx.size(); i++) {
            List<Double> v = new ArrayList<>(buckets.getOrDefault(i, List.of()));
            if (v.size() < 100) {
                continue;
            }
            v.sort(null);
            for (Statistic st : List.of(Statistic.P50, Statistic.P90, Statistic.P99)) {
                double estimate = approx.value(st, i);
                // the estimate's rank in the true sample, as a fraction: t-digest keeps it close to the asked level
                long below = v.stream().filter(x -> x < estimate).count();
                long atOrBelow = v.stream().filter(x -> x <= estimate).count();
                double lo = (double) below / v.size();
                double hi = (double) atOrBelow / v.size();
                double error = st.level() < lo ? lo - st.level() : st.level() > hi ? st.level() - hi : 0;
                assertTrue(
                        error <= 0.02,
                        st + " bucket " + i + ": rank error " + error + " (exact " + exact.value(st, i) + ", estimate "
                                + estimate + ")");
                checked++;
            }
        }
        assertTrue(checked >= 15, "buckets checked: " + checked / 3);
    }

    @Test
    void sparseBucketsAreMarkedAndEstimatesAreLabelled() {
        assertEquals(100, Statistic.P99.minSamples());
        assertEquals(10, Statistic.P90.minSamples());
        assertEquals(2, Statistic.P50.minSamples());
        LatencySeries approx = new LatencyQuery(db)
                .series(
                        engine,
                        List.of(),
                        Metric.EXECUTION,
                        RANGE,
                        LatencyQuery.step(RANGE, 200),
                        Precision.APPROXIMATE);
        assertEquals("t-digest estimate", approx.precision().label());
        assertTrue(approx.size() >= 100 && approx.size() <= 201, "about 200 buckets: " + approx.size());
        boolean someSparse = false;
        for (int i = 0; i < approx.size(); i++) {
            someSparse |= approx.samples()[i] > 0 && !approx.enough(Statistic.P99, i);
        }
        assertTrue(someSparse, "2-minute buckets of 6,000 calls over 6 h hold fewer than 100 calls");
    }
}
