package dev.callscope.calls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.callscope.cost.CostQuery;
import dev.callscope.cost.Prices;
import dev.callscope.demo.DemoOptions;
import dev.callscope.demo.DemoProgress;
import dev.callscope.demo.DemoWorkload;
import dev.callscope.engine.Engine;
import dev.callscope.engine.Query;
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
import dev.callscope.schema.Schema;
import dev.callscope.testing.TestEngine;
import dev.callscope.time.TimeRange;
import dev.callscope.timeline.CallRebuild;
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

/**
 * The summary table is an optimization, never a different answer: every feature gives the same
 * numbers on a database with it and on a copy of the same events without it (a server that lacks
 * it), and the summary equals the attempts grouped from the raw events after backfills, out-of-order
 * inserts and redeliveries.
 */
class AttemptRowsTest {

    private static final Instant END = Instant.parse("2026-11-19T12:00:00Z");
    private static final TimeRange RANGE = new TimeRange(END.minus(Duration.ofHours(4)), END);
    private static final Engine engine = TestEngine.shared();
    /** Demo workload (redeliveries, retries, cold starts, calls still running at the end). */
    private static String summarized;
    /** The same events, no summary table. */
    private static String eventsOnly;

    @BeforeAll
    static void workload() {
        summarized = TestEngine.freshDatabase("attempts");
        engine.execute(Query.of("DROP DATABASE " + summarized));
        DemoWorkload.generate(
                engine,
                DemoOptions.defaults(21)
                        .withCalls(4000)
                        .withLogsPerCall(0)
                        .withEnd(END)
                        .withSpan(Duration.ofHours(5))
                        .withDatabase(summarized),
                DemoProgress.NONE);
        eventsOnly = TestEngine.freshDatabase("events_only");
        engine.execute(Query.of(
                "CREATE TABLE " + eventsOnly + ".function_call_events AS " + summarized + ".function_call_events"));
        engine.execute(Query.of("INSERT INTO " + eventsOnly + ".function_call_events SELECT * FROM " + summarized
                + ".function_call_events"));
    }

    /** Every attempt of {@code db} through {@code rows}, one text line each, in call order. */
    private static List<String> attempts(AttemptRows rows) {
        return engine.query(
                        SqlPart.format(
                                        """
                SELECT toString(tuple(call, attempt, fn, enq, container, queued, cb, ce, st, fin, cold, toString(status)))
                FROM (%s) ORDER BY call, attempt""",
                                        rows.select(
                                                SqlPart.of("function_call_id != ''"),
                                                SqlPart.time("since", Instant.EPOCH)))
                                .query(),
                        r -> {
                            List<String> out = new ArrayList<>();
                            while (r.next()) {
                                out.add(r.getString(1));
                            }
                            return out;
                        })
                .value();
    }

    /** Equal lists, reporting the first difference rather than thousands of lines. */
    private static void assertSameLines(List<String> expected, List<String> actual) {
        for (int i = 0; i < Math.min(expected.size(), actual.size()); i++) {
            assertEquals(expected.get(i), actual.get(i), "attempt #" + i);
        }
        assertEquals(expected.size(), actual.size(), "attempts");
    }

    @Test
    void probeFindsTheSummaryWhereItExists() {
        assertTrue(AttemptRows.of(engine, summarized).summarized());
        assertFalse(AttemptRows.of(engine, eventsOnly).summarized());
    }

    @Test
    void summaryEqualsTheAttemptsGroupedFromEvents() {
        List<String> fromEvents = attempts(AttemptRows.fromEvents(summarized));
        assertTrue(fromEvents.size() > 4000, "attempts: " + fromEvents.size());
        assertSameLines(fromEvents, attempts(AttemptRows.fromSummary(summarized)));
    }

    @Test
    void functionsTableIsTheSameWithoutTheSummary() {
        List<FunctionRow> with =
                new FunctionStats(summarized).table(engine, RANGE).rows();
        List<FunctionRow> without =
                new FunctionStats(eventsOnly).table(engine, RANGE).rows();
        assertTrue(with.size() >= 15);
        assertEquals(without, with);
    }

    @Test
    void percentilesAreTheSameWithoutTheSummary() {
        for (Metric metric : Metric.values()) {
            LatencySeries with = new LatencyQuery(summarized)
                    .series(engine, List.of(), metric, RANGE, Duration.ofMinutes(5), Precision.EXACT);
            LatencySeries without = new LatencyQuery(eventsOnly)
                    .series(engine, List.of(), metric, RANGE, Duration.ofMinutes(5), Precision.EXACT);
            assertArrayEquals(without.samples(), with.samples(), metric.name());
            assertTrue(
                    with.samples().length > 0 && Arrays.stream(with.samples()).sum() > 100, metric.name());
            for (Statistic s : Statistic.values()) {
                assertArrayEquals(without.values().get(s), with.values().get(s), 1e-9, metric + " " + s);
            }
        }
    }

    @Test
    void timelineAndScalingAreTheSameWithoutTheSummary() {
        List<CallTimeline> with = new CallRebuild(summarized)
                .forIdRange(engine, "fc-", "fc-~", 1_000_000)
                .calls();
        List<CallTimeline> without = new CallRebuild(eventsOnly)
                .forIdRange(engine, "fc-", "fc-~", 1_000_000)
                .calls();
        assertEquals(without, with);
        String busiest = with.stream()
                .collect(Collectors.groupingBy(CallTimeline::functionId, Collectors.counting()))
                .entrySet()
                .stream()
                .max(Map.Entry.comparingByValue())
                .orElseThrow()
                .getKey();
        assertEquals(
                new CallRebuild(eventsOnly)
                        .forFunction(engine, busiest, RANGE.from(), RANGE.to(), 100_000)
                        .calls(),
                new CallRebuild(summarized)
                        .forFunction(engine, busiest, RANGE.from(), RANGE.to(), 100_000)
                        .calls());
        ScalingSeries a = new Scaling(summarized).series(engine, busiest, RANGE, Duration.ofMinutes(10));
        ScalingSeries b = new Scaling(eventsOnly).series(engine, busiest, RANGE, Duration.ofMinutes(10));
        assertArrayEquals(b.succeeded(), a.succeeded());
        assertArrayEquals(b.failed(), a.failed());
        assertArrayEquals(b.running(), a.running(), 1e-9);
        assertTrue(Arrays.stream(a.running()).sum() > 0);
    }

    @Test
    void costsAreTheSameWithoutTheSummary() {
        var with = new CostQuery(summarized).byDay(engine, RANGE, List.of(), Prices.EXAMPLES);
        var without = new CostQuery(eventsOnly).byDay(engine, RANGE, List.of(), Prices.EXAMPLES);
        assertTrue(with.size() >= 15);
        assertEquals(without.size(), with.size());
        for (int i = 0; i < with.size(); i++) {
            assertEquals(without.get(i).functionId(), with.get(i).functionId());
            assertEquals(without.get(i).cost(), with.get(i).cost(), 1e-9);
            assertEquals(without.get(i).idleCost(), with.get(i).idleCost(), 1e-9);
            assertEquals(without.get(i).attempts(), with.get(i).attempts());
        }
    }

    @Test
    void backfillThenLiveInsertsKeepTheSummaryExact() {
        String db = TestEngine.freshDatabase("backfill");
        engine.execute(
                Query.of("CREATE TABLE " + db + ".function_call_events AS " + summarized + ".function_call_events"));
        // half the events before the summary exists, the rest (with redeliveries) after it
        engine.execute(Query.of("INSERT INTO " + db + ".function_call_events SELECT * FROM " + summarized
                + ".function_call_events WHERE cityHash64(function_call_id, event_type) % 2 = 0"));
        assertTrue(Schema.addAttempts(engine, db));
        assertFalse(Schema.addAttempts(engine, db), "a second call has nothing to do");
        for (int part = 0; part < 3; part++) {
            engine.execute(Query.of("INSERT INTO " + db + ".function_call_events SELECT * FROM " + summarized
                    + ".function_call_events WHERE cityHash64(function_call_id, event_type) % 2 = 1 AND cityHash64(event_at) % 3 = "
                    + part));
        }
        engine.execute(Query.of("INSERT INTO " + db + ".function_call_events SELECT * FROM " + summarized
                + ".function_call_events WHERE cityHash64(function_call_id) % 10 = 0"));
        List<String> expected = attempts(AttemptRows.fromEvents(summarized));
        assertSameLines(expected, attempts(AttemptRows.fromEvents(db)));
        assertSameLines(expected, attempts(AttemptRows.fromSummary(db)));
    }
}
