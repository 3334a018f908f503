package dev.callscope.bench;

import dev.callscope.engine.Engine;
import dev.callscope.engine.Query;
import dev.callscope.schema.Schema;
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
        dev.callscope.calls.CallRollup rollup,
        String logSeconds,
        UserLayout user,
        String treeRoot,
        dev.callscope.calls.KeyRange treeRows,
        String batchId,
        dev.callscope.calls.KeyRange batchRows,
        dev.callscope.calls.KeyRange dayOfBatchRows) {

    /**
     * The user-shaped copy of the events ({@link UserShapedTable}), when the data directory has it:
     * its mapping, its accelerated attempts and their rollup.
     */
    public record UserLayout(
            dev.callscope.calls.EventSchema events,
            dev.callscope.calls.AttemptRows accelerated,
            dev.callscope.calls.CallRollup rollup) {}

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
        var accelerated = dev.callscope.calls.AttemptRows.of(engine, mapping);
        UserLayout user = accelerated.summarized()
                ? new UserLayout(mapping, accelerated, dev.callscope.calls.CallRollup.of(engine, accelerated))
                : null;
        String batch = dev.callscope.demo.BenchBatch.largest(engine, db, 1);
        String tree = dev.callscope.demo.BenchTree.largest(engine, db, 1);
        var batches = new dev.callscope.batches.BatchQuery(dev.callscope.calls.EventSchema.canonical(db));
        var summary = dev.callscope.calls.AttemptRows.fromSummary(db);
        Instant last = end.truncatedTo(ChronoUnit.MICROS);
        return new BenchContext(
                db,
                last,
                busiest[0],
                Instant.ofEpochSecond(Long.parseLong(busiest[1])),
                busiest[2],
                dev.callscope.calls.CallRollup.of(engine, db),
                dev.callscope.logs.LogIndexProbe.secondsColumn(engine, dev.callscope.logs.LogSchema.canonical(db)),
                user,
                tree,
                tree == null ? null : new dev.callscope.callgraph.CallTreeQuery(db).locate(engine, summary, tree),
                batch,
                batch == null ? null : batches.locate(engine, summary, batch),
                batches.locate(
                        engine,
                        summary,
                        new dev.callscope.time.TimeRange(last.minus(Duration.ofDays(1)), last.plusMillis(1))));
    }

    /** The last {@code span} of the dataset. */
    public dev.callscope.time.TimeRange last(Duration span) {
        return new dev.callscope.time.TimeRange(end.minus(span), end.plusMillis(1));
    }
}
