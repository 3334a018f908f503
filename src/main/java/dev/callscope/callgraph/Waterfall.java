package dev.callscope.callgraph;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A call tree laid out as rows for the waterfall: depth first, each call a row, except that the
 * children of one call that share a function, when there are at least {@link #FAN_OUT} of them,
 * show as one row (a fan-out of 10,000 embed calls is one line with its distribution) until
 * expanded. Built off the FX thread; drawing only reads it.
 */
public final class Waterfall {

    /** Siblings of one function from this many on are one row until expanded. */
    public static final int FAN_OUT = 10;

    /**
     * One row: a call ({@code node} ≥ 0, {@code members} empty) or a collapsed group of sibling
     * calls of one function ({@code node} the first of them, {@code members} all of them).
     */
    public record Row(int node, int depth, int[] members, boolean critical) {
        public boolean isGroup() {
            return members.length > 0;
        }
    }

    /** A group's spread: how many, how many failed, and the nearest-rank p50 / p90 / max of their end-to-end times. */
    public record Spread(int calls, int failures, Duration p50, Duration p90, Duration max) {}

    private final CallTree tree;
    private final List<Row> rows;
    /**
     * Each row's span and spread, computed here (off the FX thread) once rather than on every
     * painted frame: a group of 10,000 calls would be scanned and sorted at each pan.
     */
    private final Map<Row, Instant> starts = new IdentityHashMap<>();

    private final Map<Row, Instant> ends = new IdentityHashMap<>();
    private final Map<Row, Spread> spreads = new IdentityHashMap<>();
    private final Map<Row, FanOutBars> bars = new IdentityHashMap<>();

    private Waterfall(CallTree tree, List<Row> rows) {
        this.tree = tree;
        this.rows = List.copyOf(rows);
        for (Row r : this.rows) {
            starts.put(r, firstEnqueue(r));
            ends.put(r, lastEnd(r));
            if (r.isGroup()) {
                spreads.put(r, spreadOf(r));
                bars.put(r, FanOutBars.of(tree, r.members()));
            }
        }
    }

    /**
     * @param expanded groups opened by the user, by {@link #groupKey}
     * @param collapse whether fan-outs are grouped at all
     */
    public static Waterfall of(CallTree tree, Set<String> expanded, boolean collapse) {
        List<Row> out = new ArrayList<>();
        if (tree.isEmpty()) {
            return new Waterfall(tree, out);
        }
        Set<Integer> critical = new HashSet<>(tree.criticalPath());
        // depth first without recursion; an item is a call to lay out (and its children) or a group row
        record Item(int node, Row group) {}
        ArrayDeque<Item> stack = new ArrayDeque<>();
        stack.push(new Item(0, null));
        while (!stack.isEmpty()) {
            Item item = stack.pop();
            if (item.group() != null) {
                out.add(item.group());
                continue;
            }
            int n = item.node();
            int depth = tree.depth(n);
            out.add(new Row(n, depth, new int[0], critical.contains(n)));
            Map<String, List<Integer>> byFunction = new LinkedHashMap<>();
            for (int k : tree.children(n)) {
                byFunction
                        .computeIfAbsent(tree.functionName(k), f -> new ArrayList<>())
                        .add(k);
            }
            // the children in order, a group in place of its first member
            List<Item> items = new ArrayList<>();
            Set<String> placed = new HashSet<>();
            for (int k : tree.children(n)) {
                String f = tree.functionName(k);
                List<Integer> same = byFunction.get(f);
                if (!collapse || same.size() < FAN_OUT || expanded.contains(groupKey(tree, n, f))) {
                    items.add(new Item(k, null));
                } else if (placed.add(f)) {
                    int[] members = same.stream().mapToInt(Integer::intValue).toArray();
                    boolean onPath = Arrays.stream(members).anyMatch(critical::contains);
                    items.add(new Item(-1, new Row(members[0], depth + 1, members, onPath)));
                }
            }
            for (int i = items.size() - 1; i >= 0; i--) {
                stack.push(items.get(i));
            }
        }
        return new Waterfall(tree, out);
    }

    /** A group's identity across rebuilds: its parent's call id and its function. */
    public static String groupKey(CallTree tree, int parent, String function) {
        return tree.callId(parent) + "/" + function;
    }

    /** The key of a group row (its parent and function), for expanding it. */
    public String groupKey(Row r) {
        return groupKey(tree, tree.parent(r.node()), tree.functionName(r.node()));
    }

    public CallTree tree() {
        return tree;
    }

    public List<Row> rows() {
        return rows;
    }

    /** The earliest enqueue and the latest end of a row's call or calls. */
    public Instant start(Row r) {
        return starts.get(r);
    }

    public Instant end(Row r) {
        return ends.get(r);
    }

    /** A group's runs, to draw as a density. */
    FanOutBars bars(Row r) {
        return bars.get(r);
    }

    /** A group's calls, and the spread of their end-to-end times (a single call's, for a call's row). */
    public Spread spread(Row r) {
        Spread s = spreads.get(r);
        return s != null ? s : spreadOf(r);
    }

    private Instant firstEnqueue(Row r) {
        Instant s = null;
        for (int n : members(r)) {
            Instant e = tree.enqueuedAt(n);
            s = s == null || e.isBefore(s) ? e : s;
        }
        return s;
    }

    private Instant lastEnd(Row r) {
        Instant s = null;
        for (int n : members(r)) {
            Instant e = tree.end(n);
            s = s == null || e.isAfter(s) ? e : s;
        }
        return s;
    }

    private Spread spreadOf(Row r) {
        int[] m = members(r);
        Duration[] d = new Duration[m.length];
        int failures = 0;
        for (int i = 0; i < m.length; i++) {
            d[i] = tree.endToEnd(m[i]);
            failures += tree.failed(m[i]) ? 1 : 0;
        }
        Arrays.sort(d);
        return new Spread(m.length, failures, rank(d, 0.5), rank(d, 0.9), d[d.length - 1]);
    }

    private static Duration rank(Duration[] sorted, double q) {
        int i = (int) Math.ceil(q * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }

    private static int[] members(Row r) {
        return r.isGroup() ? r.members() : new int[] {r.node()};
    }

    /** The function of {@code r}'s call (a fan-out's: its calls'). */
    public String functionOf(Row r) {
        return tree.functionName(r.node());
    }

    /**
     * The rows whose function or call id contains {@code lowerCaseText} (case ignored); a fan-out
     * matches when any call in it does.
     */
    public BitSet rowsMatching(String lowerCaseText) {
        BitSet found = new BitSet();
        for (int i = 0; i < rows.size(); i++) {
            Row r = rows.get(i);
            int[] members = r.isGroup() ? r.members() : new int[] {r.node()};
            for (int m : members) {
                if (tree.functionName(m).toLowerCase(Locale.ROOT).contains(lowerCaseText)
                        || tree.callId(m).toLowerCase(Locale.ROOT).contains(lowerCaseText)) {
                    found.set(i);
                    break;
                }
            }
        }
        return found;
    }

    /** A layout that shows one call on a row of its own, and the fan-outs opened for it. */
    public record Showing(Waterfall waterfall, Set<String> opened, int row) {}

    /**
     * The layout of {@code tree} with the fan-outs that hold {@code callId} opened (outermost first)
     * so that it has a row of its own; {@code row} is that row, or -1 when the tree has no such call.
     * A fan-out inside a fan-out opens one level at a time, so this lays the tree out once per level.
     */
    public static Showing showing(CallTree tree, String callId, Set<String> expanded, boolean collapse) {
        int target = tree.indexOf(callId);
        Set<String> open = new LinkedHashSet<>(expanded);
        while (true) {
            Waterfall w = of(tree, open, collapse);
            Row holder = target < 0
                    ? null
                    : w.rows().stream()
                            .filter(r ->
                                    r.isGroup() && Arrays.stream(r.members()).anyMatch(m -> m == target))
                            .findFirst()
                            .orElse(null);
            if (holder == null || !open.add(w.groupKey(holder))) {
                return new Showing(w, open, target < 0 ? -1 : w.rowOf(target));
            }
        }
    }

    /** The row showing call {@code node} on its own, or -1 (inside a closed fan-out, or absent). */
    public int rowOf(int node) {
        for (int i = 0; i < rows.size(); i++) {
            if (!rows.get(i).isGroup() && rows.get(i).node() == node) {
                return i;
            }
        }
        return -1;
    }
}
