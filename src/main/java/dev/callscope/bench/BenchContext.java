package dev.callscope.bench;

import dev.callscope.batches.BatchQuery;
import dev.callscope.callgraph.CallTreeQuery;
import dev.callscope.calls.AttemptRows;
import dev.callscope.calls.CallRollup;
import dev.callscope.calls.EventSchema;
import dev.callscope.calls.KeyRange;
import dev.callscope.demo.BenchBatch;
import dev.callscope.demo.BenchTree;
import dev.callscope.engine.Engine;
import dev.callscope.engine.Query;
import dev.callscope.logs.LogIndexProbe;
import dev.callscope.logs.LogSchema;
import dev.callscope.schema.Schema;
import dev.callscope.time.TimeRange;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * What the benchmark's queries are aimed at, found once per dataset: ranges end at the dataset's
 * newest event (not the clock, so a reused dataset measures the same thing tomorrow), the Timeline
 * opens the busiest function's busiest hour, and the call detail opens one call from it. The
 * rollup and the logs' seconds column are found as the tabs find them.
 */
public record BenchContext(
        String database,
        Instant end,
        String busiestFunction,
        Instant busiestHour,
        String sampleCall,
        CallRollup rollup,
        String logSeconds,
        UserLayout user,
        String treeRoot,
        KeyRange treeRows,
        String batchId,
        KeyRange batchRows,
        KeyRange dayOfBatchRows,
        boolean hasLogs) {

    /**
     * The user-shaped copy of the events ({@link UserShapedTable}), when the data directory has it:
     * its mapping, its accelerated attempts and their rollup.
     */
    public record UserLayout(EventSchema events, AttemptRows accelerated, CallRollup rollup) {}

    public static BenchContext of(Engine engine, String database) {
        String db = Schema.requireDatabaseName(database);
        String events = db + "." + Schema.EVENTS_TABLE;
        Instant end = Instant.parse(engine.queryScalar(
                Query.of("SELECT formatDateTime(max(event_at), '%Y-%m-%dT%H:%i:%S.%fZ', 'UTC') FROM " + events)));
        String[] busiest = engine.query(Query.of("""
                SELECT function_id, toUnixTimestamp(toStartOfHour(event_at)) AS hour, any(function_call_id)
                FROM %s WHERE event_type = 'queued'
                GROUP BY function_id, hour ORDER BY count() DESC LIMIT 1""".formatted(events)), rows -> {
                    rows.next();
                    return new String[] {rows.getString(1), rows.getString(2), rows.getString(3)};
                })
                .value();
        var mapping = UserShapedTable.mapping(db);
        var accelerated = AttemptRows.of(engine, mapping);
        UserLayout user = accelerated.summarized()
                ? new UserLayout(mapping, accelerated, CallRollup.of(engine, accelerated))
                : null;
        String batch = BenchBatch.largest(engine, db, 1);
        String tree = BenchTree.largest(engine, db, 1);
        var batches = new BatchQuery(EventSchema.canonical(db));
        var summary = AttemptRows.fromSummary(db);
        Instant last = end.truncatedTo(ChronoUnit.MICROS);
        return new BenchContext(
                db,
                last,
                busiest[0],
                Instant.ofEpochSecond(Long.parseLong(busiest[1])),
                busiest[2],
                CallRollup.of(engine, db),
                LogIndexProbe.secondsColumn(engine, LogSchema.canonical(db)),
                user,
                tree,
                tree == null ? null : new CallTreeQuery(db).locate(engine, summary, tree),
                batch,
                batch == null ? null : batches.locate(engine, summary, batch),
                batches.locate(engine, summary, new TimeRange(last.minus(Duration.ofDays(1)), last.plusMillis(1))),
                !"0".equals(engine.queryScalar(Query.of("SELECT count() FROM " + db + "." + Schema.LOGS_TABLE))));
    }

    /**
     * A user's own table through its mapping ({@code bench --profile NAME}): only the user layout
     * is set, accelerated when {@code callscope accelerate} made it a summary, and ranges end at its
     * newest event.
     */
    public static BenchContext ofMapping(Engine engine, EventSchema mapping) {
        Instant end = Instant.parse(engine.queryScalar(Query.of(
                "SELECT formatDateTime(max(event_at), '%Y-%m-%dT%H:%i:%S.%fZ', 'UTC') FROM " + mapping.relation())));
        AttemptRows attempts = AttemptRows.of(engine, mapping);
        return new BenchContext(
                mapping.database(),
                end.truncatedTo(ChronoUnit.MICROS),
                null,
                null,
                null,
                null,
                null,
                new UserLayout(mapping, attempts, CallRollup.of(engine, attempts)),
                null,
                null,
                null,
                null,
                null,
                false);
    }

    /** The last {@code span} of the dataset. */
    public TimeRange last(Duration span) {
        return new TimeRange(end.minus(span), end.plusMillis(1));
    }
}
