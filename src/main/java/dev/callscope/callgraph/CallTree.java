package dev.callscope.callgraph;

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
    public record Totals(int calls, int failures, Duration wall, Duration billed, double cost) {}

    private final List<Node> nodes;
    private final int[][] children;
    private final Totals[] totals;
    /** Each subtree's first enqueue and last end (epoch nanoseconds), for its parent's wall time. */
    private final long[] firstOf;

    private final long[] lastOf;
    /** Each subtree's billed nanoseconds. */
    private final long[] billedOf;
    /** Each call's own billed time and cost, without its children's. */
    private final Totals[] own;

    private final List<Integer> criticalPath;
    private final Instant now;
    /** Each node's end, computed once (the critical path compares them many times), and in nanoseconds. */
    private final Instant[] ends;

    private final long[] endNanos;
    /** Calls whose parent is not in the tree (it was not found): shown under the root, counted as such. */
    private final int orphans;

    private CallTree(List<Node> nodes, int[][] children, Instant now, int orphans) {
        this.nodes = List.copyOf(nodes);
        this.children = children;
        this.now = now;
        this.orphans = orphans;
        this.ends = new Instant[nodes.size()];
        this.endNanos = new long[nodes.size()];
        for (int i = 0; i < ends.length; i++) {
            ends[i] = this.nodes.get(i).call().end(now);
            endNanos[i] = nanos(ends[i]);
        }
        this.totals = new Totals[nodes.size()];
        this.firstOf = new long[nodes.size()];
        this.lastOf = new long[nodes.size()];
        this.billedOf = new long[nodes.size()];
        this.own = new Totals[nodes.size()];
        for (int i = nodes.size() - 1; i >= 0; i--) {
            totals[i] = totalsOf(i);
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
                return new CallTree(List.of(), new int[0][], now, 0);
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
            kids[i] = new int[count[i]];
            count[i] = 0;
        }
        for (int i = 0; i < n; i++) {
            if (i != root) {
                kids[parent[i]][count[parent[i]]++] = i;
            }
        }
        long[] enqueued = new long[n];
        for (int i = 0; i < n; i++) {
            enqueued[i] = nanos(calls.get(i).enqueuedAt());
        }
        IntSort.IndexOrder order = (a, b) -> {
            int byEnqueue = Long.compare(enqueued[a], enqueued[b]);
            return byEnqueue != 0
                    ? byEnqueue
                    : calls.get(a).callId().compareTo(calls.get(b).callId());
        };
        List<Node> out = new ArrayList<>(n);
        String lastFunction = null;
        String lastName = null;
        // depth-first without recursion: a 100k-call fan-out or a deep chain must not overflow the stack
        ArrayDeque<int[]> stack = new ArrayDeque<>(); // {call, depth, parent node}
        stack.push(new int[] {root, 0, -1});
        boolean[] seen = new boolean[n];
        while (!stack.isEmpty()) {
            int[] v = stack.pop();
            int call = v[0];
            if (seen[call]) {
                continue; // a cycle in bad data: each call once
            }
            seen[call] = true;
            int node = out.size();
            CallTimeline c = calls.get(call);
            if (!c.functionId().equals(lastFunction)) { // siblings are mostly of one function
                lastFunction = c.functionId();
                lastName = names.getOrDefault(lastFunction, lastFunction);
            }
            String name = lastName;
            out.add(new Node(c, v[2] < 0 ? "" : out.get(v[2]).call().callId(), name, v[1], v[2], perSecond[call]));
            int[] mine = kids[call].clone();
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
            children[i] = new int[childCount[i]];
            childCount[i] = 0;
        }
        for (int i = 0; i < out.size(); i++) {
            int p = out.get(i).parent();
            if (p >= 0) {
                children[p][childCount[p]++] = i; // in depth-first order, which is enqueue order among siblings
            }
        }
        return new CallTree(out, children, now, orphans);
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
        return totals[node];
    }

    /** A call's own numbers, without its children's (calls 1; wall: its enqueue to its end). */
    public Totals own(int node) {
        return own[node];
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
        return ends[node];
    }

    /** Node {@code i}'s own numbers and its subtree's, from its children's (computed before it: leaves first). */
    private Totals totalsOf(int i) {
        CallTimeline c = nodes.get(i).call();
        long billed = 0;
        for (CallAttempt a : c.attempts()) {
            billed += a.coldStartTime(now).toNanos() + a.runTime(now).toNanos();
        }
        double cost = billed / 1e9 * nodes.get(i).pricePerSecond();
        int calls = 1;
        int failures = c.finalStatus().isFailure() ? 1 : 0;
        long first = nanos(c.enqueuedAt());
        long last = endNanos[i];
        own[i] = new Totals(1, failures, Duration.ofNanos(last - first), Duration.ofNanos(billed), cost);
        for (int k : children[i]) {
            Totals t = totals[k];
            calls += t.calls();
            failures += t.failures();
            billed += billedOf[k];
            cost += t.cost();
            first = Math.min(first, firstOf[k]);
            last = Math.max(last, lastOf[k]);
        }
        firstOf[i] = first;
        lastOf[i] = last;
        billedOf[i] = billed;
        return new Totals(calls, failures, Duration.ofNanos(last - first), Duration.ofNanos(billed), cost);
    }

    private static long nanos(Instant t) {
        return t.getEpochSecond() * 1_000_000_000L + t.getNano();
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
            Instant cursor = end(at);
            Instant start = nodes.get(at).call().enqueuedAt();
            int[] kids = children[at].clone();
            IntSort.sort(kids, (a, b) -> isLater(a, b) ? -1 : isLater(b, a) ? 1 : 0);
            for (int k : kids) {
                if (!end(k).isAfter(cursor) && end(k).isAfter(start)) {
                    todo.push(k);
                    cursor = nodes.get(k)
                            .call()
                            .enqueuedAt(); // before it was asked for, something else held the call up
                }
            }
        }
        path.sort(Comparator.comparing((Integer i) -> nodes.get(i).call().enqueuedAt())
                .thenComparing(i -> i));
        return List.copyOf(path);
    }

    private boolean isLater(int a, int b) {
        int byEnd = Long.compare(endNanos[a], endNanos[b]);
        if (byEnd != 0) {
            return byEnd > 0;
        }
        Instant sa = nodes.get(a).call().attempts().getFirst().queuedAt();
        Instant sb = nodes.get(b).call().attempts().getFirst().queuedAt();
        int byStart = sa.compareTo(sb);
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
