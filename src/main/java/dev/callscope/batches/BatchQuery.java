package dev.callscope.batches;

import dev.callscope.calls.AttemptRows;
import dev.callscope.calls.EventSchema;
import dev.callscope.calls.FunctionDirectory;
import dev.callscope.calls.KeyRange;
import dev.callscope.cost.Prices;
import dev.callscope.engine.Query;
import dev.callscope.engine.QueryExecutor;
import dev.callscope.engine.QueryStats;
import dev.callscope.engine.SqlPart;
import dev.callscope.time.TimeRange;
import dev.callscope.timeline.CallStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

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

    /** The job a call is an input of, and its index; empty when it is in none. */
    public record InputOf(String batchId, int index) {}

    /** The job {@code callId} is an input of, if any (one key-range read of the call's events). */
    public Optional<InputOf> inputOf(QueryExecutor engine, String callId) {
        return engine.query(
                        Query.of("SELECT max(batch_id), max(input_index) FROM " + schema.relation()
                                        + " WHERE function_call_id = {c:String} AND "
                                        + (schema.callscopeIds() ? "event_at" : "enqueued_at")
                                        + " >= {since:DateTime64(6, 'UTC')}")
                                .bind("c", callId)
                                .bind("since", schema.earliestEventOf(callId)),
                        rows -> rows.next()
                                        && rows.getString(1) != null
                                        && !rows.getString(1).isEmpty()
                                ? Optional.of(new InputOf(rows.getString(1), rows.getInt(2)))
                                : Optional.<InputOf>empty())
                .value();
    }

    /** One job, and whether it was cut at {@link #MAX_INPUTS}. */
    public record Loaded(BatchJob job, boolean cut, QueryStats stats) {}

    /** The job {@code batchId} as of {@code now} at {@code prices}; a job with no inputs has none. */
    public Loaded load(QueryExecutor engine, String batchId, Instant now, Prices prices) {
        AttemptRows attempts = AttemptRows.of(engine, schema);
        String[] fn = {"", ""};
        KeyRange where = locate(engine, attempts, batchId);
        var read = engine.query(inputsQuery(attempts, batchId, now, where), rows -> {
            List<BatchInput> out = new ArrayList<>();
            while (out.size() < MAX_INPUTS && rows.next()) {
                fn[0] = rows.getString(3);
                if (fn[1].isEmpty()) {
                    fn[1] = rows.getString(15); // the function's name comes with its inputs
                }
                Duration billed = micros(rows.getLong(10));
                double perSecond =
                        prices.perSecond(rows.getString(11), rows.getInt(12), rows.getDouble(13), rows.getLong(14));
                out.add(new BatchInput(
                        rows.getInt(2),
                        rows.getString(1),
                        rows.getInstant(4),
                        rows.getInstant(6),
                        CallStatus.of(rows.getString(5)),
                        rows.getInt(7),
                        micros(rows.getLong(8)),
                        micros(rows.getLong(9)),
                        billed,
                        billed.toNanos() / 1e9 * perSecond));
            }
            return out;
        });
        List<BatchInput> inputs = read.value();
        // (read from the function's other rows only when none of the job's carries it)
        String name = inputs.isEmpty() ? "" : fn[1].isEmpty() ? nameOf(attempts, engine, fn[0]) : fn[1];
        return new Loaded(new BatchJob(batchId, name, inputs, now), inputs.size() >= MAX_INPUTS, read.stats());
    }

    private static Duration micros(long us) {
        return Duration.ofNanos(us * 1000);
    }

    /**
     * Every input of {@code batchId}, one row each: call, input, function, enqueue, outcome, last finish, attempts,
     * last run, latency and billed time in µs, its resources and its function's name (the benchmark times it too).
     */
    public Query inputsQuery(AttemptRows attempts, String batchId, Instant now, KeyRange where) {
        return SqlPart.format(
                        "SELECT call, in_index, in_fn, in_enq, final, last_fin, attempts, run_us, latency_us,"
                                + " billed_us, in_gpu, in_gpus, in_cpus, in_mem, in_name FROM (%s) LIMIT %s",
                        perInput(
                                attempts,
                                where.within(ofJob(batchId)),
                                where.since(schema.earliestEventOf(batchId)),
                                SqlPart.time("now", now)),
                        SqlPart.value("limit", "UInt32", MAX_INPUTS))
                .query();
    }

    private static SqlPart ofJob(String batchId) {
        return SqlPart.format("batch_id = %s", SqlPart.string("b", batchId));
    }

    /** Where the job {@code batchId} keeps its rows in the summary ({@link KeyRange}). */
    public KeyRange locate(QueryExecutor engine, AttemptRows attempts, String batchId) {
        return KeyRange.of(engine, attempts, ofJob(batchId));
    }

    /** The query {@link #locate(QueryExecutor, AttemptRows, String)} runs on the summary (the benchmark times it too). */
    public static Query locateQuery(AttemptRows attempts, String batchId) {
        return KeyRange.query(attempts, ofJob(batchId));
    }

    /** Where the jobs of {@code range} keep their rows in the summary ({@link KeyRange}). */
    public KeyRange locate(QueryExecutor engine, AttemptRows attempts, TimeRange range) {
        return KeyRange.of(engine, attempts, jobsIn(attempts, range));
    }

    /** The jobs with an input enqueued in {@code range}, newest first, each counted whole as of {@code now}. */
    public List<BatchSummary> list(QueryExecutor engine, TimeRange range, Instant now, Prices prices) {
        AttemptRows attempts = AttemptRows.of(engine, schema);
        FunctionDirectory.Names names = attempts.functionNames(engine);
        KeyRange where = locate(engine, attempts, range);
        return engine.query(listQuery(attempts, range, now, where), rows -> {
                    List<BatchSummary> out = new ArrayList<>();
                    while (rows.next()) {
                        String fnId = rows.getString(2);
                        Duration billed = micros(rows.getLong(11));
                        double perSecond = prices.perSecond(
                                rows.getString(12), rows.getInt(13), rows.getDouble(14), rows.getLong(15));
                        out.add(new BatchSummary(
                                rows.getString(1),
                                fnId,
                                names.get(fnId).name(),
                                rows.getInt(3),
                                rows.getInt(4),
                                rows.getInt(5),
                                rows.getInt(6),
                                rows.getInt(7),
                                rows.getInstant(8),
                                rows.getInstant(9),
                                rows.getInt(10),
                                billed,
                                billed.toNanos() / 1e9 * perSecond,
                                now));
                    }
                    return out;
                })
                .value();
    }

    private static final String FAILED = "('failure', 'timeout', 'init_failure', 'terminated')";

    /**
     * One row per input of the attempts matching {@code where} (since {@code since}), as every batch number is counted: its outcome and
     * finish are its last attempt's; its run is its last attempt's start to end; its latency is its first enqueue to
     * its last attempt's end; its billed time is every attempt's cold start and run. As {@code CallAttempt} does, an
     * attempt with no finish event ends at {@code now}, but at most 24 h after it began using a container
     * ({@code NoFinishEvent}), and a cold start ends where it ended, else at the attempt's end.
     */
    static SqlPart perInput(AttemptRows attempts, SqlPart where, SqlPart since, SqlPart now) {
        if (!attempts.summarized()) {
            return grouped(attempts.select(where, since), now);
        }
        // on the summary, the calls that ran once (almost all) are one row each as they are: only retried ones are
        // grouped
        return SqlPart.format(
                "SELECT * FROM (%s) UNION ALL SELECT * FROM (%s)",
                single(attempts.select(where.and(AttemptRows.RAN_ONCE), since), now),
                grouped(attempts.select(where.and(AttemptRows.RETRIED), since), now));
    }

    /** An attempt's end (see {@link #perInput}), in µs. */
    private static SqlPart endUs(SqlPart now) {
        String began = "if(cold AND cb IS NOT NULL, cb, st)";
        return SqlPart.format(
                "toUnixTimestamp64Micro(coalesce(fin, if(" + began + " IS NULL, %1$s, least(" + began
                        + " + INTERVAL 24 HOUR, %1$s))))",
                now);
    }

    private static final String RUN_US = "if(st IS NULL, 0, greatest(0, end_us - toUnixTimestamp64Micro(st)))";
    private static final String COLD_US =
            "if(cold AND cb IS NOT NULL, greatest(0, if(ce IS NULL, end_us, toUnixTimestamp64Micro(ce))"
                    + " - toUnixTimestamp64Micro(cb)), 0)";

    /** Inputs of one attempt each, a row per attempt as it is. */
    private static SqlPart single(SqlPart attempts, SqlPart now) {
        return SqlPart.format("""
                SELECT batch, call, input AS in_index, fn AS in_fn, enq AS in_enq, toString(status) AS final, fin AS last_fin,
                       toUInt64(1) AS attempts, %2$s AS run_us, end_us - toUnixTimestamp64Micro(enq) AS latency_us,
                       %3$s + %2$s AS billed_us, gpu AS in_gpu, gpus AS in_gpus, cpus AS in_cpus, mem_mib AS in_mem,
                       fn_name AS in_name
                FROM (SELECT *, %1$s AS end_us FROM (%4$s))""", endUs(now), RUN_US, COLD_US, attempts);
    }

    /** Inputs of any number of attempts, grouped per call. */
    private static SqlPart grouped(SqlPart attempts, SqlPart now) {
        return SqlPart.format("""
                SELECT batch, call, any(input) AS in_index, any(fn) AS in_fn, min(enq) AS in_enq, argMax(toString(status), attempt) AS final,
                       argMax(tuple(fin), attempt).1 AS last_fin, count() AS attempts,
                       argMax(%2$s, attempt) AS run_us, argMax(end_us, attempt) - toUnixTimestamp64Micro(min(enq)) AS latency_us,
                       sum(%3$s + %2$s) AS billed_us,
                       any(gpu) AS in_gpu, any(gpus) AS in_gpus, any(cpus) AS in_cpus, any(mem_mib) AS in_mem,
                       max(fn_name) AS in_name
                FROM (SELECT *, %1$s AS end_us FROM (%4$s))
                GROUP BY batch, call""", endUs(now), RUN_US, COLD_US, attempts);
    }

    /** The jobs of a range, each aggregated from {@link #perInput} over all of its inputs. */
    public Query listQuery(AttemptRows attempts, TimeRange range, Instant now, KeyRange where) {
        SqlPart at = SqlPart.time("now", now);
        return SqlPart.format(
                        """
                SELECT batch, any(in_fn), count(), countIf(final != 'pending' AND final NOT IN %2$s), countIf(final IN %2$s),
                       countIf(final = 'pending'), sum(attempts) - count(), min(in_enq), max(last_fin),
                       countIf(last_fin >= %3$s AND last_fin < %4$s), sum(billed_us),
                       any(in_gpu), any(in_gpus), any(in_cpus), any(in_mem)
                FROM (%1$s)
                GROUP BY batch ORDER BY min(in_enq) DESC, batch LIMIT %5$s""",
                        perInput(attempts, where.within(jobsIn(attempts, range)), null, at),
                        FAILED,
                        SqlPart.time("recent", now.minus(BatchJob.RECENT)),
                        at,
                        SqlPart.value("jobs", "UInt32", MAX_JOBS))
                .query();
    }

    /** A condition: the job has an input enqueued in {@code range}. */
    private SqlPart jobsIn(AttemptRows attempts, TimeRange range) {
        String table = attempts.summarized() ? attempts.summaryTable() : schema.relation();
        return SqlPart.format(
                "batch_id IN (SELECT DISTINCT batch_id FROM " + table + " WHERE batch_id != ''"
                        + " AND enqueued_at >= %s AND enqueued_at < %s)",
                SqlPart.time("from", range.from()),
                SqlPart.time("to", range.to()));
    }

    /** The function's name: one key-prefix read, not the whole directory of names. */
    private String nameOf(AttemptRows attempts, QueryExecutor engine, String functionId) {
        String table = attempts.summarized() ? attempts.summaryTable() : schema.relation();
        String name = engine.query(
                        Query.of("SELECT max(function_name) FROM " + table + " WHERE function_id = {f:String}")
                                .bind("f", functionId),
                        rows -> rows.next() ? rows.getString(1) : "")
                .value();
        return name == null || name.isEmpty() ? functionId : name;
    }
}
