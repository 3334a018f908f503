package dev.callscope.callgraph;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * A tree's calls in depth-first order from its root, children by enqueue time: by node its call's index, depth,
 * parent node (-1 for the root) and function's name, each node's children, and how many calls had no parent among
 * them (they hang under the root, so no call of the tree is lost). When the root's id names the tree rather than
 * one of its calls (a trace id), the earliest call without a parent is the root.
 */
record DepthFirst(int[] callOf, int[] depth, int[] parent, String[] functionName, int[][] children, int orphans) {

    /**
     * The children of every leaf: one empty array, not one each. A loaded tree lives until the next, and the
     * collector copies every object of it while it is young (a 100k fan-out is 100k leaves).
     */
    private static final int[] NONE = new int[0];

    static DepthFirst of(String rootId, TreeCalls calls, Map<String, String> names) {
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
                return new DepthFirst(new int[0], new int[0], new int[0], new String[0], new int[0][], 0);
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
        return new DepthFirst(
                Arrays.copyOf(callOf, nodes),
                Arrays.copyOf(depthOf, nodes),
                Arrays.copyOf(parentOf, nodes),
                Arrays.copyOf(nameOf, nodes),
                children,
                orphans);
    }
}
