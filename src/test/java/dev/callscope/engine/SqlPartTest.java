package dev.callscope.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.callscope.testing.TestEngine;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Parts keep their own values when composed: the same part twice, two parts with one hint, a user's text. */
class SqlPartTest {

    private static final Engine ENGINE = TestEngine.shared();

    @Test
    void twoPartsWithTheSameHintKeepTheirOwnValues() {
        SqlPart early = SqlPart.time("from", Instant.parse("2026-01-01T00:00:00Z"));
        SqlPart late = SqlPart.time("from", Instant.parse("2026-06-01T00:00:00Z"));
        SqlPart q = SqlPart.format("SELECT dateDiff('day', %s, %s)", early, late);
        assertEquals("151", ENGINE.queryScalar(q.query()));
    }

    @Test
    void aPartUsedTwiceBindsOneValue() {
        SqlPart n = SqlPart.value("n", "UInt32", 7);
        SqlPart q = SqlPart.format("SELECT %1$s * %1$s + %2$s", n, SqlPart.value("n", "UInt32", 1));
        assertEquals("50", ENGINE.queryScalar(q.query()));
        assertEquals(2, q.params().size());
    }

    @Test
    void aUsersTextIsAValueNeverSql() {
        String hostile = "x') OR 1=1 --";
        SqlPart q = SqlPart.format("SELECT count() FROM system.one WHERE %s = 'x'", SqlPart.string("s", hostile));
        assertEquals("0", ENGINE.queryScalar(q.query()));
        assertEquals(
                List.of(hostile),
                List.of(ENGINE.queryScalar(SqlPart.format("SELECT %s", SqlPart.string("s", hostile))
                        .query())));
    }

    @Test
    void conditionsComposeWithTheirValuesAndSettings() {
        SqlPart a =
                SqlPart.format("number >= %s", SqlPart.value("lo", "UInt64", 3)).withSetting("max_threads", "1");
        SqlPart b = SqlPart.format("number < %s", SqlPart.value("hi", "UInt64", 8));
        Query q = SqlPart.format("SELECT count() FROM numbers(100) WHERE %s", a.and(b))
                .query();
        assertEquals("5", ENGINE.queryScalar(q));
        assertEquals("1", q.settings().get("max_threads"));
    }

    @Test
    void aSettingCannotBeTwoValues() {
        SqlPart a = SqlPart.of("1").withSetting("max_threads", "1");
        SqlPart b = SqlPart.of("2").withSetting("max_threads", "2");
        assertThrows(IllegalArgumentException.class, () -> a.and(b));
        assertThrows(IllegalArgumentException.class, () -> SqlPart.value("Bad hint", "String", "x"));
        assertTrue(SqlPart.string("s", "v").sql().startsWith("{s_"));
    }
}
