package dev.callscope.demo;

import dev.callscope.engine.Engine;
import dev.callscope.engine.Query;
import dev.callscope.performance.MinuteRollup;
import dev.callscope.schema.Schema;
import java.time.Instant;
import java.util.List;

/**
 * Seals the per-minute rollup ({@link MinuteRollup}) for the writers of the data: the demo loader,
 * the live feed and the benchmark. Only a writer knows when a minute is complete, and the read-only
 * views never write, so the statements come from {@link MinuteRollup} and run here.
 */
public final class MinuteSeals {

    private MinuteSeals() {
    }

    /**
     * Folds the calls that finished before {@code until} and are not yet in the rollup into it, once
     * everything before {@code until} is stored (a live writer seals up to its clock less
     * {@link MinuteRollup#SEAL_MARGIN}). Returns the statements run.
     */
    public static int seal(Engine engine, String database, Instant until) {
        List<Query> statements = MinuteRollup.sealStatements(engine, Schema.requireDatabaseName(database), until);
        statements.forEach(engine::execute);
        return statements.size();
    }

    /**
     * {@link #seal} up to the minute of the newest stored event: for a bulk load that has just stored
     * everything up to it.
     */
    public static int sealToNewestEvent(Engine engine, String database) {
        String db = Schema.requireDatabaseName(database);
        String newest = engine.queryScalar(Query.of("SELECT toUnixTimestamp(max(event_at)) FROM " + db + "." + Schema.EVENTS_TABLE));
        return seal(engine, db, Instant.ofEpochSecond(Long.parseLong(newest)));
    }
}
