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
import dev.callscope.timeline.CallAttempt;
import dev.callscope.timeline.CallRebuild;
import dev.callscope.timeline.CallStatus;
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
        Map<String, String> names = new HashMap<>();
        var read = engine.query(attemptsQuery(attempts, root, where), rows -> read(rows, prices, names));
        TreeCalls calls = read.value();
        return new Result(CallTree.of(root, calls, names, now), calls.size() >= MAX_CALLS, read.stats());
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
     * The tree's calls from rows ordered by call and attempt, in {@link #attemptsQuery}'s columns, at most
     * {@link #MAX_CALLS}: each attempt rebuilt as every view rebuilds one ({@link CallRebuild#readCalls}), with the
     * call's parent (a maximum over its rows), its price per second (of its last attempt's resources) and the
     * functions' names into {@code names}. Into columns, not objects ({@link TreeCalls}).
     */
    private static TreeCalls read(RowCursor r, Prices prices, Map<String, String> names) {
        TreeCalls.Builder calls = new TreeCalls.Builder();
        String call = null;
        while (calls.calls() <= MAX_CALLS && r.next()) {
            String id = r.getString(1);
            long enq = CallAttempt.nanos(r.getInstant(4));
            if (!id.equals(call)) {
                call = id;
                calls.call(id, r.getString(3), r.getString(18), 0, enq);
                String name = r.getString(19);
                if (!name.isEmpty()) {
                    names.putIfAbsent(r.getString(3), name);
                }
            } else {
                calls.enqueued(enq);
                if (calls.parent().isEmpty()) {
                    calls.parent(r.getString(18));
                }
            }
            Instant queued = r.getInstant(6);
            calls.attempt(
                    r.getInt(2),
                    r.getString(5),
                    queued != null && queued.getEpochSecond() > 0 ? CallAttempt.nanos(queued) : enq,
                    CallAttempt.nanos(r.getInstant(7)),
                    CallAttempt.nanos(r.getInstant(8)),
                    CallAttempt.nanos(r.getInstant(9)),
                    CallAttempt.nanos(r.getInstant(10)),
                    r.getBoolean(11),
                    CallStatus.of(r.getString(12)),
                    r.getString(13));
            calls.price(prices.perSecond(r.getString(14), r.getInt(15), r.getDouble(16), r.getLong(17)));
        }
        return calls.build(MAX_CALLS);
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
