package dev.callscope.acceleration;

import dev.callscope.engine.Engine;
import dev.callscope.engine.Query;
import dev.callscope.performance.RollupRefresh;
import dev.callscope.schema.QuietDays;
import dev.callscope.schema.Schema;
import java.time.Instant;

/**
 * The writing half of the rollup's refreshable view ({@link RollupRefresh} has its SQL): creates
 * it, and runs it at once for a writer that has just loaded data. Only writers call this
 * ({@code schema create}, the demo, the benchmark, {@code accelerate}); the views never write.
 */
public final class RollupViews {

    private RollupViews() {}

    /** Creates the refreshable view (and the rollup table it fills) if missing or of another version. */
    public static void install(Engine engine, String database) {
        String db = Schema.requireDatabaseName(database);
        boolean rebuilt = Schema.addRollup(engine, db);
        QuietDays.keepMerged(engine, db);
        String version = engine.query(
                        Query.of("SELECT comment FROM system.tables WHERE database = {db:String} AND name = {t:String}")
                                .bind("db", db)
                                .bind("t", RollupRefresh.VIEW),
                        rows -> rows.next() ? rows.getString(1) : null)
                .value();
        if (!rebuilt && RollupRefresh.VIEW_VERSION.equals(version)) {
            return;
        }
        engine.execute(Query.of("DROP VIEW IF EXISTS " + db + "." + RollupRefresh.VIEW));
        engine.execute(Query.of(RollupRefresh.ddl(db)));
    }

    /** {@link #install}, then {@link #refreshNow}: for a writer that has just loaded data. Returns the runs made. */
    public static int installAndRefresh(Engine engine, String database) {
        install(engine, database);
        return refreshNow(engine, database);
    }

    /**
     * Runs the view now, again until a run seals nothing newer, and waits for each (a writer that
     * has just loaded data wants the rollup at once, not in 30 s). Returns the runs made.
     */
    public static int refreshNow(Engine engine, String database) {
        String db = Schema.requireDatabaseName(database);
        String newest = newestSlot(engine, db);
        for (int runs = 1; runs <= 400; runs++) {
            engine.execute(Query.of("SYSTEM REFRESH VIEW " + db + "." + RollupRefresh.VIEW));
            engine.execute(Query.of("SYSTEM WAIT VIEW " + db + "." + RollupRefresh.VIEW));
            String now = newestSlot(engine, db);
            if (now.equals(newest)) {
                // slots sealed again (late events) leave older rows until merged: merge them now,
                // so the first reads after a bulk load do not merge them on every query
                engine.execute(Query.of("OPTIMIZE TABLE " + db + "." + Schema.ROLLUP_TABLE + " FINAL"));
                return runs;
            }
            newest = now;
        }
        throw new IllegalStateException("The rollup kept growing after 400 refreshes");
    }

    /** One run of the view's query as if at {@code horizon} (tests that seal up to a moment in the past). */
    public static void refreshAt(Engine engine, String database, Instant horizon) {
        engine.execute(RollupRefresh.refreshAt(database, horizon));
    }

    /**
     * The newest slot holding calls: the rows a run writes for no function (which move the seal on)
     * follow the clock, so they would never let a slow server's runs look finished.
     */
    private static String newestSlot(Engine engine, String db) {
        return engine.queryScalar(Query.of("SELECT ifNull(toString(maxOrNull(slot)), '') FROM " + db + "."
                + Schema.ROLLUP_TABLE + " WHERE function_id != ''"));
    }
}
