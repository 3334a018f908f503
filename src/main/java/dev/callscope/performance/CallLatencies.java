package dev.callscope.performance;

import dev.callscope.calls.AttemptRows;
import dev.callscope.engine.Query;
import dev.callscope.time.TimeRange;
import java.time.Duration;
import java.util.List;

/**
 * The SQL that turns attempts into one row per finished call with its latencies ({@code queue_ms},
 * {@code cold_ms}, {@code run_ms}, {@code e2e_ms}), its function, outcome and finish time; the
 * Performance and Functions tabs aggregate over it. A call's stages are summed over its attempts,
 * its outcome is its last attempt's, and it counts once every attempt has finished. Calls are
 * selected by the call-id range of their enqueue times (a key-range scan) and kept when they
 * finished in the range.
 *
 * <p>Grouping ten million attempts by call costs seconds; with the summary table only calls that
 * were retried (about one in a hundred) are grouped, and the rest are read flat, one row each.
 */
final class CallLatencies {

    /** How long before a range a call may have been enqueued and still finish in it. */
    static final Duration LOOKBACK = Duration.ofHours(2);

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

    static String subquery(AttemptRows attempts, List<String> functionIds) {
        String where = attempts.enqueuedInRange() + (functionIds.isEmpty() ? "" : " AND function_id IN {fns:Array(String)}");
        if (!attempts.summarized()) {
            return GROUPED.formatted(attempts.select(where));
        }
        // the finish-time bound inside the select lets the summary's minmax index skip granules
        return SINGLE.formatted(attempts.select(where + " AND " + AttemptRows.RAN_ONCE
                        + " AND finished_at >= {from:DateTime64(6, 'UTC')} AND finished_at < {to:DateTime64(6, 'UTC')}"))
                + "\nUNION ALL\n"
                + GROUPED.formatted(attempts.select(where + " AND " + AttemptRows.RETRIED));
    }

    /**
     * Binds the subquery's parameters on {@code outer}: calls of {@code functionIds} (all when empty)
     * that finished in {@code range}.
     */
    static Query bind(Query outer, AttemptRows attempts, List<String> functionIds, TimeRange range) {
        Query q = AttemptRows.bindEnqueued(attempts.prepare(outer), range.from().minus(LOOKBACK), range.to())
                .bind("from", range.from()).bind("to", range.to());
        return functionIds.isEmpty() ? q : q.bind("fns", functionIds);
    }

    private static final java.util.regex.Pattern PARAMS =
            java.util.regex.Pattern.compile("\\{(from|to|since|until|lo|hi|fns):");
    private static final List<String> PARAM_NAMES = List.of("from", "to", "since", "until", "lo", "hi", "fns");

    /**
     * {@link #subquery} with its parameters renamed {@code prefix_name}, so one statement can hold
     * several of them over different ranges (bind each with {@link #bind(Query, AttemptRows, List, TimeRange, String)}).
     */
    static String subquery(AttemptRows attempts, List<String> functionIds, String prefix) {
        return PARAMS.matcher(subquery(attempts, functionIds)).replaceAll("{" + prefix + "_$1:");
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
