package dev.callscope.bench;

import dev.callscope.acceleration.RollupViews;
import dev.callscope.acceleration.UserTableAcceleration;
import dev.callscope.calls.Acceleration;
import dev.callscope.calls.EventField;
import dev.callscope.calls.EventSchema;
import dev.callscope.demo.ModalShapedEvents;
import dev.callscope.engine.Engine;
import dev.callscope.engine.Query;
import dev.callscope.schema.Schema;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * The benchmark's stand-in for a user's own table: the dataset's events as Modal keeps them, one
 * ReplacingMergeTree of partial lifecycle rows keyed {@code (function_id, function_call_id, event_at)}
 * with text event types and statuses, in a database of their own; read through an events mapping
 * (as a user's connection would), raw and accelerated ({@code callscope accelerate}).
 */
public final class UserShapedTable {

    public static final String TABLE = "fn_events";

    private UserShapedTable() {}

    /** The database holding the table, beside the dataset's. */
    public static String database(String dataset) {
        return Schema.requireDatabaseName(dataset + "_user");
    }

    /** Where its acceleration lives. */
    public static String accelerated(String dataset) {
        return Schema.requireDatabaseName(dataset + "_user_accel");
    }

    /** The mapping a user would save for it. */
    public static EventSchema mapping(String dataset) {
        Map<EventField, String> m = new EnumMap<>(EventField.class);
        for (EventField f : EventField.values()) {
            m.put(f, f.column());
        }
        m.remove(EventField.ERROR);
        // a Modal-shaped table as users write it records no call graph and no batches
        m.remove(EventField.PARENT_CALL);
        m.remove(EventField.ROOT_CALL);
        m.remove(EventField.BATCH);
        m.remove(EventField.INPUT_INDEX);
        return EventSchema.custom(database(dataset), TABLE, m);
    }

    /**
     * Creates and fills the table from the dataset's events and accelerates it, unless a reused
     * data directory has both already. Returns what it did, for the report.
     */
    public static String ensure(Engine engine, String dataset) {
        String db = database(dataset);
        EventSchema mapping = mapping(dataset);
        boolean has = "1"
                .equals(engine.queryScalar(
                        Query.of("SELECT count() FROM system.tables WHERE database = {d:String} AND name = {t:String}")
                                .bind("d", db)
                                .bind("t", TABLE)));
        StringBuilder did = new StringBuilder();
        if (!has) {
            long t0 = System.nanoTime();
            ModalShapedEvents.createTable(engine, db, TABLE);
            engine.execute(Query.of("INSERT INTO " + db + "." + TABLE + "\n" + """
                     SELECT function_id, function_call_id, event_at, toString(event_type), function_name, app_name, attempt, container_id,
                            is_cold_start, enqueued_at, cold_start_began_at, cold_start_ended_at, started_at, finished_at, toString(status),
                            gpu_type, gpu_count, cpu_cores, memory_mib
                     FROM\s""" + Schema.requireDatabaseName(dataset)
                    + "." + Schema.EVENTS_TABLE));
            did.append(String.format(
                    Locale.ROOT,
                    "copied the events into %s.%s in %.1f s; ",
                    db,
                    TABLE,
                    (System.nanoTime() - t0) / 1e9));
        }
        if (Acceleration.find(engine, mapping).isPresent()) {
            // an acceleration made by an earlier version: its rollup and view brought up to date
            RollupViews.installAndRefresh(engine, accelerated(dataset));
        } else {
            long t0 = System.nanoTime();
            UserTableAcceleration.apply(engine, mapping, accelerated(dataset));
            did.append(String.format(
                    Locale.ROOT,
                    "accelerated it into %s in %.1f s",
                    accelerated(dataset),
                    (System.nanoTime() - t0) / 1e9));
        }
        return did.isEmpty() ? "reused " + db + "." + TABLE + " and its acceleration" : did.toString();
    }
}
