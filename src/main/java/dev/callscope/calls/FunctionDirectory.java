package dev.callscope.calls;

import dev.callscope.engine.Query;
import dev.callscope.engine.QueryExecutor;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The functions in the events table: for pickers (busiest first), where a function is busiest, what
 * an id stands for ({@link Names}), and the newest event.
 */
public final class FunctionDirectory {

    /** A function, its app and how many calls it had in the range asked about. */
    public record FunctionInfo(String functionId, String name, String appName, long calls) {
        @Override
        public String toString() {
            return name + " (" + appName + ")";
        }
    }

    private final String events;
    private final boolean callscope;

    public FunctionDirectory(String database) {
        this(EventSchema.canonical(database));
    }

    public FunctionDirectory(EventSchema events) {
        this.events = events.relation();
        this.callscope = events.canonical();
    }

    /** Functions by calls enqueued in {@code [from, to)}, busiest first. */
    public List<FunctionInfo> functions(QueryExecutor engine, Instant from, Instant to) {
        return engine.query(
                        Query.of("""
                SELECT function_id, any(function_name), any(app_name),
                       %s
                FROM %s WHERE function_call_id != '' OR event_type = 'container_started'
                GROUP BY function_id ORDER BY 4 DESC, 2""".formatted(enqueuedCalls("from", "to"), events))
                                .bind("from", from)
                                .bind("to", to),
                        rows -> {
                            List<FunctionInfo> out = new ArrayList<>();
                            while (rows.next()) {
                                out.add(new FunctionInfo(
                                        rows.getString(1), rows.getString(2), rows.getString(3), rows.getLong(4)));
                            }
                            return out;
                        })
                .value();
    }

    /** The start of the hour in which {@code functionId} had most calls enqueued, or null. */
    public Instant busiestHour(QueryExecutor engine, String functionId) {
        return engine.query(
                        Query.of("""
                SELECT toStartOfHour(event_at) AS h FROM %s
                WHERE function_id = {f:String} AND event_type = 'queued'
                GROUP BY h ORDER BY count() DESC, h LIMIT 1""".formatted(events)).bind("f", functionId),
                        rows -> rows.next() ? rows.getInstant(1) : null)
                .value();
    }

    /**
     * Calls enqueued in {@code [from, to)}: Callscope's table has one {@code queued} event per call;
     * a mapped table may have none or one per attempt, so its calls are counted by enqueue time.
     */
    private String enqueuedCalls(String from, String to) {
        String in = "%s >= {" + from + ":DateTime64(6, 'UTC')} AND %s < {" + to + ":DateTime64(6, 'UTC')}";
        return callscope
                ? "countIf(event_type = 'queued' AND " + in.formatted("event_at", "event_at") + ")"
                : "uniqExactIf(function_call_id, function_call_id != '' AND "
                        + in.formatted("enqueued_at", "enqueued_at") + ")";
    }

    /**
     * The functions with calls in the {@code span} up to the newest event (the data's end, or now when
     * the table is empty), busiest first: what a view lists when it opens.
     */
    public Recent recent(QueryExecutor engine, Duration span) {
        Instant newest = newestEvent(engine);
        Instant end = newest == null ? Instant.now() : newest;
        return new Recent(end, functions(engine, end.minus(span), end.plusSeconds(1)));
    }

    /** @param end the newest event, or now when there is none */
    public record Recent(Instant end, List<FunctionInfo> functions) {}

    /** The newest event time in the table, or null when it is empty. */
    public Instant newestEvent(QueryExecutor engine) {
        return engine.query(
                        Query.of("SELECT max(event_at), count() FROM " + events),
                        rows -> rows.next() && rows.getLong(2) > 0 ? rows.getInstant(1) : null)
                .value();
    }

    /** A function as people know it; an id with nothing known is named by itself. */
    public record Named(String id, String name, String app, String gpu) {}

    /** What each function id stands for: its name, app and GPU, read once per table (see {@link AttemptRows#functionNames}). */
    public static final class Names {

        private final Map<String, Named> byId;

        private Names(Map<String, Named> byId) {
            this.byId = byId;
        }

        /**
         * Names read are kept for {@link #FRESH} per table, and used while the table holds the same
         * function ids: reading the names scans every row of the table (0.1-0.2 s at 7.8M attempts, and
         * it grows with the table), while its distinct ids come from the id column's dictionary (11 ms).
         * A new function reads them again at once; a renamed one shows its new name within {@link #FRESH}.
         * Ids are ULIDs or a user's own ids: the same id in the same table names the same function.
         */
        static final Duration FRESH = Duration.ofMinutes(5);

        private static final Map<String, Cached> CACHE = new ConcurrentHashMap<>();

        private record Cached(Set<String> ids, Map<String, Named> byId, long readAt) {}

        static Names read(QueryExecutor engine, String table) {
            Cached kept = CACHE.get(table);
            if (kept != null && System.nanoTime() - kept.readAt() < FRESH.toNanos()) {
                Set<String> ids = engine.query(Query.of("SELECT DISTINCT function_id FROM " + table), rows -> {
                            Set<String> out = new HashSet<>();
                            while (rows.next()) {
                                out.add(rows.getString(1));
                            }
                            return out;
                        })
                        .value();
                if (ids.equals(kept.ids())) {
                    return new Names(kept.byId());
                }
            }
            Map<String, Named> names = new HashMap<>();
            // max, not any: rows that carry only a flag have empty names
            engine.query(
                    Query.of("SELECT function_id, max(function_name), max(app_name), max(gpu_type) FROM " + table
                            + " GROUP BY function_id"),
                    rows -> {
                        while (rows.next()) {
                            String id = rows.getString(1);
                            names.put(id, new Named(id, rows.getString(2), rows.getString(3), rows.getString(4)));
                        }
                        return null;
                    });
            Map<String, Named> byId = Map.copyOf(names);
            CACHE.put(table, new Cached(byId.keySet(), byId, System.nanoTime()));
            return new Names(byId);
        }

        /** The function {@code id}, or one named by its id when the table has no name for it. */
        public Named get(String id) {
            Named f = byId.get(id);
            return f != null ? f : new Named(id, id, "", "");
        }
    }
}
