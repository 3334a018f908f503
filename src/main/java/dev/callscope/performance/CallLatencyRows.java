package dev.callscope.performance;

import dev.callscope.calls.AttemptRows;
import dev.callscope.engine.Query;
import dev.callscope.time.TimeRange;
import java.util.List;

/**
 * The per-call latency rows (call, fn, fin, status, cold_start, queue_ms, cold_ms, run_ms,
 * e2e_ms) as a subquery for other features to aggregate, so every tab measures a call the same way.
 */
public final class CallLatencyRows {

    private CallLatencyRows() {
    }

    /**
     * The subquery text over {@code attempts}, limited to {@code functionIds} when not empty, for
     * the calls finished in {@code range} (bind the same range with {@link #bind}).
     */
    public static String subquery(AttemptRows attempts, List<String> functionIds, TimeRange range) {
        return CallLatencies.subquery(attempts, functionIds, range);
    }

    /** {@link #subquery} with its parameters prefixed (see {@link CallRollup.Edge}); bound by {@link CallRollup#bind}. */
    public static String subquery(AttemptRows attempts, List<String> functionIds, String prefix, TimeRange range) {
        return CallLatencies.subquery(attempts, functionIds, prefix, range);
    }

    /** Binds the subquery's parameters (and settings) onto the query that embeds it. */
    public static Query bind(Query outer, AttemptRows attempts, List<String> functionIds, TimeRange range) {
        return CallLatencies.bind(outer, attempts, functionIds, range);
    }
}
