package dev.callscope.callgraph;

import dev.callscope.time.EpochNanos;
import dev.callscope.timeline.CallStatus;
import dev.callscope.timeline.CallTimeline;
import java.time.Duration;
import java.time.Instant;
import java.util.AbstractList;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.RandomAccess;
import java.util.stream.IntStream;

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

    /** One call in the tree. */
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

    /**
     * The children of every leaf: one empty array, not one each. A loaded tree lives until the next, and the
     * collector copies every object of it while it is young (a 100k fan-out is 100k leaves).
     */
    private static final int[] NONE = new int[0];

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

    private CallTree(TreeCalls calls, Order order, int[][] children, Instant now, int orphans) {
        this.calls = calls;
        this.callOf = order.callOf;
        this.depth = order.depth;
        this.parentNode = order.parent;
        this.functionName = order.functionName;
        this.children = children;
        this.now = now;
        this.orphans = orphans;
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

    /** The nodes in depth-first order: by node its call, depth, parent node and function's name. */
    private record Order(int[] callOf, int[] depth, int[] parent, String[] functionName) {}

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
        // by index, not by id: a 100k-call tree was built with about nine hash lookups a call
        int n = calls.size();
        CallIndex index = new CallIndex(calls);
        int[] parent = new int[n];
        for (int i = 0; i < n; i++) {
            int p = index.of(calls.parent(i));
            parent[i] = p == i ? -1 : p;
        }
        int found = index.of(rootId);
        Integer rootIndex = found < 0 ? null : found;
        if (rootIndex == null) {
            // the root is the tree's name, not one of its calls (an OpenTelemetry trace id): its top call is the root
            Comparator<Integer> earliest =
                    Comparator.comparingLong((Integer i) -> calls.enqueued(i)).thenComparing(calls::id);
            rootIndex = IntStream.range(0, n)
                    .filter(i -> parent[i] < 0)
                    .boxed()
                    .min(earliest)
                    .orElse(null);
            if (rootIndex == null) {
                Order none = new Order(new int[0], new int[0], new int[0], new String[0]);
                return new CallTree(calls, none, new int[0][], now, 0);
            }
        }
        int root = rootIndex;
        int orphans = 0;
        int[] count = new int[n];
        for (int i = 0; i < n; i++) {
            if (i == root) {
                continue;
            }
            if (parent[i] < 0) {
                orphans++;
                parent[i] = root; // a call whose parent is missing hangs under the root
            }
            count[parent[i]]++;
        }
        int[][] kids = new int[n][];
        for (int i = 0; i < n; i++) {
            kids[i] = count[i] == 0 ? NONE : new int[count[i]];
            count[i] = 0;
        }
        for (int i = 0; i < n; i++) {
            if (i != root) {
                kids[parent[i]][count[parent[i]]++] = i;
            }
        }
        // a fan-out spawned at once ties on enqueue: calls in id order break the tie by index, not by string
        boolean byIndex = index.sorted();
        IntSort.IndexOrder order = (a, b) -> {
            int byEnqueue = Long.compare(calls.enqueued(a), calls.enqueued(b));
            if (byEnqueue != 0) {
                return byEnqueue;
            }
            return byIndex ? Integer.compare(a, b) : calls.id(a).compareTo(calls.id(b));
        };
        FunctionNames functionNames = new FunctionNames(names);
        // depth-first without recursion: a 100k-call fan-out or a deep chain must not overflow the stack
        ArrayDeque<int[]> stack = new ArrayDeque<>(); // {call, depth, parent node}
        stack.push(new int[] {root, 0, -1});
        boolean[] seen = new boolean[n];
        int[] callOf = new int[n];
        int[] depthOf = new int[n];
        int[] parentOf = new int[n];
        String[] nameOf = new String[n];
        int nodes = 0;
        while (!stack.isEmpty()) {
            int[] v = stack.pop();
            int call = v[0];
            if (seen[call]) {
                continue; // a cycle in bad data: each call once
            }
            seen[call] = true;
            int node = nodes++;
            callOf[node] = call;
            depthOf[node] = v[1];
            parentOf[node] = v[2];
            nameOf[node] = functionNames.of(calls.function(call));
            int[] mine = kids[call]; // each call is visited once: sorted in place
            IntSort.sort(mine, order);
            for (int k = mine.length - 1; k >= 0; k--) { // pushed last-first, so popped in enqueue order
                stack.push(new int[] {mine[k], v[1] + 1, node});
            }
        }
        int[] childCount = new int[nodes];
        for (int i = 0; i < nodes; i++) {
            if (parentOf[i] >= 0) {
                childCount[parentOf[i]]++;
            }
        }
        int[][] children = new int[nodes][];
        for (int i = 0; i < nodes; i++) {
            children[i] = childCount[i] == 0 ? NONE : new int[childCount[i]];
            childCount[i] = 0;
        }
        for (int i = 0; i < nodes; i++) {
            int p = parentOf[i];
            if (p >= 0) {
                children[p][childCount[p]++] = i; // in depth-first order, which is enqueue order among siblings
            }
        }
        Order laidOut = new Order(
                Arrays.copyOf(callOf, nodes),
                Arrays.copyOf(depthOf, nodes),
                Arrays.copyOf(parentOf, nodes),
                Arrays.copyOf(nameOf, nodes));
        return new CallTree(calls, laidOut, children, now, orphans);
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
        return Instant.ofEpochSecond(0, enqueueNanos[node]);
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
        return Instant.ofEpochSecond(0, endNanos[node]);
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
