package dev.callscope.performance;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A workload, three days with no call at all, then the same workload again: the server's view
 * seals at most a day per run, and each run over the empty days still moves the seal on, so the
 * calls after the quiet spell are sealed and read through the rollup with the numbers of the calls.
 */
class RollupQuietSpellTest {

    private static final Instant END = Instant.parse("2026-11-23T12:00:00Z");
    private static final Duration QUIET = Duration.ofDays(3);
    private static final Engine engine = TestEngine.shared();

    @Test
    void runsOverAQuietSpellMoveTheSealOnToTheCallsAfterIt() {
        String db = TestEngine.freshDatabase("quiet");
        engine.execute(Query.of("DROP DATABASE " + db));
        DemoWorkload.generate(
                engine,
                DemoOptions.defaults(23)
                        .withCalls(1500)
                        .withLogsPerCall(0)
                        .withEnd(END)
                        .withSpan(Duration.ofHours(2))
                        .withDatabase(db),
                DemoProgress.NONE);
        engine.execute(Query.of("TRUNCATE TABLE " + db + "." + Schema.ROLLUP_TABLE));
        // the calls arrived long ago, not just now: no run takes them for late arrivals
        engine.execute(Query.of("ALTER TABLE " + db + "." + Schema.ATTEMPTS_TABLE
                + " UPDATE updated_at = updated_at - INTERVAL 1 HOUR WHERE true SETTINGS mutations_sync = 2"));
        Instant firstSeal = END.plus(Duration.ofMinutes(2));
        RollupViews.refreshAt(engine, db, firstSeal);
        assertEquals(firstSeal, sealedUntil(db));

        Instant later = firstSeal.plus(QUIET);
        // a run seals at most a day: the two during the quiet spell find no call, and still move the seal
        RollupViews.refreshAt(engine, db, later);
        assertEquals(firstSeal.plus(Duration.ofDays(1)), sealedUntil(db), "an empty day is sealed");
        RollupViews.refreshAt(engine, db, later);
        assertEquals(firstSeal.plus(Duration.ofDays(2)), sealedUntil(db), "and the next");
        // then the same calls again, with other ids, at the end of the three days in which nothing ran
        String shift = "INTERVAL " + QUIET.toSeconds() + " SECOND";
        String t = db + ".function_call_events";
        engine.execute(Query.of("INSERT INTO " + t + " SELECT * REPLACE ("
                + "concat(function_call_id, 'q') AS function_call_id, event_at + " + shift + " AS event_at, "
                + "enqueued_at + " + shift + " AS enqueued_at, cold_start_began_at + " + shift
                + " AS cold_start_began_at, cold_start_ended_at + " + shift + " AS cold_start_ended_at, "
                + "started_at + " + shift + " AS started_at, finished_at + " + shift + " AS finished_at, "
                + "if(parent_call_id = '', '', concat(parent_call_id, 'q')) AS parent_call_id, "
                + "if(root_call_id = '', '', concat(root_call_id, 'q')) AS root_call_id) "
                + "FROM " + t + " WHERE function_call_id != ''"));

        RollupViews.refreshAt(engine, db, later);
        assertEquals(later, sealedUntil(db), "the calls after the quiet spell");

        TimeRange after = new TimeRange(END.plus(QUIET).minus(Duration.ofHours(2)), END.plus(QUIET));
        AttemptRows attempts = AttemptRows.of(engine, db);
        Query viaRollup = new FunctionStats(db).query(attempts, CallRollup.of(engine, db), after);
        assertTrue(viaRollup.sql().contains(Schema.ROLLUP_TABLE), "the rollup is read");
        List<String> fromCalls = CallRollupTest.table(new FunctionStats(db).query(attempts, after));
        assertTrue(fromCalls.size() > 3, "functions: " + fromCalls);
        // (so no row for the runs' empty function either)
        assertEquals(fromCalls, CallRollupTest.table(viaRollup));
        long sealedCalls = Long.parseLong(engine.queryScalar(Query.of("SELECT sum(calls) FROM " + db + "."
                + Schema.ROLLUP_TABLE + " FINAL WHERE slot >= toDateTime("
                + END.plus(QUIET).minus(Duration.ofHours(3)).getEpochSecond() + ", 'UTC')")));
        assertEquals(
                sealedCalls,
                Long.parseLong(engine.queryScalar(Query.of("SELECT sum(calls) FROM " + db + "."
                        + Schema.ROLLUP_TABLE + " FINAL WHERE slot < toDateTime("
                        + END.plus(Duration.ofHours(1)).getEpochSecond() + ", 'UTC')"))),
                "the calls after the spell are sealed, as many as before it");
    }

    private static Instant sealedUntil(String db) {
        return CallRollup.of(engine, db).sealedUntil().orElseThrow();
    }
}
