package dev.callscope.timeline;

import dev.callscope.calls.AttemptRows;
import dev.callscope.calls.EventSchema;
import dev.callscope.calls.NoFinishEvent;
import dev.callscope.engine.Query;
import dev.callscope.engine.QueryExecutor;
import dev.callscope.engine.QueryResult;
import dev.callscope.engine.QueryStats;
import dev.callscope.engine.RowCursor;
import dev.callscope.engine.SqlPart;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Rebuilds calls from their partial lifecycle events. Each attempt's stage times are the minimum
 * (or, for the end, the maximum) over the events that carry them, so duplicated deliveries change
 * nothing and arrival order does not matter; the status comes from the attempt's {@code finished}
 * event, else it is pending. Many calls are read through {@link AttemptRows} (the summary table
 * when the database has it); one call is read from its events, with its error texts.
 */
public final class CallRebuild {

    /** One call's attempts, with its error texts: always from the events, which carry them. */
    private static final String ONE_CALL = """
            SELECT function_call_id, attempt, any(function_id), min(enqueued_at),
                   anyIf(container_id, container_id != ''),
                   minIf(event_at, event_type IN ('queued', 'retried')),
                   min(cold_start_began_at), min(cold_start_ended_at), min(started_at), max(finished_at),
                   max(is_cold_start),
                   toString(if(countIf(event_type = 'finished') > 0, argMaxIf(status, event_at, event_type = 'finished'), 'pending')),
                   anyIf(error, event_type = 'finished')
            FROM %s
            WHERE function_call_id = {c:String} AND event_at >= {since:DateTime64(6, 'UTC')}
            GROUP BY function_call_id, attempt
            ORDER BY function_call_id, attempt""";

    /** Many calls' attempts, without error texts (the costliest column; the detail reads them). */
    private static final String MANY = """
            SELECT call, attempt, fn, enq, container, queued, cb, ce, st, fin, cold, toString(status), ''
            FROM (%s)
            %s
            ORDER BY call, attempt
            LIMIT %s""";

    private final EventSchema schema;
    private final String events;

    public CallRebuild(String database) {
        this(EventSchema.canonical(database));
    }

    public CallRebuild(EventSchema schema) {
        this.schema = schema;
        this.events = schema.relation();
    }

    /** What one rebuild returned. */
    public record Result(List<CallTimeline> calls, QueryStats stats) {}

    /**
     * Calls of one function enqueued before {@code to} that were queued, cold-starting or running
     * at any time in {@code [from, to)} or finished in it (so every call the Functions table counts
     * for the range shows), ordered by call id (which is enqueue time). A call with no finish event
     * whose {@link NoFinishEvent} bound ends before {@code from} is left out: nothing of it is in the range.
     */
    public Result forFunction(QueryExecutor engine, String functionId, Instant from, Instant to, int limit) {
        Result r = run(engine, forFunctionQuery(AttemptRows.of(engine, schema), functionId, from, to, limit));
        List<CallTimeline> shown =
                r.calls().stream().filter(c -> !c.end(to).isBefore(from)).toList();
        return shown.size() == r.calls().size() ? r : new Result(shown, r.stats());
    }

    /** The SQL {@link #forFunction} runs over {@code attempts}, for the benchmark. */
    public Query forFunctionQuery(AttemptRows attempts, String functionId, Instant from, Instant to, int limit) {
        // however long before the window a call was enqueued, it shows while it waits or runs in it
        SqlPart ofFunction = SqlPart.format("function_id = %s", SqlPart.string("f", functionId));
        SqlPart since = attempts.activeSince(ofFunction, from);
        return SqlPart.format(
                        MANY,
                        attempts.select(
                                SqlPart.format("%s AND %s", ofFunction, attempts.enqueuedUntil(to, since)), since),
                        SqlPart.format(
                                "WHERE (fin IS NULL OR fin >= %s) AND enq < %s",
                                SqlPart.time("from", from), SqlPart.time("to", to)),
                        SqlPart.value("limit", "UInt32", limit))
                .query();
    }

    /** One call by id, all attempts; empty when no such call. */
    public Result forCall(QueryExecutor engine, String callId) {
        return run(engine, forCallQuery(callId));
    }

    /** The SQL {@link #forCall} runs, for the benchmark. */
    public Query forCallQuery(String callId) {
        return Query.of(ONE_CALL.formatted(events)).bind("c", callId).bind("since", schema.earliestEventOf(callId));
    }

    /** Calls whose ids fall in {@code [fromId, toId]} (ULID order is enqueue order), any function. */
    public Result forIdRange(QueryExecutor engine, String fromId, String toId, int limit) {
        AttemptRows attempts = AttemptRows.of(engine, schema);
        SqlPart ids = SqlPart.format(
                "function_call_id BETWEEN %s AND %s", SqlPart.string("lo", fromId), SqlPart.string("hi", toId));
        return run(
                engine,
                SqlPart.format(
                                MANY,
                                attempts.select(ids, SqlPart.time("since", schema.earliestEventOf(fromId))),
                                "",
                                SqlPart.value("limit", "UInt32", limit))
                        .query());
    }

    /** One stored event of a call, as delivered (duplicates included), for the detail pane. */
    public record RawEvent(
            Instant at,
            String type,
            int attempt,
            String containerId,
            String status,
            String error,
            Instant ingestedAt) {}

    /** Every stored event of a call in time order (duplicates not yet merged show twice). */
    public List<RawEvent> events(QueryExecutor engine, String callId) {
        return engine.query(Query.of("""
                SELECT event_at, toString(event_type), attempt, container_id, toString(status), error, ingested_at
                FROM %s WHERE function_call_id = {c:String} ORDER BY event_at, attempt""".formatted(events)).bind("c", callId), rows -> {
                    List<RawEvent> out = new ArrayList<>();
                    while (rows.next()) {
                        out.add(new RawEvent(
                                rows.getInstant(1),
                                rows.getString(2),
                                rows.getInt(3),
                                rows.getString(4),
                                rows.getString(5),
                                rows.getString(6),
                                rows.getInstant(7)));
                    }
                    return out;
                })
                .value();
    }

    private Result run(QueryExecutor engine, Query q) {
        QueryResult<List<CallTimeline>> r = engine.query(q, CallRebuild::read);
        return new Result(r.value(), r.stats());
    }

    private static List<CallTimeline> read(RowCursor rows) {
        return readCalls(rows, Integer.MAX_VALUE, r -> {});
    }

    /** {@code next}, or {@code previous} when they are the same instant: one object for both. */
    private static Instant sameAs(Instant previous, Instant next) {
        return next != null && next.equals(previous) ? previous : next;
    }

    /**
     * Calls from rows ordered by call and attempt (each call's attempts consecutive), in the columns
     * of {@link #MANY}: call, attempt, fn, enq, container, queued, cb, ce, st, fin, cold, status,
     * error; a reader may select more after them and read them in {@code eachRow}. At most {@code limit} calls.
     */
    public static List<CallTimeline> readCalls(RowCursor rows, int limit, Consumer<RowCursor> eachRow) {
        List<CallTimeline> out = new ArrayList<>();
        String call = null;
        String function = null;
        Instant enqueued = null;
        // one list reused, each call's copied once (immutable, so the call keeps it without another copy)
        List<CallAttempt> attempts = new ArrayList<>();
        while (out.size() < limit && rows.next()) {
            String id = rows.getString(1);
            if (!id.equals(call)) {
                if (call != null) {
                    out.add(new CallTimeline(call, function, enqueued, List.copyOf(attempts)));
                }
                call = id;
                function = rows.getString(3);
                enqueued = null;
                attempts.clear();
            }
            Instant enq = rows.getInstant(4);
            enqueued = enqueued == null || enq.isBefore(enqueued) ? enq : enqueued;
            Instant queued = rows.getInstant(6);
            // equal times are one object (a first attempt is queued when its call is enqueued): the calls read live as
            // long as the view shows them, and the collector copies every object of them while they are young
            queued = sameAs(enqueued, queued != null && queued.getEpochSecond() > 0 ? queued : enq);
            Instant coldBegan = rows.getInstant(7);
            Instant coldEnded = sameAs(coldBegan, rows.getInstant(8));
            Instant started = sameAs(coldEnded, rows.getInstant(9));
            attempts.add(new CallAttempt(
                    rows.getInt(2),
                    rows.getString(5),
                    queued,
                    coldBegan,
                    coldEnded,
                    started,
                    rows.getInstant(10),
                    rows.getBoolean(11),
                    CallStatus.of(rows.getString(12)),
                    rows.getString(13)));
            eachRow.accept(rows);
        }
        if (call != null && out.size() < limit) {
            out.add(new CallTimeline(call, function, enqueued, List.copyOf(attempts)));
        }
        return out;
    }
}
