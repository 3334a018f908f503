package dev.callscope.functions;

import dev.callscope.engine.Query;
import dev.callscope.engine.QueryExecutor;
import dev.callscope.engine.QueryStats;
import dev.callscope.performance.CallLatencyRows;
import dev.callscope.schema.Schema;
import dev.callscope.time.TimeRange;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The Functions table: per function, calls that finished in a range, outcomes and exact latencies. */
public final class FunctionStats {

    private final String database;

    public FunctionStats(String database) {
        this.database = Schema.requireDatabaseName(database);
    }

    public record Result(List<FunctionRow> rows, QueryStats stats) {
    }

    public Result table(QueryExecutor engine, TimeRange range) {
        Map<String, String[]> names = new HashMap<>();
        engine.query(Query.of("SELECT function_id, any(function_name), any(app_name), anyIf(gpu_type, gpu_type != '') FROM "
                + database + "." + Schema.EVENTS_TABLE + " GROUP BY function_id"), rows -> {
                    while (rows.next()) {
                        names.put(rows.getString(1), new String[] {rows.getString(2), rows.getString(3), rows.getString(4)});
                    }
                    return null;
                });
        Query q = CallLatencyRows.bind(Query.of("""
                SELECT fn, count(), countIf(status = 'success'), countIf(status = 'failure'), countIf(status = 'timeout'),
                       countIf(status IN ('init_failure', 'terminated')),
                       quantilesExact(0.5, 0.99)(run_ms), quantileExact(0.99)(queue_ms), countIf(cold_start) / count()
                FROM (%s) GROUP BY fn ORDER BY count() DESC""".formatted(CallLatencyRows.subquery(database, List.of()))),
                database, List.of(), range);
        var r = engine.query(q, rows -> {
            List<FunctionRow> out = new ArrayList<>();
            while (rows.next()) {
                String id = rows.getString(1);
                String[] n = names.getOrDefault(id, new String[] {id, "", ""});
                List<?> exec = rows.getList(7);
                out.add(new FunctionRow(id, n[0], n[1], n[2], rows.getLong(2), rows.getLong(3), rows.getLong(4),
                        rows.getLong(5), rows.getLong(6), ((Number) exec.get(0)).doubleValue(),
                        ((Number) exec.get(1)).doubleValue(), rows.getDouble(8), rows.getDouble(9)));
            }
            return out;
        });
        return new Result(r.value(), r.stats());
    }
}
