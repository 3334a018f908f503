package dev.callscope.acceleration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.callscope.calls.Acceleration;
import dev.callscope.calls.AttemptRows;
import dev.callscope.calls.CallRollup;
import dev.callscope.calls.EventField;
import dev.callscope.calls.EventSchema;
import dev.callscope.calls.MappedEventsFixture;
import dev.callscope.engine.Engine;
import dev.callscope.engine.Query;
import dev.callscope.functions.FunctionStats;
import dev.callscope.performance.LatencyQuery;
import dev.callscope.performance.Metric;
import dev.callscope.performance.Precision;
import dev.callscope.performance.RollupRefresh;
import dev.callscope.testing.QueryLines;
import dev.callscope.testing.TestEngine;
import dev.callscope.time.TimeRange;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A user's own tables, accelerated: a row-per-call table and a Modal-shaped row-per-event table
 * keyed (function_id, function_call_id, event_at). After {@code apply}, the views read the summary
 * and the rollup, and every Functions row and every bucket equal what reading the table raw gives;
 * a row the user's pipeline inserts later flows in by itself; a changed mapping is not taken for it.
 */
class UserTableAccelerationTest {

    private static final Engine engine = TestEngine.shared();
    private static final Instant END = MappedEventsFixture.END;
    private static final TimeRange RANGE =
            new TimeRange(END.minus(Duration.ofHours(5)).plusSeconds(7), END.plus(Duration.ofMinutes(20)));
    private static String db;

    @BeforeAll
    static void usersTables() {
        MappedEventsFixture f = MappedEventsFixture.get();
        db = TestEngine.freshDatabase("users");
        engine.execute(Query.of("CREATE TABLE " + db
                + ".calls ENGINE = MergeTree ORDER BY (fn, queued) AS SELECT * FROM " + f.db + ".calls"));
        // as Modal keeps it: partial lifecycle rows, each carrying what its stage knows
        engine.execute(Query.of("CREATE TABLE " + db
                + ".fn_events (function_id String, function_call_id String, event_at DateTime64(6, 'UTC'),"
                + " kind LowCardinality(String), enqueued_at DateTime64(6, 'UTC'), started_at Nullable(DateTime64(6, 'UTC')),"
                + " finished_at Nullable(DateTime64(6, 'UTC')), result LowCardinality(String))"
                + " ENGINE = ReplacingMergeTree ORDER BY (function_id, function_call_id, event_at)"));
        engine.execute(Query.of("INSERT INTO " + db
                + ".fn_events SELECT fn, id, queued, 'queued', queued, NULL, NULL, '' FROM " + db + ".calls"));
        engine.execute(Query.of("INSERT INTO " + db
                + ".fn_events SELECT fn, id, assumeNotNull(begun), 'started', queued, begun, NULL, ''" + " FROM " + db
                + ".calls WHERE begun IS NOT NULL"));
        engine.execute(Query.of("INSERT INTO " + db
                + ".fn_events SELECT fn, id, assumeNotNull(ended), 'finished', queued, begun, ended," + " outcome FROM "
                + db + ".calls WHERE ended IS NOT NULL"));
    }

    private static EventSchema callsMapping(String status) {
        Map<EventField, String> m = MappedEventsFixture.callsFields();
        m.put(EventField.STATUS, status);
        return EventSchema.custom(db, "calls", m);
    }

    private static EventSchema eventsMapping() {
        Map<EventField, String> m = new EnumMap<>(EventField.class);
        m.put(EventField.CALL, "function_call_id");
        m.put(EventField.FUNCTION, "function_id");
        m.put(EventField.EVENT_TYPE, "kind");
        m.put(EventField.EVENT_TIME, "event_at");
        m.put(EventField.ENQUEUED, "enqueued_at");
        m.put(EventField.STARTED, "started_at");
        m.put(EventField.FINISHED, "finished_at");
        m.put(
                EventField.STATUS,
                "if(kind = 'finished', multiIf(result = 'ok', 'success', result = 'error', 'failure', result), '')");
        return EventSchema.custom(db, "fn_events", m);
    }

    @Test
    void aRowPerCallTableAcceleratedGivesTheNumbersOfTheRawTableAndFollowsNewRows() {
        EventSchema calls = callsMapping(MappedEventsFixture.STATUS);
        String accel = db + "_calls";
        assertFalse(AttemptRows.of(engine, calls).summarized(), "raw before");
        UserTableAcceleration.apply(engine, calls, accel);
        assertEquals(accel, Acceleration.find(engine, calls).orElseThrow());
        assertSameThroughTheSummary(calls, "accelerated");

        // the user's pipeline inserts a call that finished an hour ago, and a duplicate of another
        engine.execute(Query.of("INSERT INTO " + db
                        + ".calls SELECT concat(id, '-new'), fn, queued, begun, ended, outcome FROM " + db
                        + ".calls WHERE ended IS NOT NULL AND ended < {t:DateTime64(3)} ORDER BY id LIMIT 1")
                .bind("t", END.minus(Duration.ofHours(1))));
        engine.execute(Query.of("INSERT INTO " + db + ".calls SELECT * FROM " + db
                + ".calls WHERE ended IS NOT NULL ORDER BY id DESC LIMIT 1"));
        RollupViews.refreshAt(engine, accel, END.plus(Duration.ofHours(1)));
        assertSameThroughTheSummary(calls, "after the pipeline's late rows");

        UserTableAcceleration.Status s = UserTableAcceleration.check(engine, calls, accel);
        assertTrue(s.present() && s.current(), s.toString());
        assertFalse(
                UserTableAcceleration.check(engine, callsMapping("lower(outcome)"), accel)
                        .current(),
                "another mapping");
        // a rollup view an earlier Callscope wrote still seals, but --check says to write it again
        engine.execute(Query.of("ALTER TABLE " + accel + "." + RollupRefresh.VIEW + " MODIFY COMMENT 'v0'"));
        assertFalse(UserTableAcceleration.check(engine, calls, accel).current(), "an older view");
        assertTrue(
                Acceleration.find(engine, callsMapping("lower(outcome)")).isEmpty(),
                "a changed mapping reads the table raw");
        UserTableAcceleration.drop(engine, accel);
        assertFalse(AttemptRows.of(engine, calls).summarized(), "raw after --drop");
    }

    @Test
    void aModalShapedEventsTableAcceleratedGivesTheNumbersOfTheRawTable() {
        EventSchema events = eventsMapping();
        String accel = db + "_events";
        UserTableAcceleration.apply(engine, events, accel);
        assertSameThroughTheSummary(events, "events accelerated");
        UserTableAcceleration.drop(engine, accel);
    }

    @Test
    void whatCannotBeKeptAsRowsArriveIsRefusedWithTheReason() {
        EventSchema noEnqueue = MappedEventsFixture.get().eventsMapping();
        assertTrue(
                UserTableAcceleration.problem(noEnqueue).contains("map Enqueued"),
                UserTableAcceleration.problem(noEnqueue));
        assertThrows(IllegalArgumentException.class, () -> UserTableAcceleration.statements(noEnqueue, db + "_x"));
        assertTrue(UserTableAcceleration.problem(EventSchema.canonical("callscope"))
                .contains("Callscope's own tables"));
        IllegalArgumentException same = assertThrows(
                IllegalArgumentException.class,
                () -> UserTableAcceleration.statements(callsMapping(MappedEventsFixture.STATUS), db));
        assertTrue(same.getMessage().contains("a database of its own"), same.getMessage());
    }

    /** Functions rows and each metric's 5-minute buckets: through the summary and rollup, and from the raw table. */
    private static void assertSameThroughTheSummary(EventSchema schema, String when) {
        AttemptRows fast = AttemptRows.of(engine, schema);
        assertTrue(fast.summarized(), when + ": the summary is used");
        CallRollup rollup = CallRollup.of(engine, fast);
        assertTrue(rollup.sealedUntil().isPresent(), when + ": the rollup is sealed");
        AttemptRows raw = AttemptRows.fromEvents(schema);
        FunctionStats stats = new FunctionStats(schema);
        Query viaRollup = stats.query(fast, rollup, RANGE);
        assertTrue(viaRollup.sql().contains("function_call_rollup"), "the rollup is read");
        List<String> expected = rows(stats.query(raw, RANGE), 10);
        assertEquals(3, expected.size(), "three functions");
        assertEquals(expected, rows(viaRollup, 10), when + ": Functions table");
        LatencyQuery latency = new LatencyQuery(schema);
        for (Metric metric : List.of(Metric.EXECUTION, Metric.QUEUE, Metric.END_TO_END)) {
            List<String> a =
                    rows(latency.query(raw, List.of(), metric, RANGE, Duration.ofMinutes(5), Precision.EXACT), 5);
            List<String> b = rows(
                    latency.query(fast, rollup, List.of(), metric, RANGE, Duration.ofMinutes(5), Precision.EXACT), 5);
            assertTrue(a.size() > 50, "buckets " + a.size());
            assertEquals(a, b, when + ": " + metric);
        }
    }

    private static List<String> rows(Query q, int columns) {
        return QueryLines.of(engine, q, columns);
    }
}
