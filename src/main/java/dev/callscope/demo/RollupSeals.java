package dev.callscope.demo;

import dev.callscope.engine.Engine;
import dev.callscope.engine.Query;
import dev.callscope.performance.CallRollup;
import dev.callscope.schema.Schema;
import java.time.Instant;
import java.util.List;

/**
 * Seals the rollup ({@link CallRollup}) for the writers of the data: the demo loader, the live
 * feed and the benchmark. Only a writer knows when a slot is complete, and the read-only
 * views never write, so the statements come from {@link CallRollup} and run here.
 */
public final class RollupSeals {

    private RollupSeals() {
    }

    /**
     * Folds the calls that finished before {@code until} and are not yet in the rollup into it, once
     * everything before {@code until} is stored (a live writer seals up to its clock less
     * {@link CallRollup#SEAL_MARGIN}). Returns the statements run.
     */
    public static int seal(Engine engine, String database, Instant until) {
        List<Query> statements = CallRollup.sealStatements(engine, Schema.requireDatabaseName(database), until);
        statements.forEach(engine::execute);
        return statements.size();
    }

    /**
     * {@link #seal} for a bulk load that has stored everything up to its newest event: through the
     * end of that event's slot, so a range ending at the data's end needs no calls read; but no later
     * than the clock less {@link CallRollup#SEAL_MARGIN}, since a live feed started right after a
     * fresh load writes into the current slot.
     */
    public static int sealToNewestEvent(Engine engine, String database) {
        String db = Schema.requireDatabaseName(database);
        String newest = engine.queryScalar(Query.of("SELECT toUnixTimestamp(max(event_at)) FROM " + db + "." + Schema.EVENTS_TABLE));
        Instant end = CallRollup.ceilSlot(Instant.ofEpochSecond(Long.parseLong(newest) + 1));
        Instant settled = Instant.now().minus(CallRollup.SEAL_MARGIN);
        return seal(engine, db, end.isBefore(settled) ? end : settled);
    }
}
