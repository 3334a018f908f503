package dev.callscope.performance;

import dev.callscope.engine.Query;
import dev.callscope.ids.CallscopeIds;
import dev.callscope.schema.Schema;
import dev.callscope.time.TimeRange;
import java.time.Duration;
import java.util.List;

/**
 * The SQL that turns partial events into one row per finished call with its latencies
 * ({@code queue_ms}, {@code cold_ms}, {@code run_ms}, {@code e2e_ms}), its function, outcome and
 * finish time; the Performance and Functions tabs aggregate over it. Calls are selected by the
 * call-id range of their enqueue times (a key-range scan) and kept when they finished in the range.
 */
final class CallLatencies {

    /** How long before a range a call may have been enqueued and still finish in it. */
    static final Duration LOOKBACK = Duration.ofHours(2);

    static final String SQL = """
            SELECT call, fn_id AS fn, fin_last AS fin, final_status AS status, any_cold AS cold_start,
                   queue_ms, cold_ms, run_ms, dateDiff('microsecond', enq_first, fin_last) / 1000.0 AS e2e_ms
            FROM (
              SELECT call, any(fn) AS fn_id, min(enq) AS enq_first, max(fin) AS fin_last,
                     argMax(status, attempt) AS final_status, max(cold) AS any_cold, countIf(fin IS NULL) AS unfinished,
                     -- stages an attempt never reached count as zero, not NULL (an init failure never ran)
                     coalesce(sum(dateDiff('microsecond', queued, if(cold AND cb IS NOT NULL, cb, coalesce(st, fin)))), 0) / 1000.0 AS queue_ms,
                     coalesce(sumIf(dateDiff('microsecond', cb, coalesce(ce, fin)), cold AND cb IS NOT NULL), 0) / 1000.0 AS cold_ms,
                     coalesce(sumIf(dateDiff('microsecond', st, fin), st IS NOT NULL), 0) / 1000.0 AS run_ms
              FROM (
                SELECT function_call_id AS call, attempt, any(function_id) AS fn, min(enqueued_at) AS enq,
                       if(countIf(event_type IN ('queued', 'retried')) > 0,
                          minIf(event_at, event_type IN ('queued', 'retried')), min(enqueued_at)) AS queued,
                       min(cold_start_began_at) AS cb, min(cold_start_ended_at) AS ce, min(started_at) AS st,
                       max(finished_at) AS fin, max(is_cold_start) AS cold,
                       if(countIf(event_type = 'finished') > 0, argMaxIf(status, event_at, event_type = 'finished'), 'pending') AS status
                FROM %s
                WHERE function_call_id BETWEEN {lo:String} AND {hi:String} %s
                GROUP BY call, attempt)
              GROUP BY call
              HAVING unfinished = 0 AND fin_last >= {from:DateTime64(6, 'UTC')} AND fin_last < {to:DateTime64(6, 'UTC')})""";

    private CallLatencies() {
    }

    /**
     * The per-call rows for calls that finished in {@code range}, of {@code functionIds} (all when
     * empty), as a subquery with its parameters bound on {@code outer}.
     */
    static Query bind(Query outer, String database, List<String> functionIds, TimeRange range) {
        Query q = outer.bind("lo", CallscopeIds.lowerBound(CallscopeIds.Kind.CALL, range.from().minus(LOOKBACK)))
                .bind("hi", CallscopeIds.upperBound(CallscopeIds.Kind.CALL, range.to()))
                .bind("from", range.from()).bind("to", range.to());
        return functionIds.isEmpty() ? q : q.bind("fns", functionIds);
    }

    static String subquery(String database, List<String> functionIds) {
        String events = Schema.requireDatabaseName(database) + "." + Schema.EVENTS_TABLE;
        return SQL.formatted(events, functionIds.isEmpty() ? "" : "AND function_id IN {fns:Array(String)}");
    }
}
