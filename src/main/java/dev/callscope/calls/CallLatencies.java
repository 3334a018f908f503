package dev.callscope.calls;

import dev.callscope.engine.SqlPart;
import dev.callscope.time.TimeRange;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The SQL that turns attempts into one row per finished call with its latencies ({@code queue_ms},
 * {@code cold_ms}, {@code run_ms}, {@code e2e_ms}), its function, outcome and finish time; the
 * Performance and Functions tabs (and the report and the rollup) aggregate over it, so every view
 * measures a call the same way. A call's stages are summed over its attempts,
 * its outcome is its last attempt's, and it counts once every attempt has finished. Calls are
 * kept when they finished in the range, however long before it they were enqueued.
 *
 * <p>Grouping ten million attempts by call costs seconds; with the summary table only calls that
 * were retried (about one in a hundred) are grouped, and the rest are read flat, one row each.
 */
public final class CallLatencies {

    /** Per call, from any number of attempts. */
    private static final String GROUPED = """
            SELECT call, fn_id AS fn, fin_last AS fin, final_status AS status, any_cold AS cold_start,
                   queue_ms, cold_ms, run_ms, dateDiff('microsecond', enq_first, fin_last) / 1000.0 AS e2e_ms
            FROM (
              SELECT call, any(fn) AS fn_id, min(enq) AS enq_first, max(fin) AS fin_last,
                     argMax(status, attempt) AS final_status, max(cold) AS any_cold, countIf(fin IS NULL) AS unfinished,
                     -- stages an attempt never reached count as zero, not NULL (an init failure never ran)
                     coalesce(sum(dateDiff('microsecond', queued, if(cold AND cb IS NOT NULL, cb, coalesce(st, fin)))), 0) / 1000.0 AS queue_ms,
                     coalesce(sumIf(dateDiff('microsecond', cb, coalesce(ce, fin)), cold AND cb IS NOT NULL), 0) / 1000.0 AS cold_ms,
                     coalesce(sumIf(dateDiff('microsecond', st, fin), st IS NOT NULL), 0) / 1000.0 AS run_ms
              FROM (%1$s)
              GROUP BY call
              HAVING unfinished = 0 AND fin_last >= %2$s AND fin_last < %3$s)""";

    /** Per call with a single attempt: the same expressions as {@link #GROUPED} over one row. */
    private static final String SINGLE = """
            SELECT call, fn, fin, status, cold AS cold_start,
                   coalesce(dateDiff('microsecond', queued, if(cold AND cb IS NOT NULL, cb, coalesce(st, fin))), 0) / 1000.0 AS queue_ms,
                   coalesce(if(cold AND cb IS NOT NULL, dateDiff('microsecond', cb, coalesce(ce, fin)), 0), 0) / 1000.0 AS cold_ms,
                   coalesce(if(st IS NOT NULL, dateDiff('microsecond', st, fin), 0), 0) / 1000.0 AS run_ms,
                   dateDiff('microsecond', enq, fin) / 1000.0 AS e2e_ms
            FROM (%1$s)
            WHERE fin >= %2$s AND fin < %3$s""";

    private CallLatencies() {}

    /**
     * Ranges shorter than this find retried calls by key lookup; longer ones scan the retried flags
     * from the earliest enqueue (at 12.6M calls: an hour 232 ms against 346 ms, a day 2.8 s against 1.5 s).
     */
    public static final Duration KEY_LOOKUP_SPAN = Duration.ofHours(2);

    /** The latency rows of the calls of {@code functionIds} (all when empty) finished in {@code range}. */
    public static SqlPart subquery(AttemptRows attempts, List<String> functionIds, TimeRange range) {
        return subquery(
                attempts,
                functionIds,
                SqlPart.time("from", range.from()),
                SqlPart.time("to", range.to()),
                range.to(),
                range.duration().compareTo(KEY_LOOKUP_SPAN) < 0,
                SqlPart.of(""));
    }

    /**
     * The latency rows of every call of the summary that finished in {@code [from, to)}, two SQL
     * expressions (a view's own names: a view's query takes no parameters). The range's length is
     * known only to the server, so both ways of finding the calls are sent, each guarded by a
     * constant condition on it: the server prunes the branch that is false before it reads a row,
     * and a 30-second window (the rollup's idle run) reads keys, not the summary from its start.
     */
    public static SqlPart overSummary(AttemptRows summary, String from, String to) {
        if (!summary.summarized()) {
            throw new IllegalArgumentException("Only the summary is read with bounds as SQL");
        }
        String isShort = "dateDiff('second', " + from + ", " + to + ") < " + KEY_LOOKUP_SPAN.toSeconds();
        SqlPart short_ = SqlPart.of(" AND " + isShort);
        SqlPart long_ = SqlPart.of(" AND NOT " + isShort);
        return SqlPart.format(
                "%s\nUNION ALL\n%s",
                subquery(summary, List.of(), SqlPart.of(from), SqlPart.of(to), null, true, short_),
                subquery(summary, List.of(), SqlPart.of(from), SqlPart.of(to), null, false, long_));
    }

    /**
     * @param toValue {@code to}'s value, which bounds the call ids of Callscope's events (null only over the summary)
     * @param guard empty, or {@code " AND "} and a constant condition for every read of the summary (false reads nothing)
     */
    private static SqlPart subquery(
            AttemptRows attempts,
            List<String> functionIds,
            SqlPart from,
            SqlPart to,
            Instant toValue,
            boolean keyLookup,
            SqlPart guard) {
        SqlPart fns = functionIds.isEmpty()
                ? SqlPart.of("")
                : SqlPart.format(" AND function_id IN %s", SqlPart.strings("fns", functionIds));
        // the assumeNotNull term repeats the first for the finish index alone: the index keeps a granule holding an
        // unfinished attempt (NULL) as reaching to +inf, so "finished_at >= from" could never skip it, and running
        // calls sit in most recent granules (an idle refresh of the rollup read 2.4M rows); through assumeNotNull the
        // index reads such a granule by its finishes alone. A NULL fails both terms, so no row's answer changes
        SqlPart finished = SqlPart.format(
                "finished_at >= %1$s AND finished_at < %2$s AND assumeNotNull(finished_at) >= %1$s%3$s%4$s",
                from, to, fns, guard);
        if (!attempts.summarized()) {
            SqlPart since = earliestEnqueue(attempts.events().relation(), finished, to);
            return SqlPart.format(
                    GROUPED,
                    attempts.select(SqlPart.format("%s%s", attempts.enqueuedUntil(toValue, since), fns), since),
                    from,
                    to);
        }
        String table = attempts.summaryTable();
        SqlPart until = SqlPart.format("enqueued_at <= %s%s%s", to, fns, guard);
        // calls that ran once are found by their finish time alone (the summary's minmax index on it
        // skips granules). A retried call finishes with a later attempt: over a short range those
        // finishing in it name the calls, whose keys find every attempt (all share the call's first
        // enqueue time); over a long one, scanning the retried flags from the earliest enqueue is cheaper
        SqlPart retried = keyLookup
                ? attempts.select(
                        SqlPart.format(
                                "%s AND (function_id, enqueued_at, function_call_id) IN ("
                                        + "SELECT function_id, enqueued_at, function_call_id FROM " + table
                                        + " WHERE attempt > 1 AND %s)",
                                until,
                                finished),
                        null)
                : attempts.select(
                        SqlPart.format("%s AND %s", until, AttemptRows.RETRIED),
                        earliestEnqueue(table, SqlPart.format("attempt > 1 AND %s", finished), to));
        // over a short range (a live tail) the calls that ran once are found by their keys too: the
        // finish index picks them without FINAL (a partial row carrying the finish names its attempt),
        // and FINAL then merges only their key ranges, not a whole day of parts a pipeline left
        SqlPart ranOnce = keyLookup
                ? SqlPart.format(
                        "%s AND %s AND %s AND (function_id, enqueued_at, function_call_id, attempt) IN ("
                                + "SELECT function_id, enqueued_at, function_call_id, attempt FROM " + table
                                + " WHERE %s)",
                        until,
                        AttemptRows.RAN_ONCE,
                        finished,
                        finished)
                : SqlPart.format("%s AND %s AND %s", until, AttemptRows.RAN_ONCE, finished);
        return SqlPart.format(
                "%s\nUNION ALL\n%s",
                SqlPart.format(SINGLE, attempts.select(ranOnce, null), from, to),
                SqlPart.format(GROUPED, retried, from, to));
    }

    /**
     * The earliest enqueue of the calls that finished in range, as a scalar subquery: every row of a
     * call carries its first enqueue time, so no call that is wanted starts before it. A fixed
     * lookback is not safe: calls queue for hours behind a backlog (at 12.6M calls, 3 % of those
     * finishing in the last hour were enqueued more than two hours before it). No call: the range's end.
     */
    private static SqlPart earliestEnqueue(String relation, SqlPart where, SqlPart to) {
        return SqlPart.format("(SELECT ifNull(minOrNull(enqueued_at), %s) FROM " + relation + " WHERE %s)", to, where);
    }
}
