package dev.callscope.report;

import dev.callscope.batches.BatchJob;
import dev.callscope.batches.BatchProgress;
import dev.callscope.batches.BatchSummary;
import dev.callscope.callgraph.CallTree;
import dev.callscope.callgraph.Waterfall;
import dev.callscope.callgraph.WaterfallPainter;
import dev.callscope.chart.LineChartPainter;
import dev.callscope.chart.Palette;
import dev.callscope.chart.PdfSurface;
import dev.callscope.chart.Surface;
import dev.callscope.chart.TablePainter;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** The report's pages on batch jobs and on the slowest call tree, each drawn as its tab draws it. */
final class ReportSections {

    private static final double MARGIN = 36;

    private ReportSections() {}

    /** The jobs of the range (each counted whole) and the largest one's progress. */
    static void batches(PdfSurface pdf, ReportData d, Palette p, ZoneId zone) {
        pdf.text("Batch jobs", MARGIN, MARGIN, p.foreground(), 16, true, Surface.Align.LEFT);
        if (d.batches().isEmpty()) {
            pdf.text(
                    "No batch job had an input enqueued in this range.",
                    MARGIN,
                    MARGIN + 24,
                    p.muted(),
                    11,
                    false,
                    Surface.Align.LEFT);
            return;
        }
        DateTimeFormatter time = DateTimeFormatter.ofPattern("MM-dd HH:mm:ss").withZone(zone);
        List<List<String>> rows = new ArrayList<>();
        for (BatchSummary s : d.batches().stream().limit(8).toList()) {
            rows.add(List.of(
                    time.format(s.firstEnqueued()),
                    s.functionName(),
                    s.batchId(),
                    count(s.inputs()),
                    count(s.done()),
                    count(s.failed()),
                    count(s.pending()),
                    String.format(Locale.ROOT, "%.1f", s.throughput()),
                    s.pending() == 0
                            ? "done"
                            : s.eta() == null
                                    ? "—"
                                    : DateTimeFormatter.ofPattern("HH:mm:ss")
                                            .withZone(zone)
                                            .format(s.eta()),
                    duration(s.wall())));
        }
        double below = TablePainter.paint(
                pdf,
                MARGIN,
                MARGIN + 20,
                List.of("Started", "Function", "Job", "Inputs", "Done", "Failed", "Pending", "Inputs/s", "ETA", "Wall"),
                rows,
                new double[] {85, 110, 185, 60, 60, 50, 55, 55, 55, 55},
                new boolean[] {false, false, false, true, true, true, true, true, false, true},
                p,
                18);
        BatchJob job = d.largestJob();
        if (job == null) {
            return;
        }
        double top = below + 20;
        BatchJob.Percentiles run = job.run();
        double tail = job.stragglerShare();
        pdf.text(
                String.format(
                        Locale.ROOT,
                        "The largest: %s · %,d inputs · run of an input p50 %s, p90 %s, p99 %s%s",
                        job.batchId(),
                        job.inputs().size(),
                        ms(run.p50()),
                        ms(run.p90()),
                        ms(run.p99()),
                        Double.isNaN(tail)
                                ? ""
                                : String.format(
                                        Locale.ROOT,
                                        " · the last 1 %% of inputs took %.1f %% of the wall time",
                                        tail * 100)),
                MARGIN,
                top,
                p.foreground(),
                11,
                true,
                Surface.Align.LEFT);
        var chart = BatchProgress.of(job, p);
        Report.chart(pdf, top + 10, (s, w, h) -> LineChartPainter.paint(s, chart, w, h, p, zone, -1));
    }

    /** The call tree that took longest (with a call in the range), its fan-outs grouped, and its critical path. */
    static void callGraph(PdfSurface pdf, ReportData d, Palette p, ZoneId zone) {
        pdf.text("The slowest call tree", MARGIN, MARGIN, p.foreground(), 16, true, Surface.Align.LEFT);
        CallTree tree = d.slowestTree();
        if (tree == null || tree.isEmpty()) {
            pdf.text(
                    "No call of this range is in a call tree (no parent_call_id / root_call_id).",
                    MARGIN,
                    MARGIN + 24,
                    p.muted(),
                    11,
                    false,
                    Surface.Align.LEFT);
            return;
        }
        CallTree.Totals t = tree.totals(0);
        List<String> path = tree.criticalPath().stream()
                .map(i -> tree.nodes().get(i).functionName())
                .toList();
        pdf.text(
                String.format(
                        Locale.ROOT,
                        "%s (%s) · %,d calls · %,d failed · wall %s · billed %s",
                        tree.nodes().getFirst().call().callId(),
                        tree.nodes().getFirst().functionName(),
                        t.calls(),
                        t.failures(),
                        duration(t.wall()),
                        duration(t.billed())),
                MARGIN,
                MARGIN + 22,
                p.muted(),
                10,
                false,
                Surface.Align.LEFT);
        String critical = "critical path: " + String.join(" > ", path);
        pdf.text(
                critical.length() <= 160 ? critical : critical.substring(0, 159) + "…",
                MARGIN,
                MARGIN + 36,
                p.muted(),
                10,
                false,
                Surface.Align.LEFT);
        Waterfall w = Waterfall.of(tree, Set.of(), true);
        double width = Report.WIDTH - 2 * MARGIN;
        double height = Report.HEIGHT - MARGIN - (MARGIN + 50);
        var view = WaterfallPainter.View.fit(w, width, height);
        var drawing = WaterfallPainter.drawing(w, view, p, -1, zone);
        Report.chart(pdf, MARGIN + 50, drawing::paint);
    }

    private static String count(int v) {
        return String.format(Locale.ROOT, "%,d", v);
    }

    private static String ms(Duration d) {
        return d == null ? "—" : LineChartPainter.formatValue(d.toNanos() / 1e6, "ms");
    }

    private static String duration(Duration d) {
        return LineChartPainter.formatValue(d.toNanos() / 1e6, "ms");
    }
}
