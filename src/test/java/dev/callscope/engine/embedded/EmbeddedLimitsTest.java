package dev.callscope.engine.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.callscope.engine.EngineException;
import dev.callscope.engine.Guardrails;
import dev.callscope.engine.Query;
import dev.callscope.testing.TestEngine;
import java.io.ByteArrayOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The embedded engine reads under the same limits as a server (issue 22): a read past the time limit or the result
 * caps ends in a sentence; writes are not limited; a query's own settings still win.
 */
class EmbeddedLimitsTest {

    /** 1 s, 1,000 rows, 100 kB. */
    private static final Guardrails TINY = new Guardrails(1, 1_000, 100_000, 4L << 30);
    /** A read of about four seconds, whose time is checked at every row. */
    private static final String SLOW = "SELECT sum(sleepEachRow(0.1)) FROM numbers(40) SETTINGS max_block_size = 1";

    private static ChdbEngine engine;

    @BeforeAll
    static void open() {
        engine = TestEngine.limited(TINY);
    }

    @AfterAll
    static void close() {
        engine.close();
    }

    @Test
    void aReadPastTheTimeLimitStopsNearIt() {
        long t0 = System.nanoTime();
        EngineException e = assertThrows(EngineException.class, () -> engine.queryScalar(Query.of(SLOW)));
        double seconds = (System.nanoTime() - t0) / 1e9;
        assertEquals(EngineException.TIMEOUT_EXCEEDED, e.code(), e.getMessage());
        assertTrue(seconds < 3, "stopped near the 1 s limit: " + seconds + " s");
    }

    @Test
    void aResultPastTheCapsIsRefusedWithTheReason() {
        EngineException rows = assertThrows(
                EngineException.class, () -> engine.query(Query.of("SELECT number FROM numbers(5000)"), r -> null));
        assertTrue(rows.getMessage().contains("Limit for result exceeded"), rows.getMessage());
        EngineException bytes = assertThrows(
                EngineException.class,
                () -> engine.queryRaw(
                        Query.of("SELECT repeat('x', 100000) FROM numbers(900)"), "CSV", new ByteArrayOutputStream()));
        assertTrue(bytes.getMessage().contains("Limit for result exceeded"), bytes.getMessage());
        assertEquals("999", engine.queryScalar(Query.of("SELECT count() FROM (SELECT number FROM numbers(999))")));
    }

    @Test
    void writesAreNotLimitedAndAQuerysOwnSettingsWin() {
        String db = TestEngine.freshDatabase("limits");
        engine.execute(Query.of("CREATE TABLE " + db + ".slow (n UInt64) ENGINE = MergeTree ORDER BY n"));
        engine.execute(Query.of("INSERT INTO " + db
                + ".slow SELECT number + sleepEachRow(0.1) FROM numbers(15) SETTINGS max_block_size = 1"));
        assertEquals("15", engine.queryScalar(Query.of("SELECT count() FROM " + db + ".slow")));
        assertEquals(
                5000L,
                engine.query(Query.of("SELECT number FROM numbers(5000)").withSetting("max_result_rows", "0"), r -> {
                            long n = 0;
                            while (r.next()) {
                                n++;
                            }
                            return n;
                        })
                        .value());
    }
}
