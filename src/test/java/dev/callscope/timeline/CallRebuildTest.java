package dev.callscope.timeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.callscope.engine.Engine;
import dev.callscope.engine.Query;
import dev.callscope.ids.CallscopeIds;
import dev.callscope.schema.Schema;
import dev.callscope.testing.TestEngine;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Hand-written event fixtures; every stage duration is asserted exactly. */
class CallRebuildTest {

    private static final Instant T0 = Instant.parse("2026-11-20T10:00:00Z");
    private static final String FN = "fu-01JFIXTURE0000000000000000";
    private static final Engine engine = TestEngine.shared();
    private static String db;
    private static final Random random = new Random(4);
    private static final Map<String, String> ids = new HashMap<>();

    private static String id(String name, int offsetMs) {
        return ids.computeIfAbsent(
                name,
                n -> CallscopeIds.at(
                        CallscopeIds.Kind.CALL, T0.plusMillis(offsetMs).toEpochMilli(), random));
    }

    private static Instant t(long ms) {
        return T0.plusMillis(ms);
    }

    /** Inserts one event; stage-time arguments are milliseconds after T0, or null. */
    private static void event(
            String call,
            String type,
            long atMs,
            int attempt,
            String container,
            boolean cold,
            Long cb,
            Long ce,
            Long started,
            Long finished,
            String status) {
        engine.execute(Query.of("INSERT INTO " + db + """
                .function_call_events (function_id, function_call_id, event_at, event_type, attempt, container_id,
                  is_cold_start, enqueued_at, cold_start_began_at, cold_start_ended_at, started_at, finished_at,
                  status, error, ingested_at)
                VALUES ({f:String}, {c:String}, {at:DateTime64(6, 'UTC')}, {type:String}, {attempt:UInt16}, {container:String},
                  {cold:Bool}, {enq:DateTime64(6, 'UTC')}, {cb:Nullable(DateTime64(6, 'UTC'))}, {ce:Nullable(DateTime64(6, 'UTC'))},
                  {st:Nullable(DateTime64(6, 'UTC'))}, {fin:Nullable(DateTime64(6, 'UTC'))}, {status:String}, '', now64(6))""")
                .bind("f", FN)
                .bind("c", call)
                .bind("at", t(atMs))
                .bind("type", type)
                .bind("attempt", attempt)
                .bind("container", container)
                .bind("cold", cold)
                .bind("enq", CallscopeIds.instantOf(call))
                .bind("cb", cb == null ? null : t(cb))
                .bind("ce", ce == null ? null : t(ce))
                .bind("st", started == null ? null : t(started))
                .bind("fin", finished == null ? null : t(finished))
                .bind("status", status));
    }

    @BeforeAll
    static void fixtures() {
        db = TestEngine.freshDatabase("rebuild");
        engine.execute(Query.of("DROP DATABASE " + db));
        Schema.create(engine, db);
        // warm success: queued 0, assigned 10, started 20, finished 1020
        String warm = id("warm", 0);
        event(warm, "queued", 0, 1, "", false, null, null, null, null, "pending");
        event(warm, "container_assigned", 10, 1, "ta-w", false, null, null, null, null, "pending");
        event(warm, "started", 20, 1, "ta-w", false, null, null, 20L, null, "pending");
        event(warm, "finished", 1020, 1, "ta-w", false, null, null, 20L, 1020L, "success");
        // cold success, delivered out of order and twice
        String cold = id("cold", 100);
        for (int copy = 0; copy < 2; copy++) {
            event(cold, "finished", 9100, 1, "ta-c", true, 300L, 2300L, 2310L, 9100L, "success");
            event(cold, "cold_start_end", 2300, 1, "ta-c", true, 300L, 2300L, null, null, "pending");
            event(cold, "started", 2310, 1, "ta-c", true, 300L, 2300L, 2310L, null, "pending");
            event(cold, "queued", 100, 1, "", false, null, null, null, null, "pending");
            event(cold, "cold_start_begin", 300, 1, "ta-c", true, 300L, null, null, null, "pending");
            event(cold, "container_assigned", 250, 1, "ta-c", true, null, null, null, null, "pending");
        }
        // fails, then succeeds on retry (retried at 5000, warm start at 5030)
        String retry = id("retry", 200);
        event(retry, "queued", 200, 1, "", false, null, null, null, null, "pending");
        event(retry, "started", 240, 1, "ta-r", false, null, null, 240L, null, "pending");
        event(retry, "finished", 3240, 1, "ta-r", false, null, null, 240L, 3240L, "failure");
        event(retry, "retried", 5000, 2, "", false, null, null, null, null, "pending");
        event(retry, "started", 5030, 2, "ta-r", false, null, null, 5030L, null, "pending");
        event(retry, "finished", 6030, 2, "ta-r", false, null, null, 5030L, 6030L, "success");
        // still running
        String running = id("running", 300);
        event(running, "queued", 300, 1, "", false, null, null, null, null, "pending");
        event(running, "started", 700, 1, "ta-x", false, null, null, 700L, null, "pending");
        // timeout after 60 s
        String timeout = id("timeout", 400);
        event(timeout, "queued", 400, 1, "", false, null, null, null, null, "pending");
        event(timeout, "started", 450, 1, "ta-t", false, null, null, 450L, null, "pending");
        event(timeout, "finished", 60450, 1, "ta-t", false, null, null, 450L, 60450L, "timeout");
        // init failure: the container never became ready
        String init = id("init", 500);
        event(init, "queued", 500, 1, "", false, null, null, null, null, "pending");
        event(init, "cold_start_begin", 800, 1, "ta-i", true, 800L, null, null, null, "pending");
        event(init, "finished", 4800, 1, "ta-i", true, 800L, 4800L, null, 4800L, "init_failure");
        // still waiting in the queue
        String waiting = id("waiting", 600);
        event(waiting, "queued", 600, 1, "", false, null, null, null, null, "pending");
    }

    private static Map<String, CallTimeline> byName() {
        List<CallTimeline> calls = new CallRebuild(db)
                .forFunction(engine, FN, T0, T0.plusSeconds(3600), 1000)
                .calls();
        Map<String, CallTimeline> byId =
                calls.stream().collect(Collectors.toMap(CallTimeline::callId, Function.identity()));
        return ids.entrySet().stream()
                .filter(e -> byId.containsKey(e.getValue()))
                .collect(Collectors.toMap(Map.Entry::getKey, e -> byId.get(e.getValue())));
    }

    private static Duration ms(long n) {
        return Duration.ofMillis(n);
    }

    @Test
    void warmAndColdCallsSplitIntoTheirStages() {
        Map<String, CallTimeline> calls = byName();
        Instant now = t(100_000);
        CallTimeline warm = calls.get("warm");
        assertEquals(ms(20), warm.queueTime(now));
        assertEquals(Duration.ZERO, warm.coldStartTime(now));
        assertEquals(ms(1000), warm.runTime(now));
        assertEquals(CallStatus.SUCCESS, warm.finalStatus());
        assertEquals("ta-w", warm.last().containerId());

        CallTimeline cold = calls.get("cold");
        assertEquals(1, cold.attempts().size(), "duplicates do not add attempts");
        assertTrue(cold.last().coldStart());
        assertEquals(ms(200), cold.queueTime(now), "queued 100 → cold start 300");
        assertEquals(ms(2000), cold.coldStartTime(now));
        assertEquals(ms(6790), cold.runTime(now));
        assertEquals(ms(9000), cold.endToEnd(now));
    }

    @Test
    void aRetriedCallShowsBothAttemptsAndTheFinalStatusWins() {
        CallTimeline retry = byName().get("retry");
        Instant now = t(100_000);
        assertEquals(2, retry.attempts().size());
        assertEquals(CallStatus.FAILURE, retry.attempts().get(0).status());
        assertEquals(CallStatus.SUCCESS, retry.finalStatus());
        assertEquals(t(5000), retry.attempts().get(1).queuedAt(), "the retry queues from its own event");
        assertEquals(ms(40 + 30), retry.queueTime(now));
        assertEquals(ms(3000 + 1000), retry.runTime(now));
        assertEquals(ms(5830), retry.endToEnd(now));
    }

    @Test
    void unfinishedCallsExtendToNow() {
        Map<String, CallTimeline> calls = byName();
        Instant now = t(10_700);
        CallTimeline running = calls.get("running");
        assertTrue(running.last().isRunning());
        assertNull(running.last().finishedAt());
        assertEquals(CallStatus.PENDING, running.finalStatus());
        assertEquals(ms(10_000), running.runTime(now));
        CallTimeline waiting = calls.get("waiting");
        assertTrue(waiting.last().isWaiting());
        assertEquals(ms(10_100), waiting.queueTime(now));
        assertEquals(Duration.ZERO, waiting.runTime(now));
    }

    @Test
    void timeoutsAndInitFailuresKeepTheirOutcome() {
        Map<String, CallTimeline> calls = byName();
        Instant now = t(100_000);
        CallTimeline timeout = calls.get("timeout");
        assertEquals(CallStatus.TIMEOUT, timeout.finalStatus());
        assertEquals(ms(60_000), timeout.runTime(now));
        CallTimeline init = calls.get("init");
        assertEquals(CallStatus.INIT_FAILURE, init.finalStatus());
        assertEquals(ms(300), init.queueTime(now));
        assertEquals(ms(4000), init.coldStartTime(now));
        assertEquals(Duration.ZERO, init.runTime(now));
        assertFalse(init.last().isRunning());
    }

    @Test
    void oneCallByIdAndAnIdRange() {
        CallRebuild rebuild = new CallRebuild(db);
        List<CallTimeline> one = rebuild.forCall(engine, ids.get("retry")).calls();
        assertEquals(1, one.size());
        assertEquals(2, one.getFirst().attempts().size());
        assertTrue(
                rebuild.forCall(engine, "fc-01JNOSUCHCALL0000000000000").calls().isEmpty());
        List<CallTimeline> range = rebuild.forIdRange(engine, ids.get("cold"), ids.get("timeout"), 100)
                .calls();
        assertEquals(
                List.of(ids.get("cold"), ids.get("retry"), ids.get("running"), ids.get("timeout")),
                range.stream().map(CallTimeline::callId).toList());
    }

    @Test
    void callsThatEndedBeforeTheRangeAreLeftOut() {
        List<CallTimeline> late = new CallRebuild(db)
                .forFunction(engine, FN, t(7000), t(3_600_000), 1000)
                .calls();
        List<String> got = late.stream().map(CallTimeline::callId).toList();
        assertTrue(
                got.contains(ids.get("running")) && got.contains(ids.get("timeout")) && got.contains(ids.get("cold")));
        assertFalse(got.contains(ids.get("warm")), "finished at 1020 ms");
        assertFalse(got.contains(ids.get("retry")), "finished at 6030 ms");
    }
}
