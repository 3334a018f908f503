package dev.callscope.logs;

import java.math.BigInteger;
import java.time.Instant;

/**
 * A position in the newest-first order of log lines: the timestamp, then a hash of the line's
 * container, call and message to order lines with the same timestamp. Pages continue strictly
 * after a cursor, so no line is shown twice while paging.
 */
public record LogCursor(Instant timestamp, long tiebreak) {

    /** The tiebreak as ClickHouse's UInt64. */
    BigInteger unsignedTiebreak() {
        return new BigInteger(Long.toUnsignedString(tiebreak));
    }
}
