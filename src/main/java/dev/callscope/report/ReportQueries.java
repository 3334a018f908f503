package dev.callscope.report;

import dev.callscope.calls.AttemptRows;
import dev.callscope.calls.CallLatencies;
import dev.callscope.calls.EventSchema;
import dev.callscope.engine.Query;
import dev.callscope.engine.QueryExecutor;
import dev.callscope.engine.SqlPart;
import dev.callscope.logs.LogIndexProbe;
import dev.callscope.logs.LogPatterns;
import dev.callscope.logs.LogSchema;
import dev.callscope.logs.search.SearchExpr;
import dev.callscope.time.TimeRange;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The report's own queries: top error lines, the slowest calls and the slowest call tree. */
final class ReportQueries {

    private ReportQueries() {}

    /**
     * The most frequent kinds of error and critical line, as the Logs tab's Patterns group them (numbers, ids, paths,
     * durations as placeholders), counted over every match; of {@code functionIds} when given and the logs say which
     * function wrote a line (else of every function).
     */
    static List<ReportData.ErrorLine> topErrors(
            QueryExecutor engine, LogSchema logs, List<String> functionIds, TimeRange range, int limit) {
        boolean exists = "1"
                .equals(engine.query(
                                Query.of(
                                                "SELECT count() FROM system.tables WHERE database = {db:String} AND name = {t:String}")
                                        .bind("db", logs.database())
                                        .bind("t", logs.table()),
                                rows -> rows.next() ? rows.getString(1) : "0")
                        .value());
        if (!exists) {
            return List.of(); // a connection whose calls are mapped and whose logs are elsewhere (or nowhere)
        }
        var search = LogIndexProbe.search(engine, logs);
        SearchExpr errors = new SearchExpr.Or(List.of(
                new SearchExpr.FieldMatch(SearchExpr.Field.LEVEL, "ERROR"),
                new SearchExpr.FieldMatch(SearchExpr.Field.LEVEL, "CRITICAL")));
        SearchExpr expr = errors;
        if (!functionIds.isEmpty()) {
            SearchExpr fns = new SearchExpr.Or(functionIds.stream()
                    .<SearchExpr>map(f -> new SearchExpr.FieldMatch(SearchExpr.Field.FUNCTION, f))
                    .toList());
            SearchExpr both = new SearchExpr.And(List.of(errors, fns));
            expr = search.unsupported(both) == null ? both : errors;
        }
        if (search.unsupported(expr) != null) {
            return List.of(); // a logs table without levels
        }
        return new LogPatterns(search)
                .patterns(engine, expr, range, partial -> {}).patterns().stream()
                        .limit(limit)
                        .map(pt -> new ReportData.ErrorLine(pt.text(), pt.count(), pt.text()))
                        .toList();
    }

    static List<ReportData.SlowCall> slowest(
            QueryExecutor engine,
            EventSchema events,
            List<String> functionIds,
            TimeRange range,
            Map<String, String> names,
            int limit) {
        AttemptRows attempts = AttemptRows.of(engine, events);
        Query q = SqlPart.format(
                        """
                SELECT call, fn, toString(status), e2e_ms, queue_ms, cold_ms, run_ms
                FROM (%s) ORDER BY e2e_ms DESC LIMIT %s""",
                        CallLatencies.subquery(attempts, functionIds, range), SqlPart.value("limit", "UInt32", limit))
                .query();
        return engine.query(q, rows -> {
                    List<ReportData.SlowCall> out = new ArrayList<>();
                    while (rows.next()) {
                        out.add(new ReportData.SlowCall(
                                rows.getString(1),
                                names.getOrDefault(rows.getString(2), rows.getString(2)),
                                rows.getString(3),
                                rows.getDouble(4),
                                rows.getDouble(5),
                                rows.getDouble(6),
                                rows.getDouble(7)));
                    }
                    return out;
                })
                .value();
    }

    /**
     * The root of the tree that took longest (its first enqueue to its last event) among the trees with a call in the
     * range (of one of {@code functionIds}, when given), or null when no call of the range is in a tree.
     */
    static String slowestTreeRoot(QueryExecutor engine, EventSchema events, List<String> functionIds, TimeRange range) {
        Query q = Query.of("""
                SELECT root_call_id FROM %1$s
                WHERE root_call_id IN (SELECT DISTINCT root_call_id FROM %1$s WHERE root_call_id != ''
                                       AND event_at >= {from:DateTime64(6, 'UTC')} AND event_at < {to:DateTime64(6, 'UTC')} %2$s)
                GROUP BY root_call_id ORDER BY max(event_at) - min(enqueued_at) DESC, root_call_id LIMIT 1""".formatted(
                        events.relation(), functionIds.isEmpty() ? "" : "AND function_id IN {fns:Array(String)}"))
                .bind("from", range.from())
                .bind("to", range.to());
        if (!functionIds.isEmpty()) {
            q = q.bind("fns", functionIds);
        }
        return engine.query(q, rows -> rows.next() ? rows.getString(1) : null).value();
    }
}
