package dev.callscope.cli;

import dev.callscope.calls.EventSchema;
import dev.callscope.calls.FunctionDirectory;
import dev.callscope.chart.ChartFiles;
import dev.callscope.chart.Drawing;
import dev.callscope.chart.Palette;
import dev.callscope.cost.CostChart;
import dev.callscope.cost.CostQuery;
import dev.callscope.cost.PriceFiles;
import dev.callscope.cost.Prices;
import dev.callscope.engine.Engine;
import dev.callscope.functions.Scaling;
import dev.callscope.functions.ScalingChart;
import dev.callscope.logs.HistogramPainter;
import dev.callscope.logs.LogIndexProbe;
import dev.callscope.logs.LogSchema;
import dev.callscope.logs.search.SearchExpr;
import dev.callscope.logs.search.SearchParser;
import dev.callscope.logs.search.SearchSyntaxException;
import dev.callscope.performance.LatencyQuery;
import dev.callscope.performance.LatencySeries;
import dev.callscope.performance.Metric;
import dev.callscope.performance.PerformanceChart;
import dev.callscope.performance.Precision;
import dev.callscope.performance.Statistic;
import dev.callscope.platform.AtomicFiles;
import dev.callscope.time.DataNow;
import dev.callscope.time.TimeRange;
import dev.callscope.timeline.CallRebuild;
import dev.callscope.timeline.CallTimeline;
import dev.callscope.timeline.GanttDrawing;
import dev.callscope.timeline.GanttModel;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code callscope export}: draws a chart of the app with the app's own painters and writes it as
 * PNG, SVG, PDF or CSV, with no window (Java2D, SVG and PDF need no display).
 */
@Command(
        name = "export",
        mixinStandardHelpOptions = true,
        description = "Write a chart (as the app draws it) to PNG, SVG, PDF or CSV, without a window.")
final class ExportCommand implements Callable<Integer> {

    enum Chart {
        performance,
        scaling,
        durations,
        timeline,
        logs_histogram,
        log_patterns,
        call_graph,
        batch,
        cost
    }

    /** More buckets than this is no chart (a second's buckets over a year would exhaust the memory). */
    static final long MAX_BUCKETS = 100_000;

    @Mixin
    CommandSupport support;

    @Mixin
    FileOutputOptions output;

    @Parameters(
            index = "0",
            paramLabel = "CHART",
            description = "performance, scaling, durations, timeline, logs-histogram, "
                    + "log-patterns (CSV: one row per pattern of the search's matches), call-graph (--call's tree: the waterfall, or CSV: a row per call), "
                    + "batch (--batch's job: its progress chart, or CSV: a row per input) or cost.")
    String chartName;

    Chart chart;

    @Option(
            names = "--prices",
            paramLabel = "FILE",
            description = "cost: a price table as JSON (the app's Cost tab saves one); " + "default: example prices.")
    Path pricesFile;

    Prices priceTable = Prices.EXAMPLES;

    @Option(
            names = "--search",
            paramLabel = "TEXT",
            description = "logs-histogram and log-patterns: the Logs tab's search (default: every line).")
    String search = "";

    @Option(
            names = "--call",
            paramLabel = "ID",
            description = "call-graph: a call of the tree (any of its calls; the tree of its root is written).")
    String call;

    @Option(names = "--batch", paramLabel = "ID", description = "batch: the batch job (its ba- id).")
    String batch;

    @Option(
            names = "--function",
            paramLabel = "F",
            description = "Function id or name; repeat for several (performance). "
                    + "scaling, durations and timeline need exactly one.")
    List<String> functions = new ArrayList<>();

    @Option(
            names = "--bucket",
            paramLabel = "D",
            converter = DurationConverter.class,
            description = "Bucket width such as 1m or 1h (default: about 200 buckets).")
    Duration bucket;

    @Option(
            names = "--metric",
            defaultValue = "execution",
            description = "performance: execution, queue, cold-start or end-to-end (default: ${DEFAULT-VALUE}).")
    String metric;

    @Option(names = "--estimate", description = "performance: t-digest percentiles instead of exact ones.")
    boolean estimate;

    @Option(
            names = "--format",
            paramLabel = "FMT",
            description = "png, svg, csv or pdf (default: from the --out file's extension).")
    String format;

    @Option(names = "--scale", defaultValue = "1", description = "PNG pixel scale, 1 or 2 (default: ${DEFAULT-VALUE}).")
    int scale;

    @Option(
            names = "--width",
            defaultValue = "1200",
            description = "Width in pixels/points (default: ${DEFAULT-VALUE}).")
    int width;

    @Option(
            names = "--height",
            defaultValue = "600",
            description = "Height in pixels/points (default: ${DEFAULT-VALUE}).")
    int height;

    @Override
    public Integer call() {
        try {
            chart = Chart.valueOf(chartName.replace('-', '_'));
        } catch (IllegalArgumentException e) {
            return support.usageError(
                    "unknown chart '" + chartName
                            + "': use performance, scaling, durations, timeline, logs-histogram, log-patterns, call-graph, batch or cost");
        }
        String problem = output.problem();
        if (problem != null) {
            return support.usageError(problem);
        }
        String fmt = format != null ? format.toLowerCase(Locale.ROOT) : extension(output.out);
        if (!List.of("png", "svg", "csv", "pdf").contains(fmt)) {
            return support.usageError(
                    "--format must be png, svg, csv or pdf (or give --out a file with one of those extensions)");
        }
        if (chart == Chart.call_graph && (call == null || call.isBlank())) {
            return support.usageError("call-graph needs --call ID (any call of the tree)");
        }
        if (chart == Chart.batch && (batch == null || batch.isBlank())) {
            return support.usageError("batch needs --batch ID (a job's ba- id; the Batches tab lists them)");
        }
        if (chart == Chart.log_patterns && !fmt.equals("csv")) {
            return support.usageError(
                    "log-patterns is a table: write it as CSV (--format csv, or an --out file ending in .csv)");
        }
        if (scale != 1 && scale != 2) {
            return support.usageError("--scale must be 1 or 2");
        }
        if (width < 200 || height < 150 || width > 10_000 || height > 10_000) {
            return support.usageError("--width and --height must be between 200x150 and 10000x10000");
        }
        if (bucket != null && (bucket.toSeconds() < 1 || bucket.toNanos() % 1_000_000_000L != 0)) {
            return support.usageError("--bucket must be a whole number of seconds, at least 1s");
        }
        Metric m = Metric.ofOption(metric);
        if (m == null) {
            return support.usageError("--metric must be execution, queue, cold-start or end-to-end");
        }
        if (chart != Chart.performance
                && chart != Chart.logs_histogram
                && chart != Chart.log_patterns
                && chart != Chart.cost
                && chart != Chart.call_graph
                && chart != Chart.batch
                && functions.size() != 1) {
            return support.usageError(chart + " needs exactly one --function");
        }
        if (pricesFile != null) {
            try {
                priceTable = PriceFiles.read(pricesFile);
            } catch (IOException | IllegalArgumentException e) {
                return support.usageError("--prices " + pricesFile + ": " + PriceFiles.reason(e));
            }
        }
        support.quiet = output.quiet;
        return support.withEngine(engine -> run(engine, fmt, m, output.zone()));
    }

    private int run(Engine engine, String fmt, Metric m, ZoneId zone) {
        String database = output.database;
        EventSchema events;
        LogSchema logs;
        try {
            events = support.events(database);
            logs = support.logs(database);
        } catch (IllegalArgumentException | IllegalStateException e) {
            return support.usageError(e.getMessage());
        }
        FunctionDirectory directory = new FunctionDirectory(events);
        TimeRange range;
        try {
            range = output.range(
                    engine,
                    events,
                    chart == Chart.timeline
                            ? Duration.ofHours(1)
                            : chart == Chart.cost ? Duration.ofDays(7) : Duration.ofHours(24));
        } catch (IllegalArgumentException e) {
            return support.usageError(e.getMessage());
        }
        if (chart == Chart.call_graph) {
            return CallGraphExport.write(
                    support,
                    engine,
                    events,
                    call.strip(),
                    priceTable,
                    output.out,
                    output.quiet,
                    fmt,
                    width,
                    scale,
                    output.palette(),
                    zone);
        }
        if (chart == Chart.batch) {
            return BatchExport.write(
                    support,
                    engine,
                    events,
                    batch.strip(),
                    priceTable,
                    output.out,
                    output.quiet,
                    fmt,
                    width,
                    height,
                    scale,
                    output.palette(),
                    zone);
        }
        if (chart == Chart.log_patterns) {
            return LogPatternsExport.write(support, engine, logs, search, range, output.out, output.quiet);
        }
        if (bucket != null && range.duration().dividedBy(bucket) > MAX_BUCKETS) {
            return support.usageError("--bucket " + bucket.toSeconds() + "s makes more than " + MAX_BUCKETS
                    + " buckets of this range; choose a wider one");
        }
        // open attempts are drawn and counted up to the data's now (the newest event when it stopped), never past the
        // range
        Instant dataNow =
                chart == Chart.timeline ? DataNow.of(directory.newestEvent(engine), Instant.now()) : Instant.now();
        List<FunctionDirectory.FunctionInfo> known = directory.functions(engine, range.from(), range.to());
        List<FunctionDirectory.FunctionInfo> chosen = new ArrayList<>();
        for (String f : functions) {
            var match = known.stream()
                    .filter(k -> k.functionId().equalsIgnoreCase(f) || k.name().equalsIgnoreCase(f))
                    .findFirst();
            if (match.isEmpty()) {
                return support.usageError("no function named or with id '" + f + "' in " + events.qualifiedTable());
            }
            chosen.add(match.get());
        }
        Palette p = output.palette();
        progress("Querying " + chart + " for " + range.from() + " .. " + range.to() + "…");
        Drawing drawing = switch (chart) {
            case performance -> {
                Duration step = bucket != null ? bucket : LatencyQuery.step(range, 200);
                LatencySeries s = new LatencyQuery(events)
                        .series(
                                engine,
                                chosen.stream()
                                        .map(FunctionDirectory.FunctionInfo::functionId)
                                        .toList(),
                                m,
                                range,
                                step,
                                estimate ? Precision.APPROXIMATE : Precision.EXACT);
                String scope = chosen.isEmpty()
                        ? "all functions"
                        : chosen.size() == 1 ? chosen.getFirst().name() : chosen.size() + " functions";
                yield ChartFiles.of(
                        PerformanceChart.of(s, null, EnumSet.of(Statistic.P50, Statistic.P90, Statistic.P99), scope, p),
                        p,
                        zone);
            }
            case scaling -> {
                Duration step = bucket != null ? bucket : LatencyQuery.step(range, 150);
                var series =
                        new Scaling(events).series(engine, chosen.getFirst().functionId(), range, step);
                yield ChartFiles.of(ScalingChart.of(chosen.getFirst().name(), series, p), p, zone);
            }
            case durations -> {
                var hist =
                        new Scaling(events).durations(engine, chosen.getFirst().functionId(), range);
                yield ScalingChart.durationsDrawing(hist, p);
            }
            case logs_histogram -> {
                SearchExpr expr;
                try {
                    expr = SearchParser.parse(search);
                } catch (SearchSyntaxException e) {
                    yield null;
                }
                var schema = logs;
                var logSearch = LogIndexProbe.search(engine, schema);
                var histogram = bucket != null
                        ? logSearch.histogram(engine, expr, range, bucket)
                        : logSearch.histogram(engine, expr, range, 120);
                yield HistogramPainter.drawing(histogram, range, p, zone);
            }
            case cost -> {
                List<String> ids = chosen.stream()
                        .map(FunctionDirectory.FunctionInfo::functionId)
                        .toList();
                var days = new CostQuery(events).byDay(engine, range, ids, priceTable);
                yield CostChart.drawing(days, range, priceTable, p, zone);
            }
            case log_patterns, call_graph, batch -> throw new IllegalStateException("written on their own above");
            case timeline -> {
                List<CallTimeline> calls = new CallRebuild(events)
                        .forFunction(engine, chosen.getFirst().functionId(), range.from(), range.to(), 200_000)
                        .calls();
                GanttModel model = GanttModel.of(
                        calls, range.to().isBefore(dataNow) ? range.to() : dataNow, GanttModel.Grouping.BY_CALL);
                yield GanttDrawing.of(model, p, zone);
            }
        };
        if (drawing == null) {
            return support.usageError("the search does not read: " + searchProblem());
        }
        progress("Writing " + output.out + "…");
        try {
            AtomicFiles.write(output.out, o -> ChartFiles.writeTo(drawing, width, height, fmt, scale, o));
        } catch (IOException e) {
            return support.cannotWrite(output.out, e);
        } catch (IllegalArgumentException e) {
            return support.usageError(e.getMessage());
        }
        progress("Done.");
        return CommandSupport.OK;
    }

    private String searchProblem() {
        try {
            SearchParser.parse(search);
            return "";
        } catch (SearchSyntaxException e) {
            return e.getMessage() + " (at character " + (e.position() + 1) + ")";
        }
    }

    private static String extension(Path p) {
        String name = p.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    private void progress(String line) {
        if (!output.quiet) {
            support.err().println(line);
        }
    }
}
