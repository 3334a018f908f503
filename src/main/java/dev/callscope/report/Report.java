package dev.callscope.report;

import dev.callscope.batches.BatchJob;
import dev.callscope.batches.BatchQuery;
import dev.callscope.batches.BatchSummary;
import dev.callscope.callgraph.CallTreeQuery;
import dev.callscope.calls.EventField;
import dev.callscope.calls.EventSchema;
import dev.callscope.calls.FunctionDirectory;
import dev.callscope.chart.LineChartPainter;
import dev.callscope.chart.Palette;
import dev.callscope.chart.PdfSurface;
import dev.callscope.chart.Surface;
import dev.callscope.chart.TablePainter;
import dev.callscope.cost.Prices;
import dev.callscope.engine.Engine;
import dev.callscope.functions.FunctionRow;
import dev.callscope.functions.FunctionStats;
import dev.callscope.functions.Scaling;
import dev.callscope.functions.ScalingChart;
import dev.callscope.logs.LogSchema;
import dev.callscope.performance.LatencyQuery;
import dev.callscope.performance.Metric;
import dev.callscope.performance.PerformanceChart;
import dev.callscope.performance.Precision;
import dev.callscope.performance.Statistic;
import dev.callscope.time.DataNow;
import dev.callscope.time.TimeRange;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A PDF report for a function, an app or everything over a range: a first page with the title, range,
 * server and generation time and the latency percentiles; the scaling chart (one function); the
 * functions table; the most frequent error lines; the slowest calls with their stages; the batch jobs
 * of the range and the largest one's progress; the slowest call tree of the range.
 */
public final class Report {

    static final double WIDTH = 842; // A4 landscape, points
    /** The report shows times and counts, not money: example prices only order what needs a price. */
    private static final Prices PRICES = Prices.EXAMPLES;

    static final double HEIGHT = 595;
    private static final double MARGIN = 36;

    private Report() {}

    /**
     * Gathers the report's data from the call events {@code events} and the log lines {@code logs} (Callscope's tables
     * or a profile's mappings); {@code functionIds} empty means all functions. A part the mapping cannot give (no batch
     * or tree fields) is left empty, and its page says so.
     */
    public static ReportData gather(
            Engine engine,
            EventSchema events,
            LogSchema logs,
            String subject,
            List<String> functionIds,
            TimeRange range,
            Palette p) {
        List<FunctionRow> all = new FunctionStats(events).table(engine, range).rows();
        List<FunctionRow> rows = functionIds.isEmpty()
                ? all
                : all.stream().filter(r -> functionIds.contains(r.functionId())).toList();
        Map<String, String> names = new HashMap<>();
        all.forEach(r -> names.put(r.functionId(), r.name()));
        var latency = new LatencyQuery(events)
                .series(engine, functionIds, Metric.EXECUTION, range, LatencyQuery.step(range, 150), Precision.EXACT);
        var scaling = functionIds.size() == 1
                ? ScalingChart.of(
                        names.getOrDefault(functionIds.getFirst(), functionIds.getFirst()),
                        new Scaling(events)
                                .series(engine, functionIds.getFirst(), range, LatencyQuery.step(range, 150)),
                        p)
                : null;
        List<ReportData.SlowCall> slowest = ReportQueries.slowest(engine, events, functionIds, range, names, 15);
        Instant now = DataNow.of(new FunctionDirectory(events).newestEvent(engine), Instant.now());
        List<BatchSummary> batches = List.of();
        BatchJob largest = null;
        if (events.has(EventField.BATCH)) {
            var batchQuery = new BatchQuery(events);
            batches = batchQuery.list(engine, range, now, PRICES).stream()
                    .filter(b -> functionIds.isEmpty() || functionIds.contains(b.functionId()))
                    .toList();
            largest = batches.stream()
                    .max(Comparator.comparingInt(BatchSummary::inputs))
                    .map(b -> batchQuery.load(engine, b.batchId(), now, PRICES).job())
                    .orElse(null);
        }
        String root = events.has(EventField.ROOT_CALL)
                ? ReportQueries.slowestTreeRoot(engine, events, functionIds, range)
                : null;
        var tree = root == null
                ? null
                : new CallTreeQuery(events).load(engine, root, now, PRICES).tree();
        return new ReportData(
                subject,
                range,
                engine.info().describe(),
                Instant.now(),
                rows,
                latency,
                scaling,
                ReportQueries.topErrors(engine, logs, functionIds, range, 15),
                slowest,
                batches,
                largest,
                tree);
    }

    /** Writes the report as PDF; returns the number of pages. */
    public static int writePdf(ReportData d, Palette p, ZoneId zone, OutputStream out) throws IOException {
        DateTimeFormatter time = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(zone);
        try (PdfSurface pdf = new PdfSurface()) {
            // 1: title and latency
            page(pdf, p);
            pdf.text("Callscope report: " + d.subject(), MARGIN, MARGIN, p.foreground(), 20, true, Surface.Align.LEFT);
            pdf.text(
                    "Range " + time.format(d.range().from()) + " to "
                            + time.format(d.range().to()) + " (" + zone.getId() + ")",
                    MARGIN,
                    MARGIN + 24,
                    p.muted(),
                    11,
                    false,
                    Surface.Align.LEFT);
            pdf.text("Server: " + d.server(), MARGIN, MARGIN + 40, p.muted(), 11, false, Surface.Align.LEFT);
            pdf.text(
                    "Generated " + time.format(d.generatedAt()) + " (" + zone.getId() + ")",
                    MARGIN,
                    MARGIN + 56,
                    p.muted(),
                    11,
                    false,
                    Surface.Align.LEFT);
            long calls = d.functions().stream().mapToLong(FunctionRow::calls).sum();
            long failed = d.functions().stream()
                    .mapToLong(r -> r.failures() + r.timeouts() + r.otherFailures())
                    .sum();
            pdf.text(
                    String.format(
                            Locale.ROOT,
                            "%,d calls finished · %,d failed (%.2f %%) · %d functions",
                            calls,
                            failed,
                            calls == 0 ? 0 : 100.0 * failed / calls,
                            d.functions().size()),
                    MARGIN,
                    MARGIN + 80,
                    p.foreground(),
                    12,
                    true,
                    Surface.Align.LEFT);
            chart(
                    pdf,
                    130,
                    (s, w, h) -> LineChartPainter.paint(
                            s,
                            PerformanceChart.of(
                                    d.latency(),
                                    null,
                                    EnumSet.of(Statistic.P50, Statistic.P90, Statistic.P99),
                                    d.subject(),
                                    p),
                            w,
                            h,
                            p,
                            zone,
                            -1));
            // 2: scaling (one function)
            if (d.scaling() != null) {
                page(pdf, p);
                chart(pdf, MARGIN, (s, w, h) -> LineChartPainter.paint(s, d.scaling(), w, h, p, zone, -1));
            }
            // 3: functions table
            page(pdf, p);
            pdf.text("Functions", MARGIN, MARGIN, p.foreground(), 16, true, Surface.Align.LEFT);
            List<List<String>> rows = new ArrayList<>();
            for (FunctionRow r : d.functions().stream().limit(24).toList()) {
                rows.add(List.of(
                        r.name(),
                        r.appName(),
                        r.gpuType(),
                        String.format(Locale.ROOT, "%,d", r.calls()),
                        String.format(Locale.ROOT, "%.2f %%", 100 * r.failureRate()),
                        ms(r.p50ExecutionMs()),
                        ms(r.p99ExecutionMs()),
                        ms(r.p99QueueMs()),
                        String.format(Locale.ROOT, "%.1f %%", 100 * r.coldStartShare())));
            }
            TablePainter.paint(
                    pdf,
                    MARGIN,
                    MARGIN + 20,
                    List.of("Function", "App", "GPU", "Calls", "Fail %", "p50 run", "p99 run", "p99 queue", "Cold %"),
                    rows,
                    new double[] {170, 110, 60, 80, 70, 75, 75, 75, 60},
                    new boolean[] {false, false, false, true, true, true, true, true, true},
                    p,
                    19);
            // 4: errors
            page(pdf, p);
            pdf.text("Most frequent error lines", MARGIN, MARGIN, p.foreground(), 16, true, Surface.Align.LEFT);
            List<List<String>> errors = new ArrayList<>();
            for (ReportData.ErrorLine e : d.topErrors()) {
                errors.add(List.of(
                        String.format(Locale.ROOT, "%,d", e.count()),
                        e.example().replaceAll("\\s+", " ")));
            }
            if (errors.isEmpty()) {
                pdf.text(
                        "No error or critical line in this range (or no logs table on this connection).",
                        MARGIN,
                        MARGIN + 24,
                        p.muted(),
                        11,
                        false,
                        Surface.Align.LEFT);
            } else {
                TablePainter.paint(
                        pdf,
                        MARGIN,
                        MARGIN + 20,
                        List.of("Count", "Kind of line (numbers, ids and paths as placeholders)"),
                        errors,
                        new double[] {70, WIDTH - 2 * MARGIN - 70},
                        new boolean[] {true, false},
                        p,
                        24);
            }
            // 5: slowest calls
            page(pdf, p);
            pdf.text("Slowest calls (end to end)", MARGIN, MARGIN, p.foreground(), 16, true, Surface.Align.LEFT);
            List<List<String>> slow = new ArrayList<>();
            for (ReportData.SlowCall c : d.slowest()) {
                slow.add(List.of(
                        c.callId(),
                        c.function(),
                        c.status(),
                        ms(c.endToEndMs()),
                        ms(c.queueMs()),
                        ms(c.coldStartMs()),
                        ms(c.runMs())));
            }
            TablePainter.paint(
                    pdf,
                    MARGIN,
                    MARGIN + 20,
                    List.of("Call", "Function", "Status", "End to end", "Queued", "Cold start", "Running"),
                    slow,
                    new double[] {220, 130, 80, 85, 85, 85, 85},
                    new boolean[] {false, false, false, true, true, true, true},
                    p,
                    24);
            // 6: batch jobs; 7: the slowest call tree
            page(pdf, p);
            ReportSections.batches(pdf, d, p, zone);
            page(pdf, p);
            ReportSections.callGraph(pdf, d, p, zone);
            int pages = pdf.pages();
            pdf.write(out);
            return pages;
        }
    }

    interface ChartPaint {
        void paint(Surface s, double w, double h);
    }

    private static void page(PdfSurface pdf, Palette p) {
        pdf.newPage(WIDTH, HEIGHT);
        pdf.fillRect(0, 0, WIDTH, HEIGHT, p.background(), 1);
    }

    /** Draws a chart in the rest of the page below {@code top}. */
    static void chart(PdfSurface pdf, double top, ChartPaint paint) {
        pdf.clip(MARGIN, top, WIDTH - 2 * MARGIN, HEIGHT - top - MARGIN);
        Surface shifted = new Translated(pdf, MARGIN, top);
        paint.paint(shifted, WIDTH - 2 * MARGIN, HEIGHT - top - MARGIN);
        pdf.restore();
    }

    private static String ms(double v) {
        return Double.isNaN(v) ? "—" : LineChartPainter.formatValue(v, "ms");
    }
}
