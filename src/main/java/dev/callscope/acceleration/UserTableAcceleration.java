package dev.callscope.acceleration;

import dev.callscope.calls.Acceleration;
import dev.callscope.calls.CallRollup;
import dev.callscope.calls.EventField;
import dev.callscope.calls.EventSchema;
import dev.callscope.engine.Engine;
import dev.callscope.engine.Query;
import dev.callscope.performance.RollupRefresh;
import dev.callscope.schema.Schema;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code callscope accelerate} keeps on a server for a user's own events table (a mapping):
 * in a database the user names, the same per-attempt summary Callscope keeps for its own tables,
 * fed by materialized views from the user's table as mapped (either layout: a row per event or a
 * row per call), and the 30-second rollup sealed by the server's refreshable view. The views find
 * it by the mapping's fingerprint ({@link Acceleration}); nothing in the user's own database changes.
 */
public final class UserTableAcceleration {

    private UserTableAcceleration() {}

    /** Why {@code events} cannot be accelerated, or null when it can. */
    public static String problem(EventSchema events) {
        if (events.canonical()) {
            return "this profile reads Callscope's own tables, which the server keeps summarized already (callscope schema create)";
        }
        if (events.eventRows() && !events.has(EventField.ENQUEUED)) {
            // read raw, a call's first event stands for its enqueue time; a view sees one insert at a time
            return "a summary kept as rows arrive needs the enqueue time on every event of a call: map Enqueued";
        }
        if (!events.has(EventField.STARTED) || !events.has(EventField.FINISHED)) {
            return "there is nothing to summarize without a start and a finish time: map Started and Finished";
        }
        return null;
    }

    /** The statements {@link #apply} runs, in order: what the dry run prints. */
    public static List<String> statements(EventSchema events, String database) {
        String db = Schema.requireDatabaseName(database);
        String problem = problem(events);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        if (db.equals(events.database())) {
            throw new IllegalArgumentException("choose a database of its own for the summary, not " + db
                    + " (which holds " + events.qualifiedTable() + ")");
        }
        List<String> out = new ArrayList<>();
        out.add("CREATE DATABASE IF NOT EXISTS " + db);
        out.addAll(Schema.summaryStatements(db, events.relation(), Acceleration.comment(events)));
        out.add(Schema.rollupDdl(db));
        out.add(RollupRefresh.ddl(db));
        return out;
    }

    /** Creates the summary and the rollup (after {@link #drop}ping an older one there) and fills them. */
    public static void apply(Engine engine, EventSchema events, String database) {
        List<String> all = statements(events, database);
        drop(engine, database);
        for (String statement : all) {
            engine.execute(Query.of(statement));
        }
        Schema.mergeAttempts(engine, database);
        RollupViews.refreshNow(engine, database);
    }

    /** Drops what {@link #apply} created in {@code database} (and nothing else there). */
    public static void drop(Engine engine, String database) {
        String db = Schema.requireDatabaseName(database);
        for (String view : List.of(RollupRefresh.VIEW, Schema.ATTEMPTS_VIEW, Schema.RETRIES_VIEW)) {
            engine.execute(Query.of("DROP VIEW IF EXISTS " + db + "." + view));
        }
        for (String table : List.of(Schema.ROLLUP_TABLE, Schema.ATTEMPTS_TABLE)) {
            engine.execute(Query.of("DROP TABLE IF EXISTS " + db + "." + table));
        }
    }

    /** What {@code --check} says. */
    public record Status(
            boolean present,
            boolean current,
            long attempts,
            String sealedUntil,
            String lastRefresh,
            String refreshError) {}

    /** Whether the summary is in {@code database}, made from exactly this mapping, and how far its rollup is sealed. */
    public static Status check(Engine engine, EventSchema events, String database) {
        String db = Schema.requireDatabaseName(database);
        String comment = comment(engine, db, Schema.ATTEMPTS_VIEW);
        if (comment == null) {
            return new Status(false, false, 0, "", "", "");
        }
        long attempts = Long.parseLong(
                engine.queryScalar(Query.of("SELECT count() FROM " + db + "." + Schema.ATTEMPTS_TABLE + " FINAL")));
        // as far as the views take it to be sealed
        String sealed = CallRollup.of(engine, db)
                .sealedUntil()
                .map(t -> DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
                        .withZone(ZoneOffset.UTC)
                        .format(t))
                .orElse("");
        String[] refresh = engine.query(
                        Query.of("SELECT toString(last_success_time), exception FROM system.view_refreshes"
                                        + " WHERE database = {db:String} AND view = {v:String}")
                                .bind("db", db)
                                .bind("v", RollupRefresh.VIEW),
                        rows -> rows.next()
                                ? new String[] {rows.getString(1), rows.getString(2)}
                                : new String[] {"", "the view is missing"})
                .value();
        // current: made from this mapping, and the rollup's view is this version's (an older one
        // still seals, at an older cost: --apply writes it again)
        boolean current = comment.equals(Acceleration.comment(events))
                && RollupRefresh.VIEW_VERSION.equals(comment(engine, db, RollupRefresh.VIEW));
        return new Status(true, current, attempts, sealed, refresh[0], refresh[1]);
    }

    /** A table's or view's comment (its version), null when it is missing. */
    private static String comment(Engine engine, String db, String name) {
        return engine.query(
                        Query.of("SELECT comment FROM system.tables WHERE database = {db:String} AND name = {v:String}")
                                .bind("db", db)
                                .bind("v", name),
                        rows -> rows.next() ? rows.getString(1) : null)
                .value();
    }
}
