package dev.callscope.performance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.callscope.acceleration.RollupViews;
import dev.callscope.calls.AttemptRows;
import dev.callscope.calls.CallRollup;
import dev.callscope.demo.DemoOptions;
import dev.callscope.demo.DemoProgress;
import dev.callscope.demo.DemoWorkload;
import dev.callscope.engine.Engine;
import dev.callscope.engine.Query;
import dev.callscope.functions.FunctionStats;
import dev.callscope.schema.Schema;
import dev.callscope.testing.TestEngine;
import dev.callscope.time.TimeRange;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Events that arrive after their slot was sealed, as a pipeline delivers them: a whole call late
 * and out of order, a duplicate delivery, and a retry that moves a call to a later slot (leaving
 * its old slot empty). After the server's next refresh, every bucket and every Functions row read
 * through the rollup equals what the calls give; before it, the rollup is visibly behind (so this
 * test can fail).
 */
class RollupLateEventsTest {

    private static final Instant END = Instant.parse("2026-11-22T12:00:00Z");
    private static final TimeRange RANGE =
            new TimeRange(END.minus(Duration.ofHours(3)).plusSeconds(11), END.plusSeconds(7));
    private static final Engine engine = TestEngine.shared();
    private static final String EVENTS = "function_call_events";

    @Test
    void lateDuplicateAndRetriedEventsAreCountedAfterTheNextRefresh() {
        String db = TestEngine.freshDatabase("late");
        engine.execute(Query.of("DROP DATABASE " + db));
        DemoWorkload.generate(
                engine,
                DemoOptions.defaults(17)
                        .withCalls(3000)
                        .withLogsPerCall(0)
                        .withEnd(END)
                        .withSpan(Duration.ofHours(3))
                        .withDatabase(db),
                DemoProgress.NONE);
        RollupViews.refreshAt(engine, db, END.plus(Duration.ofMinutes(2)));
        assertSame(db, "sealed from the generated calls");

        String t = db + "." + EVENTS;
        String a = db + "." + Schema.ATTEMPTS_TABLE;
        // a call alone in its function's slot, run once: its retry will leave that slot empty
        String alone =
                engine.queryScalar(Query.of("SELECT any(function_call_id) FROM (SELECT function_id, function_call_id,"
                                + " toStartOfInterval(finished_at, INTERVAL 30 SECOND) AS s, count() OVER (PARTITION BY function_id, s) AS n"
                                + " FROM " + a + " FINAL WHERE attempt = 1 AND NOT retried AND finished_at IS NOT NULL"
                                + " AND finished_at < {to:DateTime64(6, 'UTC')} - INTERVAL 1 HOUR) WHERE n = 1")
                        .bind("to", END));
        assertFalse(alone.isEmpty(), "the fixture has a call alone in its slot");
        List<String> two =
                List.of(engine.queryScalar(Query.of("SELECT arrayStringConcat(groupArray(c), ',') FROM (SELECT"
                                        + " function_call_id AS c FROM " + a
                                        + " FINAL WHERE attempt = 1 AND NOT retried AND finished_at IS NOT NULL"
                                        + " AND function_call_id != {alone:String} ORDER BY cityHash64(c) LIMIT 2)")
                                .bind("alone", alone))
                        .split(","));

        // 1. a whole call arrives an hour late, its finish before its queue event (another id, same times)
        String copy =
                "SELECT * REPLACE (concat(function_call_id, 'late') AS function_call_id, now64(6) AS ingested_at) FROM "
                        + t + " WHERE function_call_id = {c:String}";
        engine.execute(Query.of("INSERT INTO " + t + " " + copy + " AND event_type = 'finished'")
                .bind("c", two.get(0)));
        engine.execute(Query.of("INSERT INTO " + t + " " + copy + " AND event_type != 'finished'")
                .bind("c", two.get(0)));
        // 2. a duplicate delivery of every event of another call
        engine.execute(Query.of("INSERT INTO " + t + " SELECT * REPLACE (now64(6) AS ingested_at) FROM " + t
                        + " WHERE function_call_id = {c:String}")
                .bind("c", two.get(1)));
        // 3. the lone call is retried: attempt 2 is queued a second after attempt 1 finished and finishes 3 minutes
        // later
        String retry =
                "SELECT * REPLACE (toUInt16(2) AS attempt, %s AS event_type, finished_at + INTERVAL %d SECOND AS event_at,"
                        + " %s AS started_at, %s AS finished_at, %s AS status, now64(6) AS ingested_at) FROM " + t
                        + " WHERE function_call_id = {c:String} AND event_type = 'finished'";
        engine.execute(Query.of("INSERT INTO " + t + " " + retry.formatted("'retried'", 1, "NULL", "NULL", "'pending'"))
                .bind("c", alone));
        engine.execute(Query.of("INSERT INTO " + t + " "
                        + retry.formatted("'started'", 2, "finished_at + INTERVAL 2 SECOND", "NULL", "'pending'"))
                .bind("c", alone));
        engine.execute(Query.of("INSERT INTO " + t + " "
                        + retry.formatted(
                                "'finished'",
                                180,
                                "finished_at + INTERVAL 2 SECOND",
                                "finished_at + INTERVAL 180 SECOND",
                                "'success'"))
                .bind("c", alone));

        assertNotEquals(viaCalls(db), viaRollup(db), "before the refresh the rollup lags the calls");
        RollupViews.refreshAt(engine, db, END.plus(Duration.ofMinutes(2)));
        assertSame(db, "after the late events");
        // the retried call's first slot is empty now: written again as an empty row, not left holding it
        long stale = Long.parseLong(engine.queryScalar(Query.of("SELECT count() FROM " + db + "." + Schema.ROLLUP_TABLE
                + " FINAL WHERE calls = 0 AND function_id != ''")));
        assertTrue(stale >= 1, "the emptied slot was sealed again");
    }

    /** Every Functions row and every 30 s bucket of every metric: the same through the rollup as from the calls. */
    private static void assertSame(String db, String when) {
        assertEquals(viaCalls(db), viaRollup(db), when + ": Functions table");
        AttemptRows attempts = AttemptRows.of(engine, db);
        LatencyQuery latency = new LatencyQuery(db);
        CallRollup rollup = CallRollup.of(engine, db);
        for (Metric metric : Metric.values()) {
            Query fast = latency.query(attempts, rollup, List.of(), metric, RANGE, CallRollup.SLOT, Precision.EXACT);
            assertTrue(fast.sql().contains(Schema.ROLLUP_TABLE), "the rollup is read");
            double[][] viaRollup = CallRollupTest.run(fast);
            double[][] fromCalls = CallRollupTest.run(
                    latency.query(attempts, List.of(), metric, RANGE, CallRollup.SLOT, Precision.EXACT));
            assertTrue(fromCalls.length > 300, "buckets: " + fromCalls.length);
            assertEquals(fromCalls.length, viaRollup.length, when + " " + metric);
            for (int i = 0; i < fromCalls.length; i++) {
                double[] x = fromCalls[i];
                double[] y = viaRollup[i];
                assertArrayEquals(
                        new double[] {x[0], x[1], x[2], x[3], x[4], x[6]},
                        new double[] {y[0], y[1], y[2], y[3], y[4], y[6]},
                        0,
                        when + " " + metric + " bucket " + i + ": " + Arrays.toString(x) + " vs " + Arrays.toString(y));
            }
        }
    }

    private static List<String> viaCalls(String db) {
        return CallRollupTest.table(new FunctionStats(db).query(AttemptRows.of(engine, db), RANGE));
    }

    private static List<String> viaRollup(String db) {
        Query q = new FunctionStats(db).query(AttemptRows.of(engine, db), CallRollup.of(engine, db), RANGE);
        assertTrue(q.sql().contains(Schema.ROLLUP_TABLE), "the rollup is read");
        return CallRollupTest.table(q);
    }
}
