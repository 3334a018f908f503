package dev.callscope.functions;

import dev.callscope.calls.AttemptRows;
import dev.callscope.calls.CallLatencies;
import dev.callscope.calls.CallRollup;
import dev.callscope.calls.EventField;
import dev.callscope.calls.EventSchema;
import dev.callscope.calls.FunctionDirectory;
import dev.callscope.engine.Query;
import dev.callscope.engine.QueryExecutor;
import dev.callscope.engine.QueryStats;
import dev.callscope.engine.SqlPart;
import dev.callscope.time.TimeRange;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The Functions table: per function, calls that finished in a range, outcomes and exact latencies. */
public final class FunctionStats {

    private final EventSchema schema;

    public FunctionStats(String database) {
        this(EventSchema.canonical(database));
    }

    public FunctionStats(EventSchema schema) {
        this.schema = schema;
    }

    /**
     * @param read the calls' finish times read: the asked range widened to whole 30-second slots
     * @param attempts where the calls were read from, and {@code names} what the functions' ids stand for: for
     *     {@link #withNoFinish}, which reads the same attempts
     */
    public record Result(
            List<FunctionRow> rows,
            QueryStats stats,
            TimeRange read,
            AttemptRows attempts,
            FunctionDirectory.Names names) {}

    /** The whole table: {@link #finishedCalls}, then {@link #withNoFinish}. */
    public Result table(QueryExecutor engine, TimeRange range) {
        return withNoFinish(engine, finishedCalls(engine, range), range);
    }

    /**
     * The table of the calls that finished in the range, its No finish column {@link FunctionRow#NOT_COUNTED}:
     * the window shows it before counting the calls with no finish event, which on a large range cost
     * more than the rest (every attempt enqueued in it is merged).
     */
    public Result finishedCalls(QueryExecutor engine, TimeRange range) {
        AttemptRows attempts = AttemptRows.of(engine, schema);
        FunctionDirectory.Names names = attempts.functionNames(engine);
        // a mapped table without cold-start fields cannot say which calls started a container:
        // its share is unknown (NaN, shown as a dash), not zero
        boolean knowsColdStarts =
                schema.canonical() || schema.has(EventField.COLD_START) || schema.has(EventField.COLD_START_BEGAN);
        var r = engine.query(query(attempts, CallRollup.of(engine, attempts), range), rows -> {
            List<FunctionRow> out = new ArrayList<>();
            while (rows.next()) {
                String id = rows.getString(1);
                FunctionDirectory.Named n = names.get(id);
                out.add(new FunctionRow(
                        id,
                        n.name(),
                        n.app(),
                        n.gpu(),
                        rows.getLong(2),
                        rows.getLong(3),
                        rows.getLong(4),
                        rows.getLong(5),
                        rows.getLong(6),
                        rows.getDouble(7),
                        rows.getDouble(8),
                        rows.getDouble(9),
                        knowsColdStarts ? rows.getDouble(10) : Double.NaN,
                        FunctionRow.NOT_COUNTED));
            }
            return out;
        });
        return new Result(r.value(), r.stats(), CallRollup.wholeSlots(range), attempts, names);
    }

    /** {@code table} with its No finish column counted, and the functions whose calls all lack a finish event. */
    public Result withNoFinish(QueryExecutor engine, Result table, TimeRange range) {
        Map<String, Long> open = engine.query(noFinishEventQuery(table.attempts(), range), rows -> {
                    Map<String, Long> byFunction = new LinkedHashMap<>();
                    while (rows.next()) {
                        byFunction.put(rows.getString(1), rows.getLong(2));
                    }
                    return byFunction;
                })
                .value();
        List<FunctionRow> rows = new ArrayList<>(table.rows().size());
        for (FunctionRow row : table.rows()) {
            Long n = open.remove(row.functionId());
            rows.add(row.withNoFinishEvent(n == null ? 0 : n));
        }
        // a function whose calls all lack a finish event is shown too, not silently left out
        open.forEach(
                (id, n) -> rows.add(FunctionRow.unfinishedOnly(table.names().get(id), n)));
        return new Result(rows, table.stats(), table.read(), table.attempts(), table.names());
    }

    /**
     * The slowest call of {@code functionId} that finished in {@code range}: the longest from its
     * first enqueue to its last attempt's finish (ties: the smallest call id); empty when none did.
     * The Functions tab opens its call graph.
     */
    public Optional<String> slowestCall(QueryExecutor engine, String functionId, TimeRange range) {
        AttemptRows attempts = AttemptRows.of(engine, schema);
        Query q = SqlPart.format(
                        "SELECT call FROM (%s) ORDER BY e2e_ms DESC, call LIMIT 1",
                        CallLatencies.subquery(attempts, List.of(functionId), range))
                .query();
        return engine.query(q, rows -> rows.next() ? Optional.of(rows.getString(1)) : Optional.<String>empty())
                .value();
    }

    /**
     * Per function, the calls enqueued in {@code [from, to)} whose last attempt has no finish event
     * (an attempt is retried only after it finished, so such a call has exactly one such attempt).
     */
    public Query noFinishEventQuery(AttemptRows attempts, TimeRange range) {
        SqlPart from = SqlPart.time("from", range.from());
        return SqlPart.format(
                        """
                SELECT fn, count() FROM (%s)
                WHERE fin IS NULL AND enq >= %s AND enq < %s
                GROUP BY fn ORDER BY count() DESC, fn""",
                        attempts.select(
                                SqlPart.format(
                                        "function_call_id != '' AND %s", attempts.enqueuedUntil(range.to(), from)),
                                from),
                        from,
                        SqlPart.time("to", range.to()))
                .query();
    }

    /**
     * {@link #query(AttemptRows, TimeRange)} answered from the rollup for the whole
     * slots it covers and from the calls for the rest: the same numbers (exact quantile states
     * merge to the exact percentiles), without a row per call.
     */
    public Query query(AttemptRows attempts, CallRollup rollup, TimeRange asked) {
        TimeRange range = CallRollup.wholeSlots(asked);
        Optional<CallRollup.Split> split = rollup.split(range);
        if (split.isEmpty()) {
            return query(attempts, range);
        }
        SqlPart parts = SqlPart.format("""
                SELECT function_id AS fn, sum(calls) AS n, sum(successes) AS ok, sum(failures) AS failed,
                       sum(timeouts) AS timed_out, sum(other_failures) AS other, sum(cold_starts) AS cold,
                       quantilesExactMergeState(0.5, 0.9, 0.99)(run_exact) AS run_q,
                       quantilesExactMergeState(0.5, 0.9, 0.99)(queue_exact) AS queue_q
                FROM %s GROUP BY fn""", rollup.slots(split.get(), List.of()));
        for (TimeRange edge : split.get().edges()) {
            parts = SqlPart.format("""
                    %s
                    UNION ALL
                    SELECT fn, count(), countIf(status = 'success'), countIf(status = 'failure'), countIf(status = 'timeout'),
                           countIf(status IN ('init_failure', 'terminated')), countIf(cold_start),
                           quantilesExactState(0.5, 0.9, 0.99)(run_ms), quantilesExactState(0.5, 0.9, 0.99)(queue_ms)
                    FROM (%s) GROUP BY fn""", parts, CallLatencies.subquery(attempts, List.of(), edge));
        }
        return SqlPart.format("""
                SELECT fn, sum(n) AS total, sum(ok), sum(failed), sum(timed_out), sum(other),
                       arrayElement(quantilesExactMerge(0.5, 0.9, 0.99)(run_q) AS run, 1),
                       arrayElement(run, 3), arrayElement(quantilesExactMerge(0.5, 0.9, 0.99)(queue_q), 3), sum(cold) / total
                FROM (%s) GROUP BY fn HAVING total > 0 ORDER BY total DESC, fn""", parts).query();
    }

    /**
     * Per function: calls, outcomes, run p50/p99, queue p99, cold-start share (the benchmark runs it
     * too), of the calls that finished in the range widened to whole 30-second slots (at most 30 s
     * more at each end, invisible in a day): a range ending inside a sealed slot then needs no calls read.
     */
    public Query query(AttemptRows attempts, TimeRange asked) {
        TimeRange range = CallRollup.wholeSlots(asked);
        return SqlPart.format("""
                SELECT fn, count(), countIf(status = 'success'), countIf(status = 'failure'), countIf(status = 'timeout'),
                       countIf(status IN ('init_failure', 'terminated')),
                       quantileExact(0.5)(run_ms), quantileExact(0.99)(run_ms), quantileExact(0.99)(queue_ms), countIf(cold_start) / count()
                FROM (%s) GROUP BY fn ORDER BY count() DESC, fn""", CallLatencies.subquery(attempts, List.of(), range))
                .query();
    }
}
