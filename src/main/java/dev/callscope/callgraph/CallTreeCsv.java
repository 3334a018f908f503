package dev.callscope.callgraph;

import dev.callscope.timeline.CallTimeline;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** A call tree as CSV: one row per call, depth first, with its stage times, cost, its subtree's totals and whether it is on the critical path. */
public final class CallTreeCsv {

    public static final List<String> HEADER = List.of(
            "call_id",
            "parent_call_id",
            "depth",
            "function",
            "status",
            "attempts",
            "enqueued_at",
            "ended_at",
            "queue_ms",
            "cold_start_ms",
            "run_ms",
            "end_to_end_ms",
            "billed_s",
            "cost_usd",
            "subtree_calls",
            "subtree_failures",
            "subtree_wall_ms",
            "subtree_billed_s",
            "subtree_cost_usd",
            "critical_path",
            "no_finish_event");

    private CallTreeCsv() {}

    public static void write(CallTree tree, OutputStream stream) throws IOException {
        Writer out = new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8));
        out.write(String.join(",", HEADER) + "\r\n");
        Set<Integer> critical = new HashSet<>(tree.criticalPath());
        for (int i = 0; i < tree.nodes().size(); i++) {
            CallTree.Node n = tree.nodes().get(i);
            CallTimeline c = n.call();
            CallTree.Totals own = tree.own(i);
            CallTree.Totals t = tree.totals(i);
            out.write(String.join(
                            ",",
                            c.callId(),
                            n.parentId(),
                            Integer.toString(n.depth()),
                            quote(n.functionName()),
                            c.finalStatus().label(),
                            Integer.toString(c.attempts().size()),
                            c.enqueuedAt().toString(),
                            c.last().noFinishEvent() ? "" : c.end(tree.now()).toString(),
                            Long.toString(c.queueTime(tree.now()).toMillis()),
                            Long.toString(c.coldStartTime(tree.now()).toMillis()),
                            Long.toString(c.runTime(tree.now()).toMillis()),
                            Long.toString(c.endToEnd(tree.now()).toMillis()),
                            seconds(own.billed()),
                            money(own.cost()),
                            Integer.toString(t.calls()),
                            Integer.toString(t.failures()),
                            Long.toString(t.wall().toMillis()),
                            seconds(t.billed()),
                            money(t.cost()),
                            Boolean.toString(critical.contains(i)),
                            Boolean.toString(c.last().noFinishEvent()))
                    + "\r\n");
        }
        out.flush();
    }

    private static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%.6f", d.toNanos() / 1e9);
    }

    private static String money(double v) {
        return String.format(Locale.ROOT, "%.8f", v);
    }

    private static String quote(String s) {
        return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }
}
