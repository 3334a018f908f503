package dev.callscope.functions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.callscope.demo.DemoOptions;
import dev.callscope.demo.DemoProgress;
import dev.callscope.demo.DemoWorkload;
import dev.callscope.engine.Engine;
import dev.callscope.engine.Query;
import dev.callscope.testing.TestEngine;
import dev.callscope.time.TimeRange;
import dev.callscope.timeline.CallAttempt;
import dev.callscope.timeline.CallRebuild;
import dev.callscope.timeline.CallStatus;
import dev.callscope.timeline.CallTimeline;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Functions tab's counts, rates, percentiles and scaling series against calls rebuilt in Java. */
class FunctionStatsTest {

    private static final Instant END = Instant.parse("2026-11-21T12:00:00Z");
    private static final TimeRange RANGE = new TimeRange(END.minus(Duration.ofHours(5)), END);
    private static final Engine engine = TestEngine.shared();
    private static String db;
    private static List<CallTimeline> calls;

    @BeforeAll
    static void workload() {
        db = TestEngine.freshDatabase("fn");
        engine.execute(Query.of("DROP DATABASE " + db));
        DemoWorkload.generate(
                engine,
                DemoOptions.defaults(12)
                        .withCalls(5000)
                        .withLogsPerCall(0)
                        .withEnd(END)
                        .withSpan(Duration.ofHours(6))
                        .withDatabase(db),
                DemoProgress.NONE);
        calls = new CallRebuild(db).forIdRange(engine, "fc-", "fc-~", 1_000_000).calls();
    }

    private static boolean finishedInRange(CallTimeline c) {
        return c.attempts().stream().allMatch(a -> a.finishedAt() != null)
                && RANGE.contains(c.last().finishedAt());
    }

    private static double quantileExact(List<Double> values, double level) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(null);
        return sorted.get((int) Math.min(sorted.size() - 1, Math.floor(level * sorted.size())));
    }

    @Test
    void tableMatchesTheCallsRebuiltInJava() {
        List<FunctionRow> rows = new FunctionStats(db).table(engine, RANGE).rows();
        Map<String, List<CallTimeline>> byFunction = calls.stream()
                .filter(FunctionStatsTest::finishedInRange)
                .collect(Collectors.groupingBy(CallTimeline::functionId));
        assertEquals(
                byFunction.keySet(), rows.stream().map(FunctionRow::functionId).collect(Collectors.toSet()));
        assertTrue(rows.size() >= 15);
        for (FunctionRow row : rows) {
            List<CallTimeline> mine = byFunction.get(row.functionId());
            assertEquals(mine.size(), row.calls(), row.name());
            assertEquals(
                    mine.stream()
                            .filter(c -> c.finalStatus() == CallStatus.SUCCESS)
                            .count(),
                    row.successes(),
                    row.name());
            assertEquals(
                    mine.stream()
                            .filter(c -> c.finalStatus() == CallStatus.FAILURE)
                            .count(),
                    row.failures(),
                    row.name());
            assertEquals(
                    mine.stream()
                            .filter(c -> c.finalStatus() == CallStatus.TIMEOUT)
                            .count(),
                    row.timeouts(),
                    row.name());
            List<Double> run = mine.stream()
                    .map(c -> c.runTime(c.last().finishedAt()).toNanos() / 1e6)
                    .toList();
            assertEquals(quantileExact(run, 0.5), row.p50ExecutionMs(), 1e-6, row.name());
            assertEquals(quantileExact(run, 0.99), row.p99ExecutionMs(), 1e-6, row.name());
            double cold = mine.stream()
                            .filter(c -> c.attempts().stream().anyMatch(CallAttempt::coldStart))
                            .count()
                    / (double) mine.size();
            assertEquals(cold, row.coldStartShare(), 1e-9, row.name());
            assertTrue(row.failureRate() >= 0 && row.failureRate() <= 1);
            assertTrue(!row.name().isEmpty() && !row.name().startsWith("fu-"), "named: " + row.name());
        }
    }

    @Test
    void redeliveredEventsInflateNothing() {
        FunctionStats stats = new FunctionStats(db);
        List<FunctionRow> before = stats.table(engine, RANGE).rows();
        String busiest = before.getFirst().functionId();
        ScalingSeries scalingBefore = new Scaling(db).series(engine, busiest, RANGE, Duration.ofMinutes(15));
        long rows = Long.parseLong(engine.queryScalar(Query.of("SELECT count() FROM " + db + ".function_call_events")));
        // every event delivered once more, in a separate insert, as at-least-once delivery does
        engine.execute(
                Query.of("INSERT INTO " + db + ".function_call_events SELECT * FROM " + db + ".function_call_events"));
        long after =
                Long.parseLong(engine.queryScalar(Query.of("SELECT count() FROM " + db + ".function_call_events")));
        assertTrue(after > rows, "the duplicates are there (not merged away yet): " + rows + " -> " + after);
        assertEquals(before, stats.table(engine, RANGE).rows());
        ScalingSeries scalingAfter = new Scaling(db).series(engine, busiest, RANGE, Duration.ofMinutes(15));
        assertEquals(Arrays.toString(scalingBefore.enqueued()), Arrays.toString(scalingAfter.enqueued()));
        assertEquals(Arrays.toString(scalingBefore.succeeded()), Arrays.toString(scalingAfter.succeeded()));
        assertEquals(Arrays.toString(scalingBefore.running()), Arrays.toString(scalingAfter.running()));
        assertEquals(Arrays.toString(scalingBefore.containers()), Arrays.toString(scalingAfter.containers()));
    }

    @Test
    void scalingSeriesMatchTheCallsRebuiltInJava() {
        FunctionRow busiest = new FunctionStats(db).table(engine, RANGE).rows().getFirst();
        Duration step = Duration.ofMinutes(15);
        ScalingSeries s = new Scaling(db).series(engine, busiest.functionId(), RANGE, step);
        List<CallTimeline> mine = calls.stream()
                .filter(c -> c.functionId().equals(busiest.functionId()))
                .toList();
        long[] succeeded = new long[s.size()];
        long[] failed = new long[s.size()];
        double[] runningMicros = new double[s.size()];
        long[] enqueued = new long[s.size()];
        for (CallTimeline c : mine) {
            if (finishedInRange(c)) {
                int b = bucket(s, c.last().finishedAt());
                (c.finalStatus() == CallStatus.SUCCESS ? succeeded : failed)[b]++;
            }
            if (RANGE.contains(c.enqueuedAt())) {
                enqueued[bucket(s, c.enqueuedAt())]++;
            }
            for (CallAttempt a : c.attempts()) {
                if (a.startedAt() == null
                        || !a.startedAt().isBefore(RANGE.to())
                        || (a.finishedAt() != null && a.finishedAt().isBefore(RANGE.from()))) {
                    continue;
                }
                Instant end = a.finishedAt() == null ? RANGE.to() : a.finishedAt();
                for (int b = 0; b < s.size(); b++) {
                    long bs = micros(s.start().plus(s.step().multipliedBy(b)));
                    long be = bs + s.step().toSeconds() * 1_000_000;
                    runningMicros[b] += Math.max(0, Math.min(micros(end), be) - Math.max(micros(a.startedAt()), bs));
                }
            }
        }
        assertEquals(Arrays.toString(succeeded), Arrays.toString(s.succeeded()));
        assertEquals(Arrays.toString(failed), Arrays.toString(s.failed()));
        assertEquals(Arrays.toString(enqueued), Arrays.toString(s.enqueued()));
        for (int b = 0; b < s.size(); b++) {
            assertEquals(
                    runningMicros[b] / (s.step().toSeconds() * 1e6),
                    s.running()[b],
                    1e-9,
                    "average running in bucket " + b);
        }
        assertTrue(Arrays.stream(s.running()).max().orElse(0) > 0.01, "calls were running");
        assertTrue(Arrays.stream(s.containers()).max().orElse(0) > 0, "containers were alive");
        DurationHistogram h = new Scaling(db).durations(engine, busiest.functionId(), RANGE);
        assertEquals(busiest.successes(), h.total());
    }

    private static long micros(Instant t) {
        return t.getEpochSecond() * 1_000_000 + t.getNano() / 1_000;
    }

    private static int bucket(ScalingSeries s, Instant t) {
        return (int) Math.floorDiv(
                t.getEpochSecond() - s.start().getEpochSecond(), s.step().toSeconds());
    }
}
