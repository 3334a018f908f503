package dev.callscope.bench;

import dev.callscope.acceleration.RollupViews;
import dev.callscope.acceleration.UserTableAcceleration;
import dev.callscope.calls.Acceleration;
import dev.callscope.demo.DemoOptions;
import dev.callscope.demo.DemoWorkload;
import dev.callscope.demo.ModalShapedEvents;
import dev.callscope.demo.PipelineLoad;
import dev.callscope.demo.PipelineSink;
import dev.callscope.demo.PipelineWriter;
import dev.callscope.engine.Engine;
import dev.callscope.engine.Query;
import dev.callscope.performance.RollupRefresh;
import dev.callscope.schema.Schema;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * The benchmark's dataset as a user's pipeline writes it ({@code bench --pipeline}): the workload's
 * calls written only by {@link PipelineWriter} (arrival order, every function interleaved, a batch
 * each 7.5 s of arrivals, duplicates, late events), at once into Callscope's schema and into a
 * Modal-shaped table that was accelerated before its first row. The app seals, merges and optimizes
 * nothing: it waits for the server's own next scheduled refresh of each rollup, then measures.
 */
public final class PipelineDataset {

    /** Written last: a load that was stopped halfway is told apart from a finished one. */
    private static final String DONE_TABLE = "bench_pipeline_done";

    private PipelineDataset() {}

    /** The database a pipeline dataset of {@code calls} calls gets by default. */
    public static String database(int calls) {
        return "bench_" + calls + "_pipe";
    }

    /** Writes the dataset unless a reused data directory has it whole; returns what it did, for the report. */
    public static String ensure(Engine engine, DemoOptions options, PrintWriter progress) {
        String db = Schema.requireDatabaseName(options.database());
        if (DemoWorkload.isLoaded(engine, db)) {
            if (!finished(engine, db)) {
                throw new IllegalStateException("The pipeline load into " + db
                        + " was stopped before it finished; drop that database (or use a fresh --data-dir)");
            }
            // a dataset written by an earlier version gets the server's quiet-day merge and this
            // version's rollup view (metadata only: the view seals on its own schedule)
            RollupViews.install(engine, db);
            RollupViews.install(engine, UserShapedTable.accelerated(db));
            return "reused database " + db + ", written by the pipeline writer; " + parts(engine, db);
        }
        Schema.create(engine, db);
        RollupViews.install(engine, db);
        String userDb = UserShapedTable.database(db);
        ModalShapedEvents.createTable(engine, userDb, UserShapedTable.TABLE);
        var mapping = UserShapedTable.mapping(db);
        if (Acceleration.find(engine, mapping).isEmpty()) {
            UserTableAcceleration.apply(engine, mapping, UserShapedTable.accelerated(db));
        }
        int[] lastPercent = {-1};
        PipelineLoad.Summary s = PipelineLoad.write(
                engine,
                options,
                List.of(PipelineSink.canonical(db), PipelineSink.modalShaped(userDb, UserShapedTable.TABLE)),
                PipelineWriter.Options.KAFKA_ENGINE,
                (stage, fraction) -> {
                    int percent = (int) (fraction * 100);
                    if (percent / 5 != lastPercent[0] / 5) {
                        lastPercent[0] = percent;
                        progress.printf("  pipeline: %s %d%%%n", stage, percent);
                        progress.flush();
                    }
                });
        engine.execute(Query.of(
                "CREATE TABLE " + db + "." + DONE_TABLE + " (at DateTime64(3, 'UTC')) ENGINE = MergeTree ORDER BY at"));
        engine.execute(Query.of("INSERT INTO " + db + "." + DONE_TABLE + " VALUES (now64(3))"));
        Instant written = Instant.now();
        long t0 = System.nanoTime();
        awaitScheduledRefresh(engine, db, written);
        awaitScheduledRefresh(engine, UserShapedTable.accelerated(db), written);
        double seconds = s.writer().elapsed().toNanos() / 1e9;
        return String.format(
                Locale.ROOT,
                "%,d events delivered as %,d rows (%,d duplicates, %,d late by 2-15 min) in %,d batches of 7.5 s"
                        + " into %s and %s.%s, %.0f s (%,.0f rows/s per table); the server's own refresh sealed both"
                        + " rollups %.0f s later; %s",
                s.events(),
                s.deliveries(),
                s.deliveries() - s.events(),
                s.late(),
                s.writer().batches(),
                db,
                userDb,
                UserShapedTable.TABLE,
                seconds,
                s.deliveries() / Math.max(seconds, 1e-9),
                (System.nanoTime() - t0) / 1e9,
                parts(engine, db));
    }

    /** How many parts the server has left (it merges in the background; nothing here merges them). */
    private static String parts(Engine engine, String db) {
        Query q = Query.of("SELECT database, table, count() FROM system.parts WHERE active"
                        + " AND database IN ({db:String}, {user:String}, {accel:String})"
                        + " AND table IN ('function_call_events', 'function_call_attempts', 'fn_events')"
                        + " GROUP BY database, table ORDER BY database, table")
                .bind("db", db)
                .bind("user", UserShapedTable.database(db))
                .bind("accel", UserShapedTable.accelerated(db));
        return engine.query(q, rows -> {
                    StringBuilder sb = new StringBuilder("active parts:");
                    while (rows.next()) {
                        sb.append(' ')
                                .append(rows.getString(1))
                                .append('.')
                                .append(rows.getString(2))
                                .append(' ')
                                .append(rows.getString(3));
                    }
                    return sb.toString();
                })
                .value();
    }

    private static boolean ranAfter(String startSeconds, Instant after) {
        try {
            return startSeconds != null && Long.parseLong(startSeconds) > after.getEpochSecond();
        } catch (NumberFormatException notYet) {
            return false; // NULL: no successful run since the view was created
        }
    }

    private static boolean finished(Engine engine, String db) {
        return !"0"
                .equals(engine.queryScalar(
                        Query.of("SELECT count() FROM system.tables WHERE database = {d:String} AND name = {t:String}")
                                .bind("d", db)
                                .bind("t", DONE_TABLE)));
    }

    /** Waits (at most 15 minutes) for a scheduled run of the database's rollup view that began after {@code after}. */
    private static void awaitScheduledRefresh(Engine engine, String db, Instant after) {
        // the run began after the last write: its start is its end less its length (conservative either way)
        Query q = Query.of("SELECT toUnixTimestamp(last_success_time) - intDiv(last_success_duration_ms, 1000)"
                        + " FROM system.view_refreshes"
                        + " WHERE database = {db:String} AND view = {v:String}")
                .bind("db", db)
                .bind("v", RollupRefresh.VIEW);
        Instant deadline = Instant.now().plus(Duration.ofMinutes(15));
        while (Instant.now().isBefore(deadline)) {
            String last = engine.queryScalar(q);
            if (ranAfter(last, after)) {
                return;
            }
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for the rollup's refresh", e);
            }
        }
        throw new IllegalStateException("The rollup view of " + db + " did not run within 15 minutes");
    }
}
