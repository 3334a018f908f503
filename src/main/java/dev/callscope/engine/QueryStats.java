package dev.callscope.engine;

import java.time.Duration;

/**
 * What a query cost, as the engine reports it.
 *
 * @param rowsRead   rows read from storage (or -1 when unknown)
 * @param bytesRead  bytes read from storage (or -1 when unknown)
 * @param resultRows rows in the result
 * @param elapsed    the engine's own elapsed time
 */
public record QueryStats(long rowsRead, long bytesRead, long resultRows, Duration elapsed) {

    public static final QueryStats NONE = new QueryStats(-1, -1, 0, Duration.ZERO);
}
