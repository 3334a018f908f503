package dev.callscope.functions;

import dev.callscope.calls.AttemptRows;
import dev.callscope.calls.EventSchema;
import dev.callscope.engine.Query;
import dev.callscope.engine.QueryExecutor;
import dev.callscope.engine.QueryStats;
import dev.callscope.performance.CallLatencyRows;
import dev.callscope.time.TimeRange;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The Functions table: per function, calls that finished in a range, outcomes and exact latencies. */
public final class FunctionStats {

    private final EventSchema schema;

    public FunctionStats(String database) {
        this(EventSchema.canonical(database));
    }

    public FunctionStats(EventSchema schema) {
        this.schema = schema;
    }

    public record Result(List<FunctionRow> rows, QueryStats stats) {
    }

    public Result table(QueryExecutor engine, TimeRange range) {
        AttemptRows attempts = AttemptRows.of(engine, schema);
        Map<String, String[]> names = attempts.functionNames(engine);
        var r = engine.query(query(attempts, range), rows -> {
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

    /** Per function: calls, outcomes, run p50/p99, queue p99, cold-start share (the benchmark runs it too). */
    public Query query(AttemptRows attempts, TimeRange range) {
        return CallLatencyRows.bind(Query.of("""
                SELECT fn, count(), countIf(status = 'success'), countIf(status = 'failure'), countIf(status = 'timeout'),
                       countIf(status IN ('init_failure', 'terminated')),
                       quantilesExact(0.5, 0.99)(run_ms), quantileExact(0.99)(queue_ms), countIf(cold_start) / count()
                FROM (%s) GROUP BY fn ORDER BY count() DESC""".formatted(CallLatencyRows.subquery(attempts, List.of()))),
                attempts, List.of(), range);
    }
}
