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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

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
        OwnKey call = ownKey(engine, callId);
        if (call == null) {
            return new Result(
                    CallTree.of(callId, List.of(), List.of(), Map.of(), new double[0], now), false, QueryStats.NONE);
        }
        String root = call.root().isEmpty() ? callId : call.root();
        OwnKey rootKey = root.equals(callId) ? call : ownKey(engine, root);
        AttemptRows attempts = AttemptRows.of(engine, schema);
        KeyRange where = locate(engine, attempts, root);
        if (rootKey != null) {
            where = where.with(rootKey.function(), rootKey.enqueued());
        }
        CallColumns columns = new CallColumns(prices);
        var read = engine.query(
                attemptsQuery(attempts, root, where), rows -> CallRebuild.readCalls(rows, MAX_CALLS, columns));
        List<CallTimeline> calls = read.value();
        return new Result(
                CallTree.of(root, calls, columns.parents(calls.size()), columns.names, columns.perSecond, now),
                calls.size() >= MAX_CALLS,
                read.stats());
    }

    /** A call's root (as its events name it), function and enqueue: where its own rows are in the summary. */
    private record OwnKey(String root, String function, Instant enqueued) {}

    /** {@code callId}'s {@link OwnKey} from its events, null when it has none. */
    private OwnKey ownKey(QueryExecutor engine, String callId) {
        return engine.query(
                        Query.of(
                                        "SELECT max(root_call_id), any(function_id), min(enqueued_at), count() FROM "
                                                + schema.relation()
                                                + " WHERE function_call_id = {c:String} AND event_at >= {since:DateTime64(6, 'UTC')}")
                                .bind("c", callId)
                                .bind("since", schema.earliestEventOf(callId)),
                        rows -> rows.next() && rows.getLong(4) > 0
                                ? new OwnKey(rows.getString(1), rows.getString(2), rows.getInstant(3))
                                : null)
                .value();
    }

    /**
     * What the tree needs beside each call's attempts, read from the same rows, by the call's index
     * (rows come ordered by call, so a new id is the next call): its parent, its price per second
     * (of its last attempt's resources) and the function names. Lists by index, not maps by id: a
     * 100k-call tree spent a third of its load hashing ids.
     */
    private static final class CallColumns implements Consumer<RowCursor> {
        private final Prices prices;
        private final List<String> parents = new ArrayList<>();
        private final Map<String, String> names = new HashMap<>();
        private double[] perSecond = new double[1024];
        private String call;

        CallColumns(Prices prices) {
            this.prices = prices;
        }

        @Override
        public void accept(RowCursor r) {
            String id = r.getString(1);
            if (!id.equals(call)) {
                call = id;
                parents.add(r.getString(18));
                String name = r.getString(19);
                if (!name.isEmpty()) {
                    names.putIfAbsent(r.getString(3), name);
                }
                if (parents.size() > perSecond.length) {
                    perSecond = Arrays.copyOf(perSecond, perSecond.length * 2);
                }
            } else if (parents.getLast().isEmpty()) {
                parents.set(parents.size() - 1, r.getString(18)); // as a max over the call's rows
            }
            perSecond[parents.size() - 1] =
                    prices.perSecond(r.getString(14), r.getInt(15), r.getDouble(16), r.getLong(17));
        }

        /** The first {@code n} calls' parents (the reader may have seen one call past its limit). */
        List<String> parents(int n) {
            return parents.subList(0, n);
        }
    }

    private static SqlPart inTree(String root) {
        SqlPart r = SqlPart.string("r", root);
        return SqlPart.format("(root_call_id = %1$s OR function_call_id = %1$s)", r);
    }

    /**
     * Where the calls of the tree of {@code root} keep their rows in the summary ({@link KeyRange}: its bloom filter
     * on {@code root_call_id}, without FINAL). The root itself may not name itself its root: its own key is added by
     * {@link #load} from its events, since an {@code OR function_call_id = …} here would stop the bloom filter
     * skipping anything (2.5M rows read instead of 205k at a 100k-call tree).
     */
    public KeyRange locate(QueryExecutor engine, AttemptRows attempts, String root) {
        return KeyRange.of(engine, attempts, located(root));
    }

    private SqlPart located(String root) {
        return SqlPart.format(
                "root_call_id = %s AND enqueued_at >= %s",
                SqlPart.string("r", root), SqlPart.time("since", schema.earliestEventOf(root)));
    }

    /** The query {@link #locate} runs on the summary (the benchmark times it too). */
    public Query locateQuery(AttemptRows attempts, String root) {
        return KeyRange.query(attempts, located(root));
    }

    /** Every attempt of the tree of {@code root}, within its key range {@code where} (the benchmark times it too). */
    public Query attemptsQuery(AttemptRows attempts, String root, KeyRange where) {
        return SqlPart.format(
                        """
                SELECT call, attempt, fn, enq, container, queued, cb, ce, st, fin, cold, toString(status), '', gpu, gpus, cpus,
                       mem_mib, parent, fn_name
                FROM (%s) ORDER BY call, attempt LIMIT %s""",
                        attempts.select(where.within(inTree(root)), where.since(schema.earliestEventOf(root))),
                        SqlPart.value("limit", "UInt32", MAX_CALLS * 4))
                .query();
    }
}
