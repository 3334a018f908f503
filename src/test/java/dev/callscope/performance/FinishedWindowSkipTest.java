package dev.callscope.performance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.callscope.calls.AttemptRows;
import dev.callscope.calls.CallLatencies;
import dev.callscope.demo.DemoOptions;
import dev.callscope.demo.DemoProgress;
import dev.callscope.demo.DemoWorkload;
import dev.callscope.engine.Engine;
import dev.callscope.engine.Query;
import dev.callscope.engine.QueryResult;
import dev.callscope.engine.SqlPart;
import dev.callscope.schema.Schema;
import dev.callscope.testing.TestEngine;
import dev.callscope.time.TimeRange;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * "Finished in this window" on the summary skips granules whose calls all finished before it, even when they hold a
 * call still running: the plain finish index keeps such a granule as reaching to the end of time, so every idle run
 * of the rollup's refresh, and every read of the last minutes, read the recent granules again (2.4M rows each 30 s
 * at 12.6M calls). The answer must not change: a window with finishes in it reads them all.
 */
class FinishedWindowSkipTest {

    private static final Instant END = Instant.parse("2026-11-20T12:00:00Z");
    /** A window after every finish of the workload. */
    private static final TimeRange AFTER =
            new TimeRange(END.plus(Duration.ofMinutes(5)), END.plus(Duration.ofMinutes(6)));

    private static final Engine engine = TestEngine.shared();
    private static String db;

    @BeforeAll
    static void workload() {
        db = TestEngine.freshDatabase("finskip");
        engine.execute(Query.of("DROP DATABASE " + db));
        DemoWorkload.generate(
                engine,
                DemoOptions.defaults(31)
                        .withCalls(1200)
                        .withLogsPerCall(0)
                        .withEnd(END)
                        .withSpan(Duration.ofHours(1))
                        .withDatabase(db),
                DemoProgress.NONE);
    }

    private static QueryResult<Long> finishedIn(TimeRange range) {
        SqlPart rows = CallLatencies.subquery(AttemptRows.fromSummary(db), List.of(), range);
        return engine.query(SqlPart.format("SELECT count() FROM (%s)", rows).query(), r -> {
            r.next();
            return r.getLong(1);
        });
    }

    private static long unfinishedAttempts() {
        return Long.parseLong(engine.queryScalar(
                Query.of("SELECT countIf(finished_at IS NULL) FROM " + db + "." + Schema.ATTEMPTS_TABLE + " FINAL")));
    }

    @Test
    void aWindowAfterEveryFinishReadsNoRowThoughCallsAreStillRunning() {
        assertTrue(unfinishedAttempts() > 0, "the workload ends with calls still running");
        QueryResult<Long> none = finishedIn(AFTER);
        assertEquals(0, none.value());
        assertEquals(
                0, none.stats().rowsRead(), "granules holding only earlier finishes and running calls are skipped");

        TimeRange last = new TimeRange(END.minus(Duration.ofMinutes(10)), END.plus(Duration.ofMinutes(6)));
        QueryResult<Long> some = finishedIn(last);
        assertEquals(
                Long.parseLong(engine.queryScalar(Query.of("SELECT count() FROM (SELECT function_call_id FROM " + db
                                + "." + Schema.ATTEMPTS_TABLE + " FINAL GROUP BY function_call_id"
                                + " HAVING countIf(finished_at IS NULL) = 0 AND max(finished_at) >= {f:DateTime64(6, 'UTC')}"
                                + " AND max(finished_at) < {t:DateTime64(6, 'UTC')})")
                        .bind("f", last.from())
                        .bind("t", last.to()))),
                some.value(),
                "every call finished in the window is still read");
        assertTrue(some.value() > 0);
    }

    @Test
    void aSummaryWithoutTheIndexGetsItOnUpgradeForTheRowsAlreadyStored() {
        String table = db + "." + Schema.ATTEMPTS_TABLE;
        engine.execute(Query.of("ALTER TABLE " + table + " DROP INDEX " + Schema.FINISHED_KNOWN_INDEX));
        assertTrue(finishedIn(AFTER).stats().rowsRead() > 0, "without it the running calls' granules are read");

        assertTrue(Schema.addAttempts(engine, db), "the upgrade had work to do");
        assertEquals(0, finishedIn(AFTER).stats().rowsRead());
        assertFalse(Schema.addAttempts(engine, db), "and none the second time");
    }
}
