package dev.callscope.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.callscope.acceleration.RollupViews;
import dev.callscope.acceleration.UserTableAcceleration;
import dev.callscope.bench.UserShapedTable;
import dev.callscope.calls.AttemptRows;
import dev.callscope.calls.CallRollup;
import dev.callscope.calls.EventSchema;
import dev.callscope.engine.Engine;
import dev.callscope.engine.Guardrails;
import dev.callscope.engine.Query;
import dev.callscope.engine.remote.RemoteEndpoint;
import dev.callscope.engine.remote.RemoteEngine;
import dev.callscope.functions.FunctionStats;
import dev.callscope.performance.LatencyQuery;
import dev.callscope.performance.Metric;
import dev.callscope.performance.Precision;
import dev.callscope.schema.Schema;
import dev.callscope.testing.ChdbHttpEndpoint;
import dev.callscope.testing.QueryLines;
import dev.callscope.testing.TestEngine;
import dev.callscope.time.TimeRange;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A workload written over HTTP as a user's pipeline writes it (small batches, async inserts,
 * duplicates, events out of order and minutes late, every function interleaved) into Callscope's
 * schema and into a Modal-shaped table accelerated before the first row arrived. Nothing seals
 * from the app but the server's own view (run here at the moments the server would, as the write
 * goes on). Every Functions row and every Performance bucket read through the summary and rollup
 * equals what the raw events give, on both layouts.
 */
class PipelineWriterTest {

    private static final Instant END = Instant.parse("2026-03-02T12:00:00Z");
    private static final Duration SPAN = Duration.ofHours(2);
    private static final TimeRange RANGE = new TimeRange(END.minus(SPAN).minusSeconds(600), END.plusSeconds(60));

    private static final Engine embedded = TestEngine.shared();
    private static ChdbHttpEndpoint server;
    private static RemoteEngine remote;
    private static String db;
    private static EventSchema user;
    private static PipelineLoad.Summary summary;
    private static final List<Instant> sealedAt = new ArrayList<>();

    @BeforeAll
    static void writeThroughThePipeline() {
        db = TestEngine.freshDatabase("pipe");
        Schema.create(embedded, db);
        RollupViews.install(embedded, db);
        ModalShapedEvents.createTable(embedded, UserShapedTable.database(db), "fn_events");
        user = UserShapedTable.mapping(db);
        // accelerated before its first row, as a user who runs `accelerate` and keeps their pipeline going
        UserTableAcceleration.apply(embedded, user, UserShapedTable.accelerated(db));

        server = ChdbHttpEndpoint.start("writer", "pw");
        remote = RemoteEngine.open(
                new RemoteEndpoint(server.url(), "writer", "pw", "default", false), Guardrails.DEFAULTS);
        DemoOptions options = new DemoOptions(3, 3_000, 0, END, SPAN, db);
        var writer = new PipelineWriter.Options(Duration.ofSeconds(60), 65_505, true);
        summary = PipelineLoad.write(
                remote,
                options,
                List.of(
                        PipelineSink.canonical(db),
                        PipelineSink.modalShaped(UserShapedTable.database(db), "fn_events")),
                writer,
                (stage, fraction) -> sealAsTheServerWould(stage, fraction));
        RollupViews.refreshAt(embedded, db, END.plus(Duration.ofHours(1)));
        RollupViews.refreshAt(embedded, UserShapedTable.accelerated(db), END.plus(Duration.ofHours(1)));
    }

    /** Every tenth of the write, a refresh at the arrival time written through: later arrivals land in sealed slots. */
    private static void sealAsTheServerWould(String stage, double fraction) {
        if (!stage.equals("write")) {
            return;
        }
        Instant through = END.minus(SPAN).plusMillis((long) (SPAN.toMillis() * (fraction - 0.2) / 0.8));
        if (sealedAt.isEmpty() || Duration.between(sealedAt.getLast(), through).compareTo(SPAN.dividedBy(10)) >= 0) {
            sealedAt.add(through);
            RollupViews.refreshAt(embedded, db, through);
            RollupViews.refreshAt(embedded, UserShapedTable.accelerated(db), through);
        }
    }

    @AfterAll
    static void close() {
        remote.close();
        server.close();
    }

    @Test
    void theWriteLooksLikeAPipelinesNotALoaders() {
        assertTrue(summary.deliveries() > summary.events(), "at-least-once: some events delivered twice " + summary);
        assertTrue(summary.late() > 0, "some events minutes late " + summary);
        assertTrue(summary.writer().batches() > 100, "small batches " + summary.writer());
        List<Map<String, String>> inserts = server.recordedRequests().stream()
                .filter(r -> r.getOrDefault("query", "").startsWith("INSERT INTO " + db + "."))
                .toList();
        assertEquals(summary.writer().batches(), inserts.size(), "one INSERT per batch into each table");
        assertTrue(inserts.stream().allMatch(r -> "1".equals(r.get("async_insert"))), "async inserts");
        long rows = Long.parseLong(embedded.queryScalar(
                Query.of("SELECT count() FROM " + UserShapedTable.database(db) + ".fn_events FINAL")));
        assertEquals(summary.events(), rows, "the user's table holds each event once, read FINAL");
        assertTrue(sealedAt.size() >= 5, "the rollup was sealed while rows were still arriving: " + sealedAt);
    }

    @Test
    void everyFunctionsRowAndBucketIsTheRawEventsOnOurSchema() {
        EventSchema ours = EventSchema.canonical(db);
        AttemptRows fast = AttemptRows.of(embedded, db);
        assertTrue(fast.summarized(), "the summary the server keeps");
        assertSameAsRaw(ours, fast, CallRollup.of(embedded, db));
    }

    @Test
    void everyFunctionsRowAndBucketIsTheRawEventsOnTheUsersAcceleratedTable() {
        AttemptRows fast = AttemptRows.of(embedded, user);
        assertTrue(fast.summarized(), "the acceleration is found for the mapping");
        assertSameAsRaw(user, fast, CallRollup.of(embedded, fast));
    }

    @Test
    void bothLayoutsHoldTheSameEventsFieldByField() {
        String columns = "function_id, function_call_id, event_at, toString(event_type), attempt, container_id,"
                + " is_cold_start, enqueued_at, cold_start_began_at, cold_start_ended_at, started_at, finished_at,"
                + " toString(status), gpu_type, gpu_count, cpu_cores, memory_mib";
        String ours = "SELECT " + columns + " FROM " + db + ".function_call_events FINAL";
        String theirs = "SELECT " + columns + " FROM " + UserShapedTable.database(db) + ".fn_events FINAL";
        assertEquals("0", embedded.queryScalar(Query.of("SELECT count() FROM (" + ours + " EXCEPT " + theirs + ")")));
        assertEquals("0", embedded.queryScalar(Query.of("SELECT count() FROM (" + theirs + " EXCEPT " + ours + ")")));
    }

    @Test
    void theEmbeddedEngineRefusesInsertSettingsRatherThanDropThem() {
        assertThrows(
                UnsupportedOperationException.class,
                () -> embedded.insert(
                        db + ".function_call_events",
                        List.of("function_id"),
                        "RowBinary",
                        InputStream.nullInputStream(),
                        Map.of("async_insert", "1")));
    }

    @Test
    void bothLayoutsCountTheSameCalls() {
        String ours = embedded.queryScalar(Query.of("SELECT uniqExact(function_call_id) FROM " + db
                + ".function_call_events WHERE function_call_id != ''"));
        String theirs = embedded.queryScalar(Query.of("SELECT uniqExact(function_call_id) FROM "
                + UserShapedTable.database(db) + ".fn_events WHERE function_call_id != ''"));
        assertEquals(ours, theirs);
        assertTrue(Long.parseLong(ours) >= 2_900, ours);
    }

    private static void assertSameAsRaw(EventSchema schema, AttemptRows fast, CallRollup rollup) {
        assertTrue(rollup.sealedUntil().isPresent(), "sealed by the view");
        FunctionStats stats = new FunctionStats(schema);
        Query viaRollup = stats.query(fast, rollup, RANGE);
        assertTrue(viaRollup.sql().contains("function_call_rollup"), "the rollup is read");
        List<String> expected = rows(stats.query(AttemptRows.fromEvents(schema), RANGE), 10);
        assertTrue(expected.size() >= 10, "functions " + expected.size());
        assertSameRows(expected, rows(viaRollup, 10), "Functions table");
        LatencyQuery latency = new LatencyQuery(schema);
        for (Metric metric : List.of(Metric.EXECUTION, Metric.QUEUE, Metric.END_TO_END)) {
            List<String> a = rows(
                    latency.query(
                            AttemptRows.fromEvents(schema),
                            List.of(),
                            metric,
                            RANGE,
                            Duration.ofMinutes(1),
                            Precision.EXACT),
                    5);
            List<String> b = rows(
                    latency.query(fast, rollup, List.of(), metric, RANGE, Duration.ofMinutes(1), Precision.EXACT), 5);
            assertTrue(a.size() > 100, "buckets " + a.size());
            assertSameRows(a, b, metric.toString());
        }
    }

    /**
     * Rows equal value by value; a decimal to within one part in 10^12: a mean summed in another
     * order (parts merged differently) differs in its last binary digit, never in a digit a view shows.
     */
    private static void assertSameRows(List<String> expected, List<String> actual, String what) {
        assertEquals(expected.size(), actual.size(), what + ": rows");
        for (int i = 0; i < expected.size(); i++) {
            String[] e = expected.get(i).split("[|\\[\\], ]+");
            String[] a = actual.get(i).split("[|\\[\\], ]+");
            boolean same = e.length == a.length;
            for (int k = 0; same && k < e.length; k++) {
                same = e[k].equals(a[k]) || closeDecimals(e[k], a[k]);
            }
            assertTrue(same, what + ": row " + i + " expected " + expected.get(i) + " but was " + actual.get(i));
        }
    }

    private static boolean closeDecimals(String a, String b) {
        try {
            double x = Double.parseDouble(a);
            double y = Double.parseDouble(b);
            return Math.abs(x - y) <= 1e-12 * Math.max(Math.abs(x), Math.abs(y));
        } catch (NumberFormatException notNumbers) {
            return false;
        }
    }

    private static List<String> rows(Query q, int columns) {
        return QueryLines.of(embedded, q, columns);
    }
}
