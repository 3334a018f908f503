package dev.callscope.schema;

import dev.callscope.engine.Engine;
import dev.callscope.engine.Query;
import java.util.ArrayList;
import java.util.List;

/**
 * The server-side merge of quiet days on the events, the summary and the rollup: a day partition no row has
 * arrived in for an hour is merged into one part by the server itself
 * ({@code min_age_to_force_merge_seconds} on the whole partition), so reads with {@code FINAL}
 * merge nothing there. A pipeline's many small INSERTs otherwise leave several parts a day, and
 * calls that queued for hours put old enqueue times into every new part: the parts' key ranges
 * overlap, and every read would merge them again. Today's partition keeps the server's usual merging.
 */
public final class QuietDays {

    /** The settings, as in the tables' DDL. */
    static final String MERGE = "min_age_to_force_merge_seconds = 3600, min_age_to_force_merge_on_partition_only = 1";

    private QuietDays() {}

    /**
     * Gives the events, the summary and the rollup of {@code database}, made by an earlier version, these
     * settings (metadata only). Returns whether it changed a table. A cluster's tables are changed on
     * its shards (the Distributed tables have no merges), so only MergeTree tables are touched.
     */
    public static boolean keepMerged(Engine engine, String database) {
        String db = Schema.requireDatabaseName(database);
        List<String> tables = engine.query(
                        Query.of("SELECT name FROM system.tables WHERE database = {db:String}"
                                        + " AND name IN ({e:String}, {a:String}, {r:String}) AND engine LIKE '%MergeTree'"
                                        + " AND position(engine_full, 'min_age_to_force_merge_seconds') = 0")
                                .bind("db", db)
                                .bind("e", Schema.EVENTS_TABLE)
                                .bind("a", Schema.ATTEMPTS_TABLE)
                                .bind("r", Schema.ROLLUP_TABLE),
                        rows -> {
                            List<String> out = new ArrayList<>();
                            while (rows.next()) {
                                out.add(rows.getString(1));
                            }
                            return out;
                        })
                .value();
        for (String t : tables) {
            engine.execute(Query.of("ALTER TABLE " + db + "." + t + " MODIFY SETTING " + MERGE));
        }
        return !tables.isEmpty();
    }
}
