package dev.callscope.ui.performance;

import dev.callscope.calls.EventSchema;
import dev.callscope.calls.FunctionDirectory;
import dev.callscope.calls.FunctionDirectory.FunctionInfo;
import dev.callscope.chart.LineChart;
import dev.callscope.chart.Palette;
import dev.callscope.engine.Engine;
import dev.callscope.engine.QueryStats;
import dev.callscope.performance.LatencyQuery;
import dev.callscope.performance.LatencySeries;
import dev.callscope.performance.Metric;
import dev.callscope.performance.PerformanceChart;
import dev.callscope.performance.Precision;
import dev.callscope.performance.Statistic;
import dev.callscope.schema.Schema;
import dev.callscope.time.TimeRange;
import dev.callscope.time.TimeSpec;
import dev.callscope.ui.common.BackgroundExport;
import dev.callscope.ui.common.ChartCanvas;
import dev.callscope.ui.common.ExportMenu;
import dev.callscope.ui.common.FunctionsPicker;
import dev.callscope.ui.common.LatestTaskRunner;
import dev.callscope.ui.common.RangeField;
import dev.callscope.ui.common.TimeZoneChoice;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

/**
 * The Performance tab: percentile curves of one latency for one, several or all functions, per
 * time bucket. Queries run in the background; toggling series only redraws.
 */
public final class PerformanceView extends BorderPane {

    /** The call events the view reads (Callscope's own until the window says otherwise). */
    private EventSchema events = EventSchema.canonical(Schema.DATABASE);

    private static final List<String> BUCKETS = List.of("auto", "1m", "5m", "15m", "1h");

    private final TimeZoneChoice zone;
    private final Consumer<QueryStats> statsSink;
    private final LatestTaskRunner setup;
    private final LatestTaskRunner queries;
    private final LatestTaskRunner exports;
    private final FunctionsPicker functions;
    private final ComboBox<Metric> metric = new ComboBox<>();
    private final RangeField rangeBox;
    private final ComboBox<String> bucket = new ComboBox<>();
    private final ToggleButton exact = new ToggleButton("Exact");
    private final CheckBox compare = new CheckBox("Previous period");
    private final Map<Statistic, CheckBox> shown = new EnumMap<>(Statistic.class);
    private final Label status = new Label("Not connected.");
    private final ChartCanvas chart;

    private Engine engine;
    private LatencySeries current;
    private LatencySeries previous;
    private String scope = "all functions";
    private boolean dark;

    public PerformanceView(ExecutorService executor, TimeZoneChoice zone, Consumer<QueryStats> statsSink) {
        this.zone = zone;
        this.statsSink = statsSink;
        this.setup = new LatestTaskRunner(executor, Platform::runLater);
        this.queries = new LatestTaskRunner(executor, Platform::runLater);
        this.exports = new LatestTaskRunner(executor, Platform::runLater);
        this.chart = new ChartCanvas(zone, "perf-chart");
        this.rangeBox = new RangeField("perf-range", zone, Duration.ofHours(24), this::load, status::setText);
        this.functions = new FunctionsPicker("perf-functions", 240, this::load);
        setId("performance-view");

        metric.setId("perf-metric");
        metric.getItems().setAll(Metric.values());
        metric.setValue(Metric.EXECUTION);
        metric.setConverter(new StringConverter<>() {
            @Override
            public String toString(Metric m) {
                return m == null ? "" : m.label();
            }

            @Override
            public Metric fromString(String s) {
                return null;
            }
        });
        metric.setOnAction(e -> load());
        bucket.setId("perf-bucket");
        bucket.getItems().setAll(BUCKETS);
        bucket.setValue("auto");
        bucket.setTooltip(new Tooltip("Bucket width (auto: about 200 points over the range)"));
        bucket.setOnAction(e -> load());
        exact.setId("perf-precision");
        exact.setSelected(true);
        exact.setTooltip(new Tooltip("On: quantilesExact. Off: t-digest estimates (faster on long ranges)."));
        exact.setOnAction(e -> load());
        compare.setId("perf-compare");
        compare.setOnAction(e -> load());
        HBox toggles = new HBox(10);
        toggles.setAlignment(Pos.CENTER_LEFT);
        for (Statistic s : Statistic.values()) {
            CheckBox box = new CheckBox(s.label());
            box.setId("perf-" + s.label());
            box.setSelected(s.isPercentile());
            box.setOnAction(e -> redraw()); // no query: the values are already here
            shown.put(s, box);
            toggles.getChildren().add(box);
        }
        MenuButton export = ExportMenu.create(
                "perf-export",
                "Export",
                "callscope-performance",
                true,
                this,
                (path, format, scale) -> export(path, format, scale, null));
        HBox controls = new HBox(8, functions, metric, rangeBox, bucket, exact, compare, export);
        controls.setAlignment(Pos.CENTER_LEFT);
        status.setId("perf-status");
        status.getStyleClass().add("text-muted");
        VBox top = new VBox(6, controls, new HBox(16, toggles, status));
        top.setPadding(new Insets(8, 10, 6, 10));
        setTop(top);
        setCenter(chart);
        BorderPane.setMargin(chart, new Insets(0, 10, 10, 10));
    }

    public void setDark(boolean dark) {
        this.dark = dark;
        chart.setPalette(Palette.of(dark));
        redraw();
    }

    /** Where the call events are (Callscope's table or a mapping); takes effect at the next {@code setEngine}. */
    public void setEvents(EventSchema events) {
        this.events = events;
    }

    public void setEngine(Engine engine) {
        this.engine = engine;
        setup.cancel();
        queries.cancel();
        current = null;
        previous = null;
        chart.show((LineChart) null);
        if (engine == null) {
            status.setText("Not connected.");
            return;
        }
        status.setText("Finding functions…"); // a slow server must not leave "Not connected." showing
        FunctionDirectory directory = new FunctionDirectory(events);
        setup.submit(
                engine,
                s -> directory.recent(s, Duration.ofHours(24)),
                found -> {
                    rangeBox.setNewestData(found.end());
                    // after a reconnect the same functions stay chosen
                    Set<String> chosen = new HashSet<>();
                    functions.getCheckModel().getCheckedItems().forEach(f -> chosen.add(f.functionId()));
                    functions.getItems().setAll(found.functions());
                    found.functions().stream()
                            .filter(f -> chosen.contains(f.functionId()))
                            .forEach(f -> functions.getCheckModel().check(f));
                    load();
                },
                error -> status.setText("Could not read the events table: " + error));
    }

    private void load() {
        if (engine == null || !rangeBox.knowsData()) {
            return;
        }
        List<FunctionInfo> checked = List.copyOf(functions.getCheckModel().getCheckedItems());
        List<String> ids = checked.stream().map(FunctionInfo::functionId).toList();
        scope = checked.isEmpty()
                ? "all functions"
                : checked.size() == 1 ? checked.getFirst().name() : checked.size() + " functions";
        TimeRange range = rangeBox.range();
        Duration step = bucket.getValue().equals("auto")
                ? LatencyQuery.step(range, 200)
                : TimeSpec.parse(bucket.getValue(), zone.zone(), Instant.now()) instanceof TimeSpec.Last l
                        ? l.span()
                        : LatencyQuery.step(range, 200);
        Metric m = metric.getValue();
        Precision precision = exact.isSelected() ? Precision.EXACT : Precision.APPROXIMATE;
        boolean withPrevious = compare.isSelected();
        LatencyQuery query = new LatencyQuery(events);
        status.setText("Computing…");
        long started = System.nanoTime();
        queries.submit(
                engine,
                s -> {
                    LatencySeries now = query.series(s, ids, m, range, step, precision);
                    LatencySeries before = null;
                    if (withPrevious) {
                        TimeRange earlier = new TimeRange(range.from().minus(range.duration()), range.from());
                        LatencySeries shifted = query.series(s, ids, m, earlier, step, precision);
                        before = new LatencySeries(
                                m,
                                now.start(),
                                now.step(),
                                shifted.samples(),
                                shifted.values(),
                                precision,
                                shifted.stats());
                    }
                    return new LatencySeries[] {now, before};
                },
                r -> {
                    current = r[0];
                    previous = r[1];
                    statsSink.accept(current.stats());
                    long calls = Arrays.stream(current.samples()).sum();
                    status.setText(String.format(
                            Locale.ROOT,
                            "%,d calls finished %s · %d whole buckets · %d ms",
                            calls,
                            current.readRangeText(zone.zone()),
                            current.size(),
                            (System.nanoTime() - started) / 1_000_000));
                    redraw();
                },
                error -> status.setText("Query failed: " + error));
    }

    private Set<Statistic> shownStatistics() {
        Set<Statistic> out = EnumSet.noneOf(Statistic.class);
        shown.forEach((s, box) -> {
            if (box.isSelected()) {
                out.add(s);
            }
        });
        return out;
    }

    private void redraw() {
        if (current != null) {
            chart.show(PerformanceChart.of(current, previous, shownStatistics(), scope, Palette.of(dark)));
        }
    }

    /** For tests. */
    public ChartCanvas chartCanvas() {
        return chart;
    }

    /** Writes the chart as on screen: PNG (at {@code scale}), SVG, or CSV of the plotted data. */
    public void export(Path destination, String format, int scale, Consumer<String> done) {
        BackgroundExport.chart(
                exports, engine, chart, dark, zone.zone(), destination, format, scale, status::setText, done);
    }
}
