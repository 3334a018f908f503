package dev.callscope.calls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.callscope.testing.TestEngine;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A mapping is checked against the real table before a view reads it, and each problem names the
 * field and the column; text that could be more than one expression never reaches the server.
 */
class EventSchemaCheckTest {

    private static Map<EventField, String> callsFields() {
        Map<EventField, String> m = new EnumMap<>(EventField.class);
        m.put(EventField.CALL, "id");
        m.put(EventField.FUNCTION, "fn");
        m.put(EventField.ENQUEUED, "queued");
        m.put(EventField.STARTED, "begun");
        m.put(EventField.FINISHED, "ended");
        m.put(EventField.STATUS, MappedEventsFixture.STATUS);
        return m;
    }

    private static List<String> problems(Map<EventField, String> fields) {
        return problems("calls", fields);
    }

    private static List<String> problems(String table, Map<EventField, String> fields) {
        return EventSchemaCheck.problems(
                TestEngine.shared(), EventSchema.custom(MappedEventsFixture.get().db, table, fields));
    }

    @Test
    void bothFixtureMappingsAreClean() {
        MappedEventsFixture f = MappedEventsFixture.get();
        assertEquals(List.of(), EventSchemaCheck.problems(TestEngine.shared(), f.callsMapping()));
        assertEquals(List.of(), EventSchemaCheck.problems(TestEngine.shared(), f.eventsMapping()));
    }

    @Test
    void aMissingTableIsNamed() {
        List<String> p = problems("nope", callsFields());
        assertEquals(
                List.of("Table " + MappedEventsFixture.get().db
                        + ".nope does not exist (or this user may not see its columns)"),
                p);
    }

    @Test
    void aMissingColumnIsNamedWithItsField() {
        Map<EventField, String> m = callsFields();
        m.put(EventField.STARTED, "started_ts");
        m.put(EventField.CONTAINER, "host");
        List<String> p = problems(m);
        assertEquals(1, p.size(), p::toString);
        assertEquals(
                "Table " + MappedEventsFixture.get().db
                        + ".calls lacks columns started_ts (for started), host (for container)",
                p.getFirst());
    }

    @Test
    void aBadExpressionIsNamedWithTheServersReason() {
        Map<EventField, String> m = callsFields();
        // an allowed function the server refuses for its arguments (an unknown one is refused before:
        // MappingFunctionsTest)
        m.put(EventField.FINISHED, "substring(ended)");
        m.put(EventField.ERROR, "concat(outcome, detail)");
        List<String> p = problems(m);
        assertEquals(2, p.size(), p::toString);
        assertTrue(
                p.get(0).startsWith("finished: the server says: ") && p.get(0).contains("substring"), p.get(0));
        assertTrue(
                p.get(1)
                        .startsWith("error: no column detail in " + MappedEventsFixture.get().db
                                + ".calls; the server says"),
                p.get(1));
    }

    @Test
    void aTimeThatIsNoTimeIsNamed() {
        Map<EventField, String> m = callsFields();
        m.put(EventField.STARTED, "outcome");
        List<String> p = problems(m);
        assertEquals(
                List.of("started: outcome is LowCardinality(String), not a date and time; convert it, e.g. "
                        + "parseDateTime64BestEffort(outcome, 6)"),
                p);
    }

    @Test
    void wordsCallscopeDoesNotKnowAreNamed() {
        Map<EventField, String> m = callsFields();
        m.put(EventField.STATUS, "outcome");
        List<String> p = problems(m);
        assertEquals(1, p.size(), p::toString);
        assertTrue(p.getFirst().startsWith("status: the values error, ok are not Callscope's outcomes"), p.getFirst());
        Map<EventField, String> e = new EnumMap<>(EventField.class);
        e.put(EventField.CALL, "call_ref");
        e.put(EventField.FUNCTION, "func");
        e.put(EventField.EVENT_TYPE, "kind");
        e.put(EventField.EVENT_TIME, "ts");
        List<String> pe = problems("events", e);
        assertTrue(
                pe.size() == 1
                        && pe.getFirst()
                                .startsWith("event type: the values done, enq, run are not Callscope's event types"),
                pe::toString);
    }

    @Test
    void forbiddenStatementsNeverReachTheServer() {
        for (String bad : List.of(
                "ended; DROP TABLE calls",
                "ended -- a comment",
                "ended /* c */",
                "(SELECT max(ended) FROM calls)",
                "ended UNION ALL SELECT 1",
                "{p:String}",
                "arrayJoin([ended, begun])",
                "ended AS started_at",
                "`ended`",
                "sleepEachRow(3)",
                "ended SETTINGS readonly = 0",
                "if(x, 'a)",
                "f(ended))")) {
            Map<EventField, String> m = callsFields();
            m.put(EventField.FINISHED, bad);
            IllegalArgumentException e = assertThrows(
                    IllegalArgumentException.class,
                    () -> EventSchema.custom(MappedEventsFixture.get().db, "calls", m),
                    bad);
            assertTrue(e.getMessage().startsWith("finished: "), e.getMessage());
        }
        assertEquals(
                "finished: Only one expression: ';' is not allowed at position 6 of \"ended; DROP TABLE calls\"",
                assertThrows(IllegalArgumentException.class, () -> {
                            Map<EventField, String> m = callsFields();
                            m.put(EventField.FINISHED, "ended; DROP TABLE calls");
                            EventSchema.custom("ops", "calls", m);
                        })
                        .getMessage());
    }

    @Test
    void expressionsUsersNeedAreAccepted() {
        for (String ok : List.of(
                "ended",
                "multiIf(outcome = 'ok', 'success', 'failure')",
                "fromUnixTimestamp64Milli(ts_ms)",
                "if(kind = 'done', ts, NULL)",
                "transform(kind, ['a', 'b'], ['queued', 'started'], kind)",
                "attrs['pod.name']",
                "nullIf(ended, toDateTime64(0, 3))",
                "'it''s; fine -- in quotes'",
                "toUInt16(n + 1)",
                "arrayMap(x -> x * 2, sizes)[1]",
                "CASE WHEN ok THEN 'success' ELSE 'failure' END")) {
            EventExpr.parse(ok);
        }
        assertEquals(
                List.of("outcome"),
                EventExpr.parse("multiIf(outcome = 'ok', 'success', 'failure')").columns());
        assertEquals(
                List.of("ts_ms"),
                EventExpr.parse("fromUnixTimestamp64Milli(ts_ms)").columns());
    }

    @Test
    void aMappingNeedsACallAFunctionAndATime() {
        Map<EventField, String> m = new EnumMap<>(EventField.class);
        m.put(EventField.STARTED, "begun");
        assertEquals(
                "The events mapping needs a call id, a function id, an enqueue time (or an event time)",
                assertThrows(IllegalArgumentException.class, () -> EventSchema.custom("ops", "calls", m))
                        .getMessage());
        m.put(EventField.CALL, "id");
        m.put(EventField.FUNCTION, "fn");
        m.put(EventField.EVENT_TYPE, "kind");
        assertEquals(
                "The events mapping needs an event time (each row is an event, as an event type is mapped)",
                assertThrows(IllegalArgumentException.class, () -> EventSchema.custom("ops", "calls", m))
                        .getMessage());
    }

    @Test
    void eachViewSaysWhichFieldItLacks() {
        Map<EventField, String> m = new EnumMap<>(EventField.class);
        m.put(EventField.CALL, "id");
        m.put(EventField.FUNCTION, "fn");
        m.put(EventField.ENQUEUED, "queued");
        EventSchema bare = EventSchema.custom("ops", "calls", m);
        assertTrue(bare.unavailable(CallView.TIMELINE).isEmpty(), "calls can be drawn from their enqueue times alone");
        assertEquals(
                "Performance needs a start time and a finish time, which the events mapping (ops.calls) does not have: "
                        + "latencies are measured between them. Map them under Events in Connections…",
                bare.unavailable(CallView.PERFORMANCE).orElseThrow());
        m.put(EventField.STARTED, "begun");
        m.put(EventField.FINISHED, "ended");
        EventSchema noStatus = EventSchema.custom("ops", "calls", m);
        assertTrue(noStatus.unavailable(CallView.PERFORMANCE).isEmpty());
        assertTrue(
                noStatus.unavailable(CallView.FUNCTIONS).orElseThrow().startsWith("Functions needs a status, which"));
        assertTrue(noStatus.unavailable(CallView.COST)
                .orElseThrow()
                .startsWith("Cost needs what calls ran on (GPU count, CPU cores or memory)"));
        m.put(EventField.STATUS, "outcome");
        m.put(EventField.MEMORY_MIB, "mem");
        assertTrue(EventSchema.custom("ops", "calls", m)
                .unavailable(CallView.CALL_GRAPH)
                .orElseThrow()
                .startsWith("Call graph needs a parent call and a root call, which"));
        m.put(EventField.PARENT_CALL, "parent");
        m.put(EventField.ROOT_CALL, "root");
        assertEquals(
                "Batches needs a batch and an input index, which the events mapping (ops.calls) does not have: a job's inputs"
                        + " carry its id. Map them under Events in Connections…",
                EventSchema.custom("ops", "calls", m)
                        .unavailable(CallView.BATCHES)
                        .orElseThrow());
        m.put(EventField.BATCH, "job");
        m.put(EventField.INPUT_INDEX, "item");
        EventSchema full = EventSchema.custom("ops", "calls", m);
        for (CallView v : CallView.values()) {
            assertTrue(full.unavailable(v).isEmpty(), v::toString);
        }
        assertTrue(!full.containerLifetimes() && full.noContainerLifetimes().startsWith("Idle time is unavailable"));
        assertTrue(EventSchema.canonical("callscope").containerLifetimes());
    }
}
