package dev.callscope.performance;

import dev.callscope.calls.AttemptRows;
import dev.callscope.engine.Query;
import dev.callscope.schema.Schema;
import dev.callscope.time.TimeRange;
import java.time.Duration;
import java.util.List;

/**
 * The SQL that turns attempts into one row per finished call with its latencies ({@code queue_ms},
 * {@code cold_ms}, {@code run_ms}, {@code e2e_ms}), its function, outcome and finish time; the
 * Performance and Functions tabs aggregate over it. A call's stages are summed over its attempts,
 * its outcome is its last attempt's, and it counts once every attempt has finished. Calls are
 * kept when they finished in the range, however long before it they were enqueued.
 *
 * <p>Grouping ten million attempts by call costs seconds; with the summary table only calls that
 * were retried (about one in a hundred) are grouped, and the rest are read flat, one row each.
 */
final class CallLatencies {

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
              FROM (%s)
              GROUP BY call
              HAVING unfinished = 0 AND fin_last >= {from:DateTime64(6, 'UTC')} AND fin_last < {to:DateTime64(6, 'UTC')})""";

    /** Per call with a single attempt: the same expressions as {@link #GROUPED} over one row. */
    private static final String SINGLE = """
            SELECT call, fn, fin, status, cold AS cold_start,
                   coalesce(dateDiff('microsecond', queued, if(cold AND cb IS NOT NULL, cb, coalesce(st, fin))), 0) / 1000.0 AS queue_ms,
                   coalesce(if(cold AND cb IS NOT NULL, dateDiff('microsecond', cb, coalesce(ce, fin)), 0), 0) / 1000.0 AS cold_ms,
                   coalesce(if(st IS NOT NULL, dateDiff('microsecond', st, fin), 0), 0) / 1000.0 AS run_ms,
                   dateDiff('microsecond', enq, fin) / 1000.0 AS e2e_ms
            FROM (%s)
            WHERE fin >= {from:DateTime64(6, 'UTC')} AND fin < {to:DateTime64(6, 'UTC')}""";

    private CallLatencies() {
    }

    /**
     * Ranges shorter than this find retried calls by key lookup; longer ones scan the retried flags
     * from the earliest enqueue (at 12.6M calls: an hour 232 ms against 346 ms, a day 2.8 s against 1.5 s).
     */
    static final Duration KEY_LOOKUP_SPAN = Duration.ofHours(2);

    /** The latency rows of the calls finished in {@code range} (its values bound later by {@link #bind}). */
    static String subquery(AttemptRows attempts, List<String> functionIds, TimeRange range) {
        String fns = functionIds.isEmpty() ? "" : " AND function_id IN {fns:Array(String)}";
        String finished = "finished_at >= {from:DateTime64(6, 'UTC')} AND finished_at < {to:DateTime64(6, 'UTC')}";
        if (!attempts.summarized()) {
            String since = earliestEnqueue(attempts.events().relation(), finished + fns);
            return GROUPED.formatted(attempts.select(attempts.enqueuedUntil(since) + fns, since));
        }
        String table = attempts.summaryTable();
        String until = "enqueued_at <= {until:DateTime64(6, 'UTC')}";
        // calls that ran once are found by their finish time alone (the summary's minmax index on it
        // skips granules). A retried call finishes with a later attempt: over a short range those
        // finishing in it name the calls, whose keys find every attempt (all share the call's first
        // enqueue time); over a long one, scanning the retried flags from the earliest enqueue is cheaper
        String lastAttempts = "SELECT function_id, enqueued_at, function_call_id FROM " + table + " WHERE attempt > 1 AND " + finished + fns;
        String retried = range.duration().compareTo(KEY_LOOKUP_SPAN) < 0
                ? attempts.select(until + fns + " AND (function_id, enqueued_at, function_call_id) IN (" + lastAttempts + ")", null)
                : attempts.select(until + fns + " AND " + AttemptRows.RETRIED, earliestEnqueue(table, "attempt > 1 AND " + finished + fns));
        return SINGLE.formatted(attempts.select(until + fns + " AND " + AttemptRows.RAN_ONCE + " AND " + finished, null))
                + "\nUNION ALL\n"
                + GROUPED.formatted(retried);
    }

    /**
     * The earliest enqueue of the calls that finished in range, as a scalar subquery: every row of a
     * call carries its first enqueue time, so no call that is wanted starts before it. A fixed
     * lookback is not safe: calls queue for hours behind a backlog (at 12.6M calls, 3 % of those
     * finishing in the last hour were enqueued more than two hours before it). No call: the range's end.
     */
    private static String earliestEnqueue(String relation, String where) {
        return "(SELECT ifNull(minOrNull(enqueued_at), {to:DateTime64(6, 'UTC')}) FROM " + relation + " WHERE " + where + ")";
    }

    /**
     * Binds the subquery's parameters on {@code outer}: calls of {@code functionIds} (all when empty)
     * that finished in {@code range}.
     */
    static Query bind(Query outer, AttemptRows attempts, List<String> functionIds, TimeRange range) {
        Query q = AttemptRows.bindUntil(attempts.prepare(outer), range.to()).bind("from", range.from()).bind("to", range.to());
        return functionIds.isEmpty() ? q : q.bind("fns", functionIds);
    }

    private static final java.util.regex.Pattern PARAMS =
            java.util.regex.Pattern.compile("\\{(from|to|until|hi|fns):");
    private static final List<String> PARAM_NAMES = List.of("from", "to", "until", "hi", "fns");

    /**
     * {@link #subquery} with its parameters renamed {@code prefix_name}, so one statement can hold
     * several of them over different ranges (bind each with {@link #bind(Query, AttemptRows, List, TimeRange, String)}).
     */
    static String subquery(AttemptRows attempts, List<String> functionIds, String prefix, TimeRange range) {
        return PARAMS.matcher(subquery(attempts, functionIds, range)).replaceAll("{" + prefix + "_$1:");
    }

    static Query bind(Query outer, AttemptRows attempts, List<String> functionIds, TimeRange range, String prefix) {
        // bind under the plain names on a scratch query, then copy each under its prefixed name
        Query plain = bind(Query.of("SELECT 1"), attempts, functionIds, range);
        Query q = attempts.prepare(outer);
        for (String name : PARAM_NAMES) {
            String value = plain.params().get(name);
            if (value != null) {
                q = q.bindEncoded(prefix + "_" + name, value);
            }
        }
        return q;
    }
}
