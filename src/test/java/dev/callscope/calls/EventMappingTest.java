package dev.callscope.calls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.callscope.calls.MappedEventsFixture.Call;
import dev.callscope.cost.CostQuery;
import dev.callscope.cost.CostRow;
import dev.callscope.cost.Prices;
import dev.callscope.engine.Engine;
import dev.callscope.engine.SqlPart;
import dev.callscope.functions.FunctionRow;
import dev.callscope.functions.FunctionStats;
import dev.callscope.functions.Scaling;
import dev.callscope.functions.ScalingSeries;
import dev.callscope.performance.LatencyQuery;
import dev.callscope.performance.LatencySeries;
import dev.callscope.performance.Metric;
import dev.callscope.performance.Precision;
import dev.callscope.performance.Statistic;
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
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The call views read a user's own table through a mapping and show what the table's rows say:
 * every number is computed again here in Java from the rows as inserted, with none of Callscope's
 * SQL. Both layouts are read: one row per call ({@code calls}) and one row per event under other
 * names and words ({@code events}); neither has ULID call ids nor Callscope's summary table.
 */
class EventMappingTest {

    private static final Engine engine = TestEngine.shared();
    private static final TimeRange RANGE =
            new TimeRange(MappedEventsFixture.END.minus(Duration.ofHours(4)), MappedEventsFixture.END);

    private static EventSchema mapping(String layout) {
        MappedEventsFixture f = MappedEventsFixture.get();
        return layout.equals("calls") ? f.callsMapping() : f.eventsMapping();
    }

    /** Calls the Functions and Performance tabs count: finished in the range, whenever enqueued. */
    private static List<Call> finishedInRange() {
        return MappedEventsFixture.get().calls.stream()
                .filter(c -> c.ended() != null && RANGE.contains(c.ended()))
                .toList();
    }

    private static double runMs(Call c) {
        return Duration.between(c.begun(), c.ended()).toNanos() / 1e6;
    }

    private static double queueMs(Call c) {
        return Duration.between(c.queued(), c.begun()).toNanos() / 1e6;
    }

    /** ClickHouse's quantileExact: the element at floor(level × n) of the sorted values. */
    private static double quantileExact(List<Double> values, double level) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(null);
        return sorted.get((int) Math.min(sorted.size() - 1, Math.floor(level * sorted.size())));
    }

    @ParameterizedTest
    @ValueSource(strings = {"calls", "events"})
    void attemptsNeverComeFromTheSummary(String layout) {
        AttemptRows rows = AttemptRows.of(engine, mapping(layout));
        assertFalse(rows.summarized());
        String enqueued = rows.enqueuedUntil(RANGE.to(), SqlPart.time("since", RANGE.from()))
                .sql();
        assertTrue(enqueued.contains("enqueued_at"), "a mapped table's ids are not times: " + enqueued);
    }

    @ParameterizedTest
    @ValueSource(strings = {"calls", "events"})
    void functionsTableCountsAndPercentilesMatchTheRows(String layout) {
        List<FunctionRow> rows =
                new FunctionStats(mapping(layout)).table(engine, RANGE).rows();
        Map<String, List<Call>> byFunction = finishedInRange().stream().collect(Collectors.groupingBy(Call::fn));
        assertEquals(3, byFunction.size());
        assertEquals(
                byFunction.keySet(), rows.stream().map(FunctionRow::functionId).collect(Collectors.toSet()));
        for (FunctionRow row : rows) {
            List<Call> calls = byFunction.get(row.functionId());
            assertEquals(row.functionId(), row.name(), "no name column: the id is the name");
            assertEquals(calls.size(), row.calls(), row.functionId());
            assertEquals(
                    calls.stream().filter(c -> c.outcome().equals("ok")).count(), row.successes(), row.functionId());
            assertEquals(
                    calls.stream().filter(c -> c.outcome().equals("error")).count(), row.failures(), row.functionId());
            assertEquals(
                    calls.stream().filter(c -> c.outcome().equals("timeout")).count(),
                    row.timeouts(),
                    row.functionId());
            assertEquals(0, row.otherFailures());
            List<Double> run = calls.stream().map(EventMappingTest::runMs).toList();
            assertEquals(quantileExact(run, 0.5), row.p50ExecutionMs(), 1e-6, row.functionId());
            assertEquals(quantileExact(run, 0.99), row.p99ExecutionMs(), 1e-6, row.functionId());
            assertEquals(
                    quantileExact(calls.stream().map(EventMappingTest::queueMs).toList(), 0.99),
                    row.p99QueueMs(),
                    1e-6);
            // neither mapping has cold-start fields: the share is unknown, not zero
            assertTrue(Double.isNaN(row.coldStartShare()), row.functionId() + ": " + row.coldStartShare());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"calls", "events"})
    void timelineRebuildsTheCallsOfAFunction(String layout) {
        Instant from = RANGE.to().minus(Duration.ofHours(1));
        List<CallTimeline> rebuilt = new CallRebuild(mapping(layout))
                .forFunction(engine, "train", from, RANGE.to(), 100_000)
                .calls();
        List<CallTimeline> expected = MappedEventsFixture.get().calls.stream()
                .filter(c -> c.fn().equals("train"))
                .filter(c -> !c.queued().isAfter(RANGE.to()))
                .filter(c -> c.ended() == null || !c.ended().isBefore(from))
                .sorted(Comparator.comparing(Call::id))
                .map(c -> new CallTimeline(
                        c.id(),
                        c.fn(),
                        c.queued(),
                        List.of(new CallAttempt(
                                1,
                                "",
                                c.queued(),
                                null,
                                null,
                                c.begun(),
                                c.ended(),
                                false,
                                c.ended() == null ? CallStatus.PENDING : CallStatus.of(c.status()),
                                ""))))
                .toList();
        assertTrue(
                expected.size() > 50 && expected.stream().anyMatch(c -> c.last().finishedAt() == null), "a fair test");
        assertEquals(expected, rebuilt);

        Call one = expected.stream()
                .filter(c -> c.last().status() == CallStatus.FAILURE)
                .findFirst()
                .map(c -> MappedEventsFixture.get().calls.stream()
                        .filter(x -> x.id().equals(c.callId()))
                        .findFirst()
                        .orElseThrow())
                .orElseThrow();
        CallTimeline detail = new CallRebuild(mapping(layout))
                .forCall(engine, one.id())
                .calls()
                .getFirst();
        assertEquals(CallStatus.FAILURE, detail.finalStatus());
        assertEquals(
                List.of("queued", "started", "finished"),
                new CallRebuild(mapping(layout))
                        .events(engine, one.id()).stream()
                                .map(CallRebuild.RawEvent::type)
                                .toList(),
                "a call row reads as its events");
    }

    @ParameterizedTest
    @ValueSource(strings = {"calls", "events"})
    void performancePercentilesPerBucketMatchTheRows(String layout) {
        Duration step = Duration.ofMinutes(30);
        LatencySeries s = new LatencyQuery(mapping(layout))
                .series(engine, List.of(), Metric.EXECUTION, RANGE, step, Precision.EXACT);
        Map<Long, List<Double>> buckets = new TreeMap<>();
        for (Call c : finishedInRange()) {
            buckets.computeIfAbsent(
                            (c.ended().getEpochSecond() - s.start().getEpochSecond()) / step.toSeconds(),
                            k -> new ArrayList<>())
                    .add(runMs(c));
        }
        assertEquals(8, buckets.size());
        for (int i = 0; i < s.samples().length; i++) {
            List<Double> v = buckets.getOrDefault((long) i, List.of());
            assertEquals(v.size(), s.samples()[i], "bucket " + i);
            if (!v.isEmpty()) {
                assertEquals(quantileExact(v, 0.5), s.values().get(Statistic.P50)[i], 1e-6);
                assertEquals(quantileExact(v, 0.9), s.values().get(Statistic.P90)[i], 1e-6);
                assertEquals(quantileExact(v, 0.99), s.values().get(Statistic.P99)[i], 1e-6);
                assertEquals(
                        v.stream().mapToDouble(Double::doubleValue).max().orElseThrow(),
                        s.values().get(Statistic.MAX)[i],
                        1e-6);
                assertEquals(
                        v.stream().mapToDouble(Double::doubleValue).average().orElseThrow(),
                        s.values().get(Statistic.AVG)[i],
                        1e-6);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"calls", "events"})
    void directoryAndScalingCountCallsByEnqueueTime(String layout) {
        Map<String, Long> expected = MappedEventsFixture.get().calls.stream()
                .filter(c -> RANGE.contains(c.queued()))
                .collect(Collectors.groupingBy(Call::fn, Collectors.counting()));
        Map<String, Long> listed = new FunctionDirectory(mapping(layout))
                .functions(engine, RANGE.from(), RANGE.to()).stream()
                        .collect(Collectors.toMap(
                                FunctionDirectory.FunctionInfo::functionId, FunctionDirectory.FunctionInfo::calls));
        assertEquals(expected, listed);

        ScalingSeries s = new Scaling(mapping(layout)).series(engine, "email", RANGE, Duration.ofMinutes(20));
        long[] enqueued = new long[s.enqueued().length];
        MappedEventsFixture.get().calls.stream()
                .filter(c -> c.fn().equals("email") && RANGE.contains(c.queued()))
                .forEach(c ->
                        enqueued[(int) ((c.queued().getEpochSecond() - s.start().getEpochSecond()) / 1200)]++);
        assertEquals(Arrays.toString(enqueued), Arrays.toString(s.enqueued()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"calls"})
    void costBillsTheRunTimeOfTheMappedCores(String layout) {
        CostQuery q = new CostQuery(mapping(layout));
        assertFalse(q.hasIdleTime(), "no container events: idle time is unavailable, not zero");
        List<CostRow> days = q.byDay(engine, RANGE, List.of(), Prices.EXAMPLES);
        double run = days.stream().mapToDouble(CostRow::runSeconds).sum();
        double expected = 0;
        for (Call c : MappedEventsFixture.get().calls) {
            if (c.begun() == null
                    || c.queued().isBefore(RANGE.from().minus(Duration.ofDays(1)))
                    || c.queued().isAfter(RANGE.to())) {
                continue;
            }
            Instant a = c.begun().isBefore(RANGE.from()) ? RANGE.from() : c.begun();
            Instant end = c.ended() == null || c.ended().isAfter(RANGE.to()) ? RANGE.to() : c.ended();
            expected += Math.max(0, Duration.between(a, end).toNanos() / 1e9);
        }
        assertEquals(expected, run, 1e-3);
        assertEquals(
                expected * 2 * Prices.EXAMPLES.cpuCorePerSecond(),
                days.stream().mapToDouble(CostRow::cost).sum(),
                1e-6);
    }
}
