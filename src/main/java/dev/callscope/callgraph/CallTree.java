package dev.callscope.callgraph;

import dev.callscope.time.EpochNanos;
import dev.callscope.timeline.CallAttempt;
import dev.callscope.timeline.CallTimeline;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
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

    private CallTree(List<Node> nodes, int[][] children, Instant now, int orphans, CallFacts facts, int[] callOf) {
        this.nodes = List.copyOf(nodes);
        this.children = children;
        this.now = now;
        this.orphans = orphans;
        int n = nodes.size();
        enqueueNanos = new long[n];
        queuedNanos = new long[n];
        endNanos = new long[n];
        ownBilled = new long[n];
        ownCost = new double[n];
        boolean[] failed = new boolean[n];
        for (int i = 0; i < n; i++) {
            int c = callOf[i];
            enqueueNanos[i] = facts.enqueued[c];
            queuedNanos[i] = facts.queued[c];
            endNanos[i] = facts.end[c];
            ownBilled[i] = facts.billed[c];
            ownCost[i] = facts.billed[c] / 1e9 * this.nodes.get(i).pricePerSecond();
            failed[i] = facts.failed[c];
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
        this.criticalPath = nodes.isEmpty() ? List.of() : critical();
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
        // by index, not by id: a 100k-call tree was built with about nine hash lookups a call
        int n = calls.size();
        CallIndex index = new CallIndex(calls);
        int[] parent = new int[n];
        for (int i = 0; i < n; i++) {
            int p = index.of(parents.get(i));
            parent[i] = p == i ? -1 : p;
        }
        int found = index.of(rootId);
        Integer rootIndex = found < 0 ? null : found;
        if (rootIndex == null) {
            // the root is the tree's name, not one of its calls (an OpenTelemetry trace id): its top call is the root
            Comparator<Integer> earliest = Comparator.comparing(
                            (Integer i) -> calls.get(i).enqueuedAt())
                    .thenComparing(i -> calls.get(i).callId());
            rootIndex = IntStream.range(0, n)
                    .filter(i -> parent[i] < 0)
                    .boxed()
                    .min(earliest)
                    .orElse(null);
            if (rootIndex == null) {
                return new CallTree(List.of(), new int[0][], now, 0, new CallFacts(List.of(), now), new int[0]);
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
        CallFacts facts = new CallFacts(calls, now);
        long[] enqueued = facts.enqueued;
        // a fan-out spawned at once ties on enqueue: calls in id order break the tie by index, not by string
        boolean byIndex = index.sorted();
        IntSort.IndexOrder order = (a, b) -> {
            int byEnqueue = Long.compare(enqueued[a], enqueued[b]);
            if (byEnqueue != 0) {
                return byEnqueue;
            }
            return byIndex
                    ? Integer.compare(a, b)
                    : calls.get(a).callId().compareTo(calls.get(b).callId());
        };
        List<Node> out = new ArrayList<>(n);
        FunctionNames functionNames = new FunctionNames(names);
        // depth-first without recursion: a 100k-call fan-out or a deep chain must not overflow the stack
        ArrayDeque<int[]> stack = new ArrayDeque<>(); // {call, depth, parent node}
        stack.push(new int[] {root, 0, -1});
        boolean[] seen = new boolean[n];
        int[] callOf = new int[n];
        while (!stack.isEmpty()) {
            int[] v = stack.pop();
            int call = v[0];
            if (seen[call]) {
                continue; // a cycle in bad data: each call once
            }
            seen[call] = true;
            int node = out.size();
            CallTimeline c = calls.get(call);
            String name = functionNames.of(c.functionId());
            callOf[node] = call;
            out.add(new Node(c, v[2] < 0 ? "" : out.get(v[2]).call().callId(), name, v[1], v[2], perSecond[call]));
            int[] mine = kids[call]; // each call is visited once: sorted in place
            IntSort.sort(mine, order);
            for (int k = mine.length - 1; k >= 0; k--) { // pushed last-first, so popped in enqueue order
                stack.push(new int[] {mine[k], v[1] + 1, node});
            }
        }
        int[] childCount = new int[out.size()];
        for (Node x : out) {
            if (x.parent() >= 0) {
                childCount[x.parent()]++;
            }
        }
        int[][] children = new int[out.size()][];
        for (int i = 0; i < out.size(); i++) {
            children[i] = childCount[i] == 0 ? NONE : new int[childCount[i]];
            childCount[i] = 0;
        }
        for (int i = 0; i < out.size(); i++) {
            int p = out.get(i).parent();
            if (p >= 0) {
                children[p][childCount[p]++] = i; // in depth-first order, which is enqueue order among siblings
            }
        }
        return new CallTree(out, children, now, orphans, facts, callOf);
    }

    /**
     * By call index, in epoch nanoseconds: enqueue, first attempt's queueing, end (bounded like
     * every view's) and billed time, and whether the final attempt failed. Read in one pass in the
     * calls' own order, the order they were read and allocated in: a 100k-call tree spent most of
     * its build reading times from objects visited in tree order, scattered over the heap.
     */
    private static final class CallFacts {
        final long[] enqueued;
        final long[] queued;
        final long[] end;
        final long[] billed;
        final boolean[] failed;

        CallFacts(List<CallTimeline> calls, Instant now) {
            int n = calls.size();
            enqueued = new long[n];
            queued = new long[n];
            end = new long[n];
            billed = new long[n];
            failed = new boolean[n];
            for (int i = 0; i < n; i++) {
                CallTimeline c = calls.get(i);
                enqueued[i] = EpochNanos.of(c.enqueuedAt());
                queued[i] = EpochNanos.of(c.attempts().getFirst().queuedAt());
                end[i] = EpochNanos.of(c.end(now));
                long b = 0;
                for (CallAttempt a : c.attempts()) {
                    b += a.billedNanos(now);
                }
                billed[i] = b;
                failed[i] = c.finalStatus().isFailure();
            }
        }
    }

    public List<Node> nodes() {
        return nodes;
    }

    public boolean isEmpty() {
        return nodes.isEmpty();
    }

    public int[] children(int node) {
        return children[node].clone();
    }

    public Totals totals(int node) {
        return new Totals(callsOf[node], failuresOf[node], lastOf[node] - firstOf[node], billedOf[node], costOf[node]);
    }

    /** A call's own numbers, without its children's (calls 1; wall: its enqueue to its end). */
    public Totals own(int node) {
        boolean failed = nodes.get(node).call().finalStatus().isFailure();
        return new Totals(1, failed ? 1 : 0, endNanos[node] - enqueueNanos[node], ownBilled[node], ownCost[node]);
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
        return nodes.get(node).call().end(now);
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
        return nodes.get(a).call().callId().compareTo(nodes.get(b).call().callId()) < 0;
    }

    /** The node of call {@code callId}, or -1 when the tree has no such call. */
    public int indexOf(String callId) {
        for (int i = 0; i < nodes.size(); i++) {
            if (nodes.get(i).call().callId().equals(callId)) {
                return i;
            }
        }
        return -1;
    }
}
