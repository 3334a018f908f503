package dev.callscope.calls;

import dev.callscope.engine.Query;
import dev.callscope.engine.QueryExecutor;
import dev.callscope.engine.SqlPart;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

/**
 * Where some calls keep their rows in the summary: their functions and the span of their enqueues, read without
 * {@code FINAL}. Under {@code FINAL} ClickHouse prunes no granule by a skip index, so a bloom filter (on
 * {@code root_call_id}, {@code batch_id}) would read every row since the calls began; every row of a call carries its
 * function and enqueue time, so this key range holds every row of the calls, and a {@code FINAL} read limited to it
 * reads only their granules (and those of the same functions' other calls enqueued among them). On the events (no
 * summary) there is nothing to find: they are read from a lower bound on.
 *
 * @param functions null on the events; empty when no row matched
 */
public record KeyRange(List<String> functions, Instant from, Instant to) {

    public static final KeyRange EVENTS = new KeyRange(null, null, null);

    /** The key range of the summary rows matching {@code where}; on the events, {@link #EVENTS}. */
    public static KeyRange of(QueryExecutor engine, AttemptRows attempts, SqlPart where) {
        if (!attempts.summarized()) {
            return EVENTS;
        }
        return engine.query(query(attempts, where), rows -> {
                    rows.next();
                    List<String> fns = rows.getList(1);
                    return new KeyRange(
                            fns == null ? List.of() : List.copyOf(fns), rows.getInstant(2), rows.getInstant(3));
                })
                .value();
    }

    /** What {@link #of} runs (the benchmark times it too). */
    public static Query query(AttemptRows attempts, SqlPart where) {
        return SqlPart.format(
                        "SELECT groupUniqArray(function_id), min(enqueued_at), max(enqueued_at) FROM %s WHERE %s",
                        attempts.summaryTable(), where)
                .query();
    }

    /** This key range widened to hold also a call of {@code function} enqueued at {@code enqueued}. */
    public KeyRange with(String function, Instant enqueued) {
        if (functions == null) {
            return this;
        }
        if (functions.isEmpty()) {
            return new KeyRange(List.of(function), enqueued, enqueued);
        }
        List<String> fns = functions.contains(function)
                ? functions
                : Stream.concat(functions.stream(), Stream.of(function)).toList();
        return new KeyRange(fns, from.isBefore(enqueued) ? from : enqueued, to.isAfter(enqueued) ? to : enqueued);
    }

    /** {@code where} limited to this key range. */
    public SqlPart within(SqlPart where) {
        if (functions == null) {
            return where;
        }
        if (functions.isEmpty()) {
            return SqlPart.format("(%s) AND 0", where);
        }
        return SqlPart.format(
                "(%s) AND function_id IN %s AND enqueued_at >= %s AND enqueued_at <= %s",
                where,
                SqlPart.strings("key_fns", functions),
                SqlPart.time("key_from", from),
                SqlPart.time("key_to", to));
    }

    /** The lower bound for {@link AttemptRows#select}: {@code onEvents} on the events; none needed on the summary. */
    public SqlPart since(Instant onEvents) {
        return functions == null ? SqlPart.time("since", onEvents) : null;
    }
}
