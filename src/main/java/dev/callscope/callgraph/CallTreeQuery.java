package dev.callscope.callgraph;

import dev.callscope.calls.AttemptRows;
import dev.callscope.calls.EventSchema;
import dev.callscope.calls.KeyRange;
import dev.callscope.cost.Prices;
import dev.callscope.engine.Query;
import dev.callscope.engine.QueryExecutor;
import dev.callscope.engine.QueryStats;
import dev.callscope.engine.RowCursor;
import dev.callscope.engine.SqlPart;
import dev.callscope.timeline.CallRebuild;
import dev.callscope.timeline.CallTimeline;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the call tree a call belongs to: its root (from the call's own events), then every call of
 * that root, from the summary when the database has one (a bloom filter on {@code root_call_id},
 * read without FINAL, finds the tree's key range, {@link KeyRange}) or from the events. Duplicated and out-of-order events change nothing:
 * attempts are rebuilt as every view rebuilds them.
 */
public final class CallTreeQuery {

    /** Calls of one tree read at most; a larger tree is cut, and says so. */
    public static final int MAX_CALLS = 500_000;

    private final EventSchema schema;

    public CallTreeQuery(EventSchema schema) {
        this.schema = schema;
    }

    public CallTreeQuery(String database) {
        this(EventSchema.canonical(database));
    }

    /** What was read: the tree (empty when no such call), whether it was cut at {@link #MAX_CALLS}, and the engine's statistics. */
    public record Result(CallTree tree, boolean cut, QueryStats stats) {}

    /** The tree of {@code callId}'s root, timed to {@code now}, priced at {@code prices}. */
    public Result load(QueryExecutor engine, String callId, Instant now, Prices prices) {
        Instant since = schema.earliestEventOf(callId);
        String[] found = engine.query(
                        Query.of(
                                        "SELECT max(root_call_id), count() FROM " + schema.relation()
                                                + " WHERE function_call_id = {c:String} AND event_at >= {since:DateTime64(6, 'UTC')}")
                                .bind("c", callId)
                                .bind("since", since),
                        rows -> rows.next()
                                ? new String[] {rows.getString(1), rows.getString(2)}
                                : new String[] {"", "0"})
                .value();
        if ("0".equals(found[1])) {
            return new Result(
                    CallTree.of(callId, List.of(), Map.of(), Map.of(), Map.of(), now), false, QueryStats.NONE);
        }
        String root = found[0].isEmpty() ? callId : found[0];
        AttemptRows attempts = AttemptRows.of(engine, schema);
        Map<String, Double> price = new HashMap<>();
        KeyRange where = locate(engine, attempts, root);
        var read = engine.query(attemptsQuery(attempts, root, where), rows -> readCalls(rows, prices, price));
        Map<String, String> parents = new HashMap<>();
        Map<String, String> names = new HashMap<>();
        engine.query(parentsQuery(attempts, root, where), rows -> {
            while (rows.next()) {
                parents.put(rows.getString(1), rows.getString(2));
                if (!rows.getString(4).isEmpty()) {
                    names.put(rows.getString(3), rows.getString(4));
                }
            }
            return null;
        });
        List<CallTimeline> calls = read.value();
        return new Result(
                CallTree.of(root, calls, parents, names, price, now), calls.size() >= MAX_CALLS, read.stats());
    }

    private static SqlPart inTree(String root) {
        SqlPart r = SqlPart.string("r", root);
        return SqlPart.format("(root_call_id = %1$s OR function_call_id = %1$s)", r);
    }

    /** Where the tree of {@code root} keeps its rows in the summary ({@link KeyRange}: its bloom filter, without FINAL). */
    public KeyRange locate(QueryExecutor engine, AttemptRows attempts, String root) {
        return KeyRange.of(engine, attempts, located(root));
    }

    private SqlPart located(String root) {
        return SqlPart.format(
                "%s AND enqueued_at >= %s", inTree(root), SqlPart.time("since", schema.earliestEventOf(root)));
    }

    /** The query {@link #locate} runs on the summary (the benchmark times it too). */
    public Query locateQuery(AttemptRows attempts, String root) {
        return KeyRange.query(attempts, located(root));
    }

    /** Every attempt of the tree of {@code root}, within its key range {@code where} (the benchmark times it too). */
    public Query attemptsQuery(AttemptRows attempts, String root, KeyRange where) {
        return SqlPart.format(
                        """
                SELECT call, attempt, fn, enq, container, queued, cb, ce, st, fin, cold, toString(status), '', gpu, gpus, cpus, mem_mib
                FROM (%s) ORDER BY call, attempt LIMIT %s""",
                        attempts.select(where.within(inTree(root)), where.since(schema.earliestEventOf(root))),
                        SqlPart.value("limit", "UInt32", MAX_CALLS * 4))
                .query();
    }

    /**
     * Each call of the tree of {@code root} with its parent, function and function name, within its key range (read
     * without FINAL: each column is a max over the call's rows) (the benchmark times it too).
     */
    public Query parentsQuery(AttemptRows attempts, String root, KeyRange where) {
        String table = attempts.summarized() ? attempts.summaryTable() : schema.relation();
        String column = attempts.summarized() || !schema.callscopeIds() ? "enqueued_at" : "event_at";
        SqlPart since = SqlPart.format(column + " >= %s", SqlPart.time("since", schema.earliestEventOf(root)));
        return SqlPart.format(
                        "SELECT function_call_id, max(parent_call_id), any(function_id), max(function_name) FROM %s"
                                + " WHERE %s GROUP BY function_call_id",
                        table,
                        where.within(SqlPart.format("%s AND %s AND function_call_id != ''", inTree(root), since)))
                .query();
    }

    /** The tree's calls, and each call's price per second (of its last attempt's resources). */
    private static List<CallTimeline> readCalls(RowCursor rows, Prices prices, Map<String, Double> price) {
        return CallRebuild.readCalls(
                rows,
                MAX_CALLS,
                r -> price.put(
                        r.getString(1),
                        prices.perSecond(r.getString(14), r.getInt(15), r.getDouble(16), r.getLong(17))));
    }
}
