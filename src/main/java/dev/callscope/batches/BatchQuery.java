package dev.callscope.batches;

import dev.callscope.calls.AttemptRows;
import dev.callscope.calls.EventSchema;
import dev.callscope.cost.Prices;
import dev.callscope.engine.Query;
import dev.callscope.engine.QueryExecutor;
import dev.callscope.engine.QueryStats;
import dev.callscope.time.TimeRange;
import dev.callscope.timeline.CallRebuild;
import dev.callscope.timeline.CallTimeline;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads batch jobs: the jobs of a range (a job is listed when one of its inputs was enqueued in {@code [from, to)};
 * its numbers are always the whole job's), and one job's inputs with every attempt, from the summary when the
 * database has one (a bloom filter on {@code batch_id} finds the job's granules) or from the events.
 */
public final class BatchQuery {

    /** Inputs of one job read at most; a larger job is cut, and says so. */
    public static final int MAX_INPUTS = 1_000_000;
    /** Jobs listed at most, newest first. */
    public static final int MAX_JOBS = 500;

    private final EventSchema schema;

    public BatchQuery(EventSchema schema) {
        this.schema = schema;
    }

    /** One job, and whether it was cut at {@link #MAX_INPUTS}. */
    public record Loaded(BatchJob job, boolean cut, QueryStats stats) {
    }

    /** The job {@code batchId} as of {@code now} at {@code prices}; a job with no inputs has none. */
    public Loaded load(QueryExecutor engine, String batchId, Instant now, Prices prices) {
        AttemptRows attempts = AttemptRows.of(engine, schema);
        Map<String, Double> price = new HashMap<>();
        Map<String, Integer> index = new HashMap<>();
        String[] fn = {""};
        var read = engine.query(inputsQuery(attempts, batchId), rows -> CallRebuild.readCalls(rows, MAX_INPUTS, r -> {
            price.put(r.getString(1), prices.perSecond(r.getString(14), r.getInt(15), r.getDouble(16), r.getLong(17)));
            index.put(r.getString(1), r.getInt(18));
            fn[0] = r.getString(3);
        }));
        List<CallTimeline> calls = read.value();
        List<BatchInput> inputs = new ArrayList<>(calls.size());
        for (CallTimeline c : calls) {
            inputs.add(BatchInput.of(index.get(c.callId()), c, now, price.get(c.callId())));
        }
        String name = calls.isEmpty() ? "" : nameOf(attempts, engine, fn[0]);
        return new Loaded(new BatchJob(batchId, name, inputs, now), calls.size() >= MAX_INPUTS, read.stats());
    }

    /** Every attempt of every input of {@code batchId} (the benchmark times it too). */
    public Query inputsQuery(AttemptRows attempts, String batchId) {
        return attempts.prepare(Query.of("""
                SELECT call, attempt, fn, enq, container, queued, cb, ce, st, fin, cold, toString(status), '', gpu, gpus, cpus, mem_mib, input
                FROM (%s) ORDER BY call, attempt LIMIT {limit:UInt32}""".formatted(attempts.select("batch_id = {b:String}")))
                .bind("b", batchId).bind("since", schema.earliestEventOf(batchId)).bind("limit", MAX_INPUTS * 4));
    }

    /** The jobs with an input enqueued in {@code range}, newest first, each counted whole as of {@code now}. */
    public List<BatchSummary> list(QueryExecutor engine, TimeRange range, Instant now, Prices prices) {
        AttemptRows attempts = AttemptRows.of(engine, schema);
        Map<String, String[]> names = attempts.functionNames(engine);
        return engine.query(listQuery(attempts, range, now), rows -> {
            List<BatchSummary> out = new ArrayList<>();
            while (rows.next()) {
                String fnId = rows.getString(2);
                Duration billed = Duration.ofNanos(rows.getLong(11) * 1000);
                double perSecond = prices.perSecond(rows.getString(12), rows.getInt(13), rows.getDouble(14), rows.getLong(15));
                out.add(new BatchSummary(rows.getString(1), fnId, names.getOrDefault(fnId, new String[] {fnId})[0],
                        rows.getInt(3), rows.getInt(4), rows.getInt(5), rows.getInt(6), rows.getInt(7), rows.getInstant(8),
                        rows.getInstant(9), rows.getInt(10), billed, billed.toNanos() / 1e9 * perSecond, now));
            }
            return out;
        }).value();
    }

    private static final String FAILED = "('failure', 'timeout', 'init_failure', 'terminated')";

    /**
     * Per input (its last attempt decides), then per job. An attempt's billed time mirrors
     * {@code CallAttempt}: its cold start (to the cold start's end) and its run, each to its finish or, with no
     * finish event, to now but at most 24 h after it began using a container ({@code NoFinishEvent}).
     */
    public Query listQuery(AttemptRows attempts, TimeRange range, Instant now) {
        String table = attempts.summarized() ? attempts.summaryTable() : schema.relation();
        String jobs = "SELECT DISTINCT batch_id FROM " + table + " WHERE batch_id != ''"
                + " AND enqueued_at >= {from:DateTime64(6, 'UTC')} AND enqueued_at < {to:DateTime64(6, 'UTC')}";
        String began = "if(cold AND cb IS NOT NULL, cb, st)";
        String end = "coalesce(fin, if(" + began + " IS NULL, {now:DateTime64(6, 'UTC')}, least(" + began
                + " + INTERVAL 24 HOUR, {now:DateTime64(6, 'UTC')})))";
        String coldUs = "if(cold AND cb IS NOT NULL, greatest(0, toUnixTimestamp64Micro(coalesce(ce, " + end + ")) - toUnixTimestamp64Micro(cb)), 0)";
        String runUs = "if(st IS NOT NULL, greatest(0, toUnixTimestamp64Micro(" + end + ") - toUnixTimestamp64Micro(st)), 0)";
        return attempts.prepare(Query.of("""
                SELECT batch, any(input_fn), count(), countIf(final != 'pending' AND final NOT IN %4$s), countIf(final IN %4$s),
                       countIf(final = 'pending'), sum(attempts) - count(), min(input_enq), max(last_fin),
                       countIf(last_fin >= {recent:DateTime64(6, 'UTC')} AND last_fin < {now:DateTime64(6, 'UTC')}), sum(billed_us),
                       any(input_gpu), any(input_gpus), any(input_cpus), any(input_mem)
                FROM (
                    SELECT batch, call, any(fn) AS input_fn, min(enq) AS input_enq, argMax(toString(status), attempt) AS final,
                           argMax(tuple(fin), attempt).1 AS last_fin, count() AS attempts, sum(%2$s + %3$s) AS billed_us,
                           any(gpu) AS input_gpu, any(gpus) AS input_gpus, any(cpus) AS input_cpus, any(mem_mib) AS input_mem
                    FROM (%1$s)
                    GROUP BY batch, call)
                GROUP BY batch ORDER BY min(input_enq) DESC, batch LIMIT {jobs:UInt32}""".formatted(
                        attempts.select("batch_id IN (" + jobs + ")", null), coldUs, runUs, FAILED)))
                .bind("from", range.from()).bind("to", range.to()).bind("now", now)
                .bind("recent", now.minus(BatchJob.RECENT)).bind("jobs", MAX_JOBS);
    }

    /** The function's name: one key-prefix read, not the whole directory of names. */
    private String nameOf(AttemptRows attempts, QueryExecutor engine, String functionId) {
        String table = attempts.summarized() ? attempts.summaryTable() : schema.relation();
        String name = engine.query(Query.of("SELECT max(function_name) FROM " + table + " WHERE function_id = {f:String}")
                .bind("f", functionId), rows -> rows.next() ? rows.getString(1) : "").value();
        return name == null || name.isEmpty() ? functionId : name;
    }
}
