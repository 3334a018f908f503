package dev.callscope.report;

import dev.callscope.calls.AttemptRows;
import dev.callscope.engine.Query;
import dev.callscope.engine.QueryExecutor;
import dev.callscope.performance.CallLatencyRows;
import dev.callscope.schema.Schema;
import dev.callscope.time.TimeRange;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The report's own queries: top error lines, the slowest calls and the slowest call tree. */
final class ReportQueries {

    private ReportQueries() {
    }

    /**
     * Error and critical lines grouped after replacing hex ids and numbers with '#', so lines that
     * differ only by a request id count together.
     */
    static List<ReportData.ErrorLine> topErrors(QueryExecutor engine, String db, List<String> functionIds, TimeRange range, int limit) {
        Query q = Query.of("""
                SELECT replaceRegexpAll(substring(message, 1, 300), '[0-9a-fA-F]{8,}|[0-9]+', '#') AS pattern,
                       count() AS n, any(substring(message, 1, 300))
                FROM %s.%s
                WHERE timestamp >= {from:DateTime64(6, 'UTC')} AND timestamp < {to:DateTime64(6, 'UTC')}
                  AND level IN ('ERROR', 'CRITICAL') %s
                GROUP BY pattern ORDER BY n DESC LIMIT {limit:UInt32}""".formatted(Schema.requireDatabaseName(db),
                Schema.LOGS_TABLE, functionIds.isEmpty() ? "" : "AND function_id IN {fns:Array(String)}"))
                .bind("from", range.from()).bind("to", range.to()).bind("limit", limit);
        if (!functionIds.isEmpty()) {
            q = q.bind("fns", functionIds);
        }
        return engine.query(q, rows -> {
            List<ReportData.ErrorLine> out = new ArrayList<>();
            while (rows.next()) {
                out.add(new ReportData.ErrorLine(rows.getString(1), rows.getLong(2), rows.getString(3)));
            }
            return out;
        }).value();
    }

    static List<ReportData.SlowCall> slowest(QueryExecutor engine, String db, List<String> functionIds, TimeRange range,
                                              Map<String, String> names, int limit) {
        AttemptRows attempts = AttemptRows.of(engine, db);
        Query q = CallLatencyRows.bind(Query.of("""
                SELECT call, fn, toString(status), e2e_ms, queue_ms, cold_ms, run_ms
                FROM (%s) ORDER BY e2e_ms DESC LIMIT {limit:UInt32}""".formatted(CallLatencyRows.subquery(attempts, functionIds, range)))
                .bind("limit", limit), attempts, functionIds, range);
        return engine.query(q, rows -> {
            List<ReportData.SlowCall> out = new ArrayList<>();
            while (rows.next()) {
                out.add(new ReportData.SlowCall(rows.getString(1), names.getOrDefault(rows.getString(2), rows.getString(2)),
                        rows.getString(3), rows.getDouble(4), rows.getDouble(5), rows.getDouble(6), rows.getDouble(7)));
            }
            return out;
        }).value();
    }

    /**
     * The root of the tree that took longest (its first enqueue to its last event) among the trees with a call in the
     * range (of one of {@code functionIds}, when given), or null when no call of the range is in a tree.
     */
    static String slowestTreeRoot(QueryExecutor engine, String db, List<String> functionIds, TimeRange range) {
        Query q = Query.of("""
                SELECT root_call_id FROM %s.%s
                WHERE root_call_id IN (SELECT DISTINCT root_call_id FROM %1$s.%2$s WHERE root_call_id != ''
                                       AND event_at >= {from:DateTime64(6, 'UTC')} AND event_at < {to:DateTime64(6, 'UTC')} %s)
                GROUP BY root_call_id ORDER BY max(event_at) - min(enqueued_at) DESC, root_call_id LIMIT 1""".formatted(
                Schema.requireDatabaseName(db), Schema.EVENTS_TABLE, functionIds.isEmpty() ? "" : "AND function_id IN {fns:Array(String)}"))
                .bind("from", range.from()).bind("to", range.to());
        if (!functionIds.isEmpty()) {
            q = q.bind("fns", functionIds);
        }
        return engine.query(q, rows -> rows.next() ? rows.getString(1) : null).value();
    }
}
