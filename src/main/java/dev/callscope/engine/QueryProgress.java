package dev.callscope.engine;

import java.time.Duration;

/**
 * How far a running query has got, as the server reports it while the query runs.
 *
 * @param rowsRead        rows read from storage so far
 * @param bytesRead       bytes read from storage so far
 * @param totalRowsApprox the server's estimate of the rows it will read (0 when unknown)
 * @param elapsed         time since the query started on the server
 */
public record QueryProgress(long rowsRead, long bytesRead, long totalRowsApprox, Duration elapsed) {

    /** Several running queries as one line of progress: sums, and the longest elapsed time. */
    public QueryProgress plus(QueryProgress other) {
        return new QueryProgress(
                rowsRead + other.rowsRead,
                bytesRead + other.bytesRead,
                totalRowsApprox + other.totalRowsApprox,
                elapsed.compareTo(other.elapsed) >= 0 ? elapsed : other.elapsed);
    }
}
