package dev.callscope.calls;

import dev.callscope.engine.Query;
import dev.callscope.engine.QueryExecutor;
import java.time.Instant;
import java.util.List;
import java.util.function.UnaryOperator;

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

    /** The key range of the summary rows matching {@code where} (its parameters bound by {@code bind}); on the events, {@link #EVENTS}. */
    public static KeyRange of(QueryExecutor engine, AttemptRows attempts, String where, UnaryOperator<Query> bind) {
        if (!attempts.summarized()) {
            return EVENTS;
        }
        return engine.query(bind.apply(query(attempts, where)), rows -> {
            rows.next();
            List<String> fns = rows.getList(1);
            return new KeyRange(fns == null ? List.of() : List.copyOf(fns), rows.getInstant(2), rows.getInstant(3));
        }).value();
    }

    /** What {@link #of} runs (the benchmark times it too). */
    public static Query query(AttemptRows attempts, String where) {
        return Query.of("SELECT groupUniqArray(function_id), min(enqueued_at), max(enqueued_at) FROM " + attempts.summaryTable()
                + " WHERE " + where);
    }

    /** A condition to add to the attempts' {@code where} (it starts with {@code AND}). */
    public String condition() {
        return functions == null ? "" : functions.isEmpty() ? " AND 0"
                : " AND function_id IN {key_fns:Array(String)} AND enqueued_at >= {key_from:DateTime64(6, 'UTC')}"
                + " AND enqueued_at <= {key_to:DateTime64(6, 'UTC')}";
    }

    /** The lower bound for {@link AttemptRows#select(String, String)}: {@code {since}} on the events; none needed on the summary. */
    public String since() {
        return functions == null ? "{since:DateTime64(6, 'UTC')}" : null;
    }

    public Query bind(Query q) {
        return functions == null || functions.isEmpty() ? q : q.bind("key_fns", functions).bind("key_from", from).bind("key_to", to);
    }
}
