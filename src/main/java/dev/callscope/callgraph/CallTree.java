package dev.callscope.callgraph;

import dev.callscope.time.EpochNanos;
import dev.callscope.timeline.CallStatus;
import dev.callscope.timeline.CallTimeline;
import java.time.Duration;
import java.time.Instant;
import java.util.AbstractList;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.RandomAccess;

/**
 * One call and every call it spawned, however deep: nodes in depth-first order (children by
 * enqueue time), with each subtree's totals and the critical path, computed once when built.
 *
 * <p>The <b>critical path</b> is the calls that decided the root's end, found by walking back from
 * it: the child that ended last before the root ended held it up until then; before that child was
 * enqueued, the child that ended last before that moment; and so on, and the same inside every child
 * taken (the way trace viewers such as Jaeger find it). A child still running after its parent ended
 * (spawned and not awaited) did not hold the parent up and is not on it. Ties go to the child that
 * was queued later, then to the smaller call id. The path is listed in the order its calls were enqueued.
 *
 * <p>Times of calls with no finish event run to {@code now}, bounded as every view bounds them
 * ({@link dev.callscope.calls.NoFinishEvent}). Billed time is each attempt's cold start and run, as the
 * Cost tab bills it; cost is billed time at the price of what the call reserved.
 */
public final class CallTree {

    /** One call in the tree, made when asked for ({@link #nodes}); the tree itself keeps columns. */
    public record Node(
            CallTimeline call, String parentId, String functionName, int depth, int parent, double pricePerSecond) {}

    /**
     * A subtree's totals: its calls, the ones whose final attempt failed, its wall time (first
     * enqueue to last end), the cold start and run time of all its attempts, and what that cost.
     */
    public record Totals(int calls, int failures, long wallNanos, long billedNanos, double cost) {
        public Duration wall() {
            return Duration.ofNanos(wallNanos);
        }

        public Duration billed() {
            return Duration.ofNanos(billedNanos);
        }
    }

    private final TreeCalls calls;
    /** By node: the index of its call among {@link #calls}, its depth, its parent node (-1 for the root), its function's name. */
    private final int[] callOf;

    private final int[] depth;
    private final int[] parentNode;
    private final String[] functionName;
    private final boolean[] failed;
    private final List<Node> nodes;
    private final int[][] children;
    /**
     * By node, in epoch nanoseconds: the call's enqueue, first attempt's queueing and end (bounded
     * like every view's); then its subtree's first enqueue, last end and billed time. Primitives
     * filled in one pass over the calls: a 100k-call tree spent most of its build on reading times
     * from objects scattered over the heap.
     */
    private final long[] enqueueNanos;

    private final long[] queuedNanos;
    private final long[] endNanos;
    private final long[] firstOf;
    private final long[] lastOf;
    private final long[] billedOf;
    /** By node: its own billed time and cost; its subtree's calls, failures and cost. */
    private final long[] ownBilled;

    private final double[] ownCost;
    private final int[] callsOf;
    private final int[] failuresOf;
    private final double[] costOf;

    private final List<Integer> criticalPath;
    private final Instant now;
    /** Calls whose parent is not in the tree (it was not found): shown under the root, counted as such. */
    private final int orphans;

    private CallTree(TreeCalls calls, DepthFirst order, Instant now) {
        this.calls = calls;
        this.callOf = order.callOf();
        this.depth = order.depth();
        this.parentNode = order.parent();
        this.functionName = order.functionName();
        this.children = order.children();
        this.now = now;
        this.orphans = order.orphans();
        this.nodes = new NodeList();
        int n = callOf.length;
        long nowNanos = EpochNanos.of(now);
        enqueueNanos = new long[n];
        queuedNanos = new long[n];
        endNanos = new long[n];
        ownBilled = new long[n];
        ownCost = new double[n];
        failed = new boolean[n];
        for (int i = 0; i < n; i++) {
            int c = callOf[i];
            enqueueNanos[i] = calls.enqueued(c);
            queuedNanos[i] = calls.firstQueued(c);
            endNanos[i] = calls.end(c, nowNanos);
            ownBilled[i] = calls.billed(c, nowNanos);
            ownCost[i] = ownBilled[i] / 1e9 * calls.perSecond(c);
            failed[i] = calls.finalStatus(c).isFailure();
        }
        firstOf = new long[n];
        lastOf = new long[n];
        billedOf = new long[n];
        callsOf = new int[n];
        failuresOf = new int[n];
        costOf = new double[n];
        for (int i = n - 1; i >= 0; i--) { // children come after their parent: leaves first
            sumSubtree(i, failed[i]);
        }
        this.criticalPath = n == 0 ? List.of() : critical();
    }

    /** The nodes as {@link Node}s, each made when asked for: the tree keeps columns ({@link TreeCalls}). */
    private final class NodeList extends AbstractList<Node> implements RandomAccess {
        @Override
        public Node get(int i) {
            int p = parentNode[i];
            return new Node(
                    calls.timeline(callOf[i]),
                    p < 0 ? "" : calls.id(callOf[p]),
                    functionName[i],
                    depth[i],
                    p,
                    calls.perSecond(callOf[i]));
        }

        @Override
        public int size() {
            return callOf.length;
        }
    }

    /**
     * Builds the tree rooted at {@code rootId} from its calls (in any order) and each call's parent.
     * A call whose parent is missing hangs under the root, so no call of the tree is lost. When
     * {@code rootId} names the tree rather than a call of it (a trace id), the earliest call without
     * a parent among them is the root.
     *
     * @param parents by call index, the id of the call that spawned it ('' for none)
     * @param names function names by function id (the id is shown when missing)
     * @param perSecond by call index, the dollars a second of what it reserved
     */
    public static CallTree of(
            String rootId,
            List<CallTimeline> calls,
            List<String> parents,
            Map<String, String> names,
            double[] perSecond,
            Instant now) {
        return of(rootId, TreeCalls.of(calls, parents, perSecond), names, now);
    }

    /** {@link #of(String, List, List, Map, double[], Instant)} of calls read as columns, with their parents and prices. */
    static CallTree of(String rootId, TreeCalls calls, Map<String, String> names, Instant now) {
        return new CallTree(calls, DepthFirst.of(rootId, calls, names), now);
    }

    public List<Node> nodes() {
        return nodes;
    }

    /** Node {@code node}'s call id, without making the node ({@link #nodes} makes each one asked for). */
    public String callId(int node) {
        return calls.id(callOf[node]);
    }

    /** Node {@code node}'s function's name (its id when the name is not known). */
    public String functionName(int node) {
        return functionName[node];
    }

    /** Node {@code node}'s parent node, -1 for the root. */
    public int parent(int node) {
        return parentNode[node];
    }

    public int depth(int node) {
        return depth[node];
    }

    /** When node {@code node}'s call was enqueued. */
    public Instant enqueuedAt(int node) {
        return EpochNanos.instant(enqueueNanos[node]);
    }

    /** Node {@code node}'s call's final status: its last attempt's. */
    public CallStatus finalStatus(int node) {
        return calls.finalStatus(callOf[node]);
    }

    /** Whether node {@code node}'s call's final attempt failed. */
    public boolean failed(int node) {
        return failed[node];
    }

    /** Node {@code node}'s enqueue to its end (or now, bounded): what its caller waited. */
    public Duration endToEnd(int node) {
        return Duration.ofNanos(endNanos[node] - enqueueNanos[node]);
    }

    /** The calls the nodes are made from, and which of them node {@code node} is: for this package's arrays. */
    TreeCalls calls() {
        return calls;
    }

    int callOf(int node) {
        return callOf[node];
    }

    public boolean isEmpty() {
        return callOf.length == 0;
    }

    public int[] children(int node) {
        return children[node].clone();
    }

    public Totals totals(int node) {
        return new Totals(callsOf[node], failuresOf[node], lastOf[node] - firstOf[node], billedOf[node], costOf[node]);
    }

    /** A call's own numbers, without its children's (calls 1; wall: its enqueue to its end). */
    public Totals own(int node) {
        return new Totals(1, failed[node] ? 1 : 0, endNanos[node] - enqueueNanos[node], ownBilled[node], ownCost[node]);
    }

    /** The critical path, root first, as node indices. */
    public List<Integer> criticalPath() {
        return criticalPath;
    }

    public Instant now() {
        return now;
    }

    /** Calls whose parent was not found among the tree's calls (placed under the root). */
    public int orphans() {
        return orphans;
    }

    /** Where a node's call ended (its last attempt), bounded like every view when it has no finish event. */
    public Instant end(int node) {
        return EpochNanos.instant(endNanos[node]);
    }

    /** Node {@code i}'s subtree totals, from its children's (computed before it). */
    private void sumSubtree(int i, boolean failed) {
        int calls = 1;
        int failures = failed ? 1 : 0;
        long billed = ownBilled[i];
        double cost = ownCost[i];
        long first = enqueueNanos[i];
        long last = endNanos[i];
        for (int k : children[i]) {
            calls += callsOf[k];
            failures += failuresOf[k];
            billed += billedOf[k];
            cost += costOf[k];
            first = Math.min(first, firstOf[k]);
            last = Math.max(last, lastOf[k]);
        }
        callsOf[i] = calls;
        failuresOf[i] = failures;
        billedOf[i] = billed;
        costOf[i] = cost;
        firstOf[i] = first;
        lastOf[i] = last;
    }

    /**
     * Walks back from each call's end: the child that ended last (by then) held it up until then;
     * before that child was enqueued, the child that ended last before it; and so on, and the same
     * inside each child taken. Without recursion, so a deep chain cannot overflow the stack.
     */
    private List<Integer> critical() {
        List<Integer> path = new ArrayList<>();
        ArrayDeque<Integer> todo = new ArrayDeque<>();
        todo.push(0);
        while (!todo.isEmpty()) {
            int at = todo.pop();
            path.add(at);
            long cursor = endNanos[at];
            long start = enqueueNanos[at];
            int[] kids = children[at].clone();
            IntSort.sort(kids, (a, b) -> isLater(a, b) ? -1 : isLater(b, a) ? 1 : 0);
            for (int k : kids) {
                if (endNanos[k] <= cursor && endNanos[k] > start) {
                    todo.push(k);
                    cursor = enqueueNanos[k]; // before it was asked for, something else held the call up
                }
            }
        }
        path.sort(Comparator.comparingLong((Integer i) -> enqueueNanos[i]).thenComparing(i -> i));
        return List.copyOf(path);
    }

    private boolean isLater(int a, int b) {
        int byEnd = Long.compare(endNanos[a], endNanos[b]);
        if (byEnd != 0) {
            return byEnd > 0;
        }
        int byStart = Long.compare(queuedNanos[a], queuedNanos[b]);
        if (byStart != 0) {
            return byStart > 0;
        }
        return callId(a).compareTo(callId(b)) < 0;
    }

    /** The node of call {@code callId}, or -1 when the tree has no such call. */
    public int indexOf(String callId) {
        for (int i = 0; i < callOf.length; i++) {
            if (callId(i).equals(callId)) {
                return i;
            }
        }
        return -1;
    }
}
