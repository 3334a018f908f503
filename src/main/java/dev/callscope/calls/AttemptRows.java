package dev.callscope.calls;

import dev.callscope.engine.Query;
import dev.callscope.engine.QueryExecutor;
import dev.callscope.engine.SqlPart;
import dev.callscope.ids.CallscopeIds;
import dev.callscope.schema.Schema;
import java.time.Instant;

/**
 * One row per attempt of a call, as SQL, from whichever table the database has. Callscope's own
 * schema keeps {@code function_call_attempts} (folded from the events by a materialized view), read
 * flat with {@code FINAL}; a server without it gets the same rows by grouping the raw events, which
 * reads about four times the rows and groups them. Both give the same columns:
 *
 * <p>{@code call, attempt, fn, enq, container, queued, cb, ce, st, fin, cold, status, gpu, gpus, cpus,
 * mem_mib, batch, input, parent, fn_name}: call id, attempt number, function id, the call's first enqueue time, the
 * container, when this attempt was queued, cold start begin/end, run start, finish (NULL while running), whether it
 * started a container, its outcome ({@code pending} until finished), the resources it ran on, the batch job
 * it is an input of (empty when none) with its index, the call that spawned it (empty for a root) and the
 * function's name.
 */
public final class AttemptRows {

    private static final String FROM_EVENTS = """
            SELECT function_call_id AS call, attempt, any(function_id) AS fn, min(enqueued_at) AS enq,
                   anyIf(container_id, container_id != '') AS container,
                   if(countIf(event_type IN ('queued', 'retried')) > 0,
                      minIf(event_at, event_type IN ('queued', 'retried')), min(enqueued_at)) AS queued,
                   min(cold_start_began_at) AS cb, min(cold_start_ended_at) AS ce, min(started_at) AS st,
                   max(finished_at) AS fin, max(is_cold_start) AS cold,
                   if(countIf(event_type = 'finished') > 0, argMaxIf(status, event_at, event_type = 'finished'), 'pending') AS status,
                   max(gpu_type) AS gpu, max(gpu_count) AS gpus, max(cpu_cores) AS cpus, max(memory_mib) AS mem_mib,
                   max(batch_id) AS batch, max(input_index) AS input,
                   max(parent_call_id) AS parent, max(function_name) AS fn_name
            FROM %s
            WHERE %s
            GROUP BY call, attempt""";

    private static final String FROM_ATTEMPTS = """
            SELECT function_call_id AS call, attempt, function_id AS fn, enqueued_at AS enq, container_id AS container,
                   coalesce(queued_at, enqueued_at) AS queued, cold_start_began_at AS cb, cold_start_ended_at AS ce,
                   started_at AS st, finished_at AS fin, is_cold_start AS cold, status,
                   gpu_type AS gpu, gpu_count AS gpus, cpu_cores AS cpus, memory_mib AS mem_mib,
                   batch_id AS batch, input_index AS input, parent_call_id AS parent, function_name AS fn_name
            FROM %s FINAL
            WHERE %s""";

    private final EventSchema events;
    private final boolean summarized;
    /** Where the summary is: the events' database for Callscope's own, an accelerated mapping's own database else. */
    private final String summaryDatabase;

    private AttemptRows(EventSchema events, boolean summarized) {
        this(events, summarized, events.database());
    }

    private AttemptRows(EventSchema events, boolean summarized, String summaryDatabase) {
        this.events = events;
        this.summarized = summarized;
        this.summaryDatabase = summaryDatabase;
    }

    /** Rows grouped from the raw events: works on any database with the events table. */
    public static AttemptRows fromEvents(String database) {
        return new AttemptRows(EventSchema.canonical(database), false);
    }

    /** Rows grouped from the events a mapping reads (Callscope's table or a user's). */
    public static AttemptRows fromEvents(EventSchema events) {
        return new AttemptRows(events, false);
    }

    /** Rows read from the summary table, which must exist. */
    public static AttemptRows fromSummary(String database) {
        return new AttemptRows(EventSchema.canonical(database), true);
    }

    /** The summary table when {@code database} has it, else the events (one small catalog query). */
    public static AttemptRows of(QueryExecutor engine, String database) {
        return of(engine, EventSchema.canonical(database));
    }

    /**
     * For Callscope's tables: the summary when the database has it, else the events (one small
     * catalog query). A mapped table is always read from its events: the summary is Callscope's own.
     */
    public static AttemptRows of(QueryExecutor engine, EventSchema events) {
        if (!events.canonical()) {
            // a user's table is read from its events, unless `callscope accelerate` keeps a summary of it
            return Acceleration.find(engine, events)
                    .map(db -> new AttemptRows(events, true, db))
                    .orElseGet(() -> new AttemptRows(events, false));
        }
        String n = engine.query(
                        Query.of("SELECT count() FROM system.tables WHERE database = {db:String} AND name = {t:String}")
                                .bind("db", events.database())
                                .bind("t", Schema.ATTEMPTS_TABLE),
                        rows -> rows.next() ? rows.getString(1) : "0")
                .value();
        return new AttemptRows(events, "1".equals(n));
    }

    /**
     * Name, app and GPU of every function, by id: from the summary when there is one (a quarter of
     * the rows); max, not any, skips the empty names of rows that carry only a flag.
     */
    public FunctionDirectory.Names functionNames(QueryExecutor engine) {
        return FunctionDirectory.Names.read(engine, summarized ? summaryTable() : events.relation());
    }

    public boolean summarized() {
        return summarized;
    }

    /** The database of the summary table (Callscope's own, or an accelerated mapping's). */
    public String database() {
        return summaryDatabase;
    }

    /** The summary table, qualified: {@code function_call_attempts} in {@link #database()}. */
    public String summaryTable() {
        return summaryDatabase + "." + Schema.ATTEMPTS_TABLE;
    }

    /** The events these attempts come from. */
    public EventSchema events() {
        return events;
    }

    /**
     * The attempts matching {@code where}, a condition on {@code function_id}, {@code function_call_id}
     * and {@code attempt} (columns both tables have), as a subquery; {@code since} (a bound value or
     * a scalar subquery) is the earliest wanted enqueue, which lets either table skip older
     * partitions, or null for no lower bound. The part carries the settings reading it needs.
     */
    public SqlPart select(SqlPart where, SqlPart since) {
        // a mapped table's call ids are not time-ordered: its enqueue time (the same on every event
        // of a call) bounds it instead, which also keeps every event of a call that is wanted
        String column = summarized || !events.callscopeIds() ? "enqueued_at" : "event_at";
        SqlPart bounded = since == null ? where : SqlPart.format("(%s) AND " + column + " >= %s", where, since);
        if (!summarized) {
            // a row without a call id is a container's event (Callscope's own, or a user's table that
            // records them beside the calls'): never an attempt; the summary's views leave them out too
            return SqlPart.format(
                    FROM_EVENTS, events.relation(), SqlPart.format("(%s) AND function_call_id != ''", bounded));
        }
        // FINAL merges only inside a partition (a call never spans two), so fully merged
        // partitions are read without merging
        return SqlPart.format(FROM_ATTEMPTS, summaryTable(), bounded)
                .withSetting("do_not_merge_across_partitions_select_final", "1");
    }

    /**
     * A condition for {@link #select}: enqueued no later than {@code until}; on Callscope's events
     * also the call-id range from {@code since} (SQL, e.g. {@link #activeSince}), which keeps the
     * scan on the events' key.
     */
    public SqlPart enqueuedUntil(Instant until, SqlPart since) {
        if (summarized || !events.callscopeIds()) {
            return SqlPart.format("enqueued_at <= %s", SqlPart.time("until", until));
        }
        return SqlPart.format(
                "function_call_id BETWEEN %s AND %s",
                SqlPart.format(CallscopeIds.lowerBoundSql(CallscopeIds.Kind.CALL, "%s"), since),
                SqlPart.string("hi", CallscopeIds.upperBound(CallscopeIds.Kind.CALL, until)));
    }

    /**
     * The earliest enqueue of an attempt matching {@code where} (on {@code function_id}) that was
     * enqueued before {@code from} and still unfinished at it, else {@code from}: a scalar
     * subquery bounding the attempts a window shows or bills, however long they queued or ran before it.
     */
    public SqlPart activeSince(SqlPart where, Instant from) {
        SqlPart f = SqlPart.time("from", from);
        if (summarized) {
            return SqlPart.format(
                    "(SELECT ifNull(minOrNull(enqueued_at), %2$s) FROM " + summaryTable()
                            + " WHERE %1$s AND enqueued_at < %2$s AND (finished_at IS NULL OR finished_at >= %2$s))",
                    where,
                    f);
        }
        // events carry a finish time only on the finished event: group each attempt's
        return SqlPart.format(
                "(SELECT ifNull(minOrNull(e), %2$s) FROM (SELECT min(enqueued_at) AS e, max(finished_at) AS fin FROM "
                        + events.relation()
                        + " WHERE %1$s AND function_call_id != '' GROUP BY function_call_id, attempt"
                        + " HAVING e < %2$s AND (fin IS NULL OR fin >= %2$s)))",
                where,
                f);
    }

    /**
     * A condition for {@link #select} on the summary: attempts of calls that ran only once. Such
     * calls are (almost) all of them and need no grouping; {@link #RETRIED} takes the rest.
     */
    public static final SqlPart RAN_ONCE = SqlPart.of("attempt = 1 AND NOT retried");

    /** A condition for {@link #select} on the summary: every attempt of calls that were retried. */
    public static final SqlPart RETRIED = SqlPart.of("(retried OR attempt > 1)");
}
