package dev.callscope.engine;

import java.time.Duration;
import java.util.Optional;

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

    /** The columns of {@code system.processes} a progress is read from, in {@link #read}'s order. */
    public static final String PROCESSES_COLUMNS = "read_rows, read_bytes, total_rows_approx, elapsed";

    /** The first row of a {@link #PROCESSES_COLUMNS} query as a progress; empty when the query is not running. */
    public static Optional<QueryProgress> read(RowCursor rows) {
        return rows.next()
                ? Optional.of(
                        new QueryProgress(rows.getLong(1), rows.getLong(2), rows.getLong(3), Duration.ofNanos((long)
                                (rows.getDouble(4) * 1e9))))
                : Optional.empty();
    }
}
