package dev.callscope.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.callscope.testing.TestEngine;
import org.junit.jupiter.api.Test;

/** A server's error as a person reads it: the sentence and the error's name, not the query quoted back. */
class EngineExceptionTest {

    @Test
    void theQueryQuotedBackIsLeftOut() {
        EngineException e =
                EngineException.fromServerText("Code: 69. DB::Exception: A call to function range would produce "
                        + "2000000000 array elements, which is greater than the allowed maximum of 500000000: In scope SELECT "
                        + "x".repeat(20_000) + " FROM t. (ARGUMENT_OUT_OF_BOUND) (version 26.7.3.1)");
        assertEquals(69, e.code());
        assertEquals(
                "A call to function range would produce 2000000000 array elements, which is greater than the allowed "
                        + "maximum of 500000000 (ARGUMENT_OUT_OF_BOUND)",
                e.getMessage());
        EngineException overflow = EngineException.fromServerText(
                "Code: 407. DB::Exception: Convert overflow: while executing "
                        + "'FUNCTION toUnixTimestamp(coalesce(fin, _CAST('253370764800'_DateTime64(6, 'UTC')))) -> x UInt32 : 2'. (DECIMAL_OVERFLOW)");
        assertEquals("Convert overflow (DECIMAL_OVERFLOW)", overflow.getMessage());
    }

    @Test
    void aLongMessageIsCut() {
        EngineException e = EngineException.fromServerText("Code: 1. DB::Exception: " + "y".repeat(5000));
        assertEquals(EngineException.LONGEST + 1, e.getMessage().length());
        assertTrue(e.getMessage().endsWith("…"));
    }

    @Test
    void theEnginesOwnErrorReadsTheSameWay() {
        EngineException e = org.junit.jupiter.api.Assertions.assertThrows(
                EngineException.class,
                () -> TestEngine.shared()
                        .queryScalar(Query.of(
                                "SELECT length(range(toUInt32(2000000000))) AS " + "a_long_alias_".repeat(40))));
        assertTrue(e.getMessage().length() < 300, e.getMessage());
        assertTrue(e.getMessage().contains("array elements"), e.getMessage());
    }
}
