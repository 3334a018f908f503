package dev.callscope.ui.functions;

import dev.callscope.calls.EventSchema;
import dev.callscope.calls.FunctionDirectory;
import dev.callscope.chart.LineChart;
import dev.callscope.chart.LineChartPainter;
import dev.callscope.chart.Palette;
import dev.callscope.engine.Engine;
import dev.callscope.engine.QueryStats;
import dev.callscope.functions.FunctionRow;
import dev.callscope.functions.FunctionStats;
import dev.callscope.functions.Scaling;
import dev.callscope.functions.ScalingChart;
import dev.callscope.performance.LatencyQuery;
import dev.callscope.schema.Schema;
import dev.callscope.time.TimeRange;
import dev.callscope.ui.common.BackgroundExport;
import dev.callscope.ui.common.ChartCanvas;
import dev.callscope.ui.common.ExportMenu;
import dev.callscope.ui.common.LatestTaskRunner;
import dev.callscope.ui.common.RangeField;
import dev.callscope.ui.common.TableColumns;
import dev.callscope.ui.common.TimeZoneChoice;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.application.Platform;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;
import javafx.collections.transformation.SortedList;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * The Functions tab: a sortable, filterable table of functions for a range; selecting one shows how
 * it scaled (calls enqueued and finished, calls running, containers alive) and its duration
 * distribution, with links to the Timeline and the Logs for that function.
 */
public final class FunctionsView extends BorderPane {

    /** The call events the view reads (Callscope's own until the window says otherwise). */
    private EventSchema events = EventSchema.canonical(Schema.DATABASE);

    private final TimeZoneChoice zone;
    private final Consumer<QueryStats> statsSink;
    private final LatestTaskRunner setup;
    private final LatestTaskRunner table;
    private final LatestTaskRunner detail;
    private final LatestTaskRunner exports;
    private final LatestTaskRunner slowest;
    private final RangeField rangeBox;
    private final TextField filter = new TextField();
    private final Label status = new Label("Not connected.");
    private final FilteredList<FunctionRow> filtered = new FilteredList<>(FXCollections.observableArrayList());
    private final TableView<FunctionRow> rows = new TableView<>();
    private final Label selectedTitle = new Label("Select a function to see how it scales.");
    /** The function and range whose charts show. */
    private String shownFunction;

    private TimeRange shownRange;
    private final ChartCanvas scaling;
    private final ChartCanvas durations;
    private final ChartCanvas concurrency;
    private Engine engine;
    private boolean dark;
    /** The function selected before the engine changed, to select again. */
    private String reselect;

    /**
     * @param openTimeline opens the Timeline on a function id and range
     * @param openLogs     opens the Logs with a search text
     * @param openCallGraph opens the Call graph on a call id
     */
    public FunctionsView(
            ExecutorService executor,
            TimeZoneChoice zone,
            Consumer<QueryStats> statsSink,
            BiConsumer<String, TimeRange> openTimeline,
            Consumer<String> openLogs,
            Consumer<String> openCallGraph) {
        this.zone = zone;
        this.statsSink = statsSink;
        this.setup = new LatestTaskRunner(executor, Platform::runLater);
        this.table = new LatestTaskRunner(executor, Platform::runLater);
        this.detail = new LatestTaskRunner(executor, Platform::runLater);
        this.exports = new LatestTaskRunner(executor, Platform::runLater);
        this.slowest = new LatestTaskRunner(executor, Platform::runLater);
        this.scaling = new ChartCanvas(zone, "fn-scaling");
        this.durations = new ChartCanvas(zone, "fn-durations");
        this.concurrency = new ChartCanvas(zone, "fn-concurrency");
        this.rangeBox = new RangeField("functions-range", zone, Duration.ofHours(24), this::load, this::showProblem);
        setId("functions-view");

        filter.setId("functions-filter");
        filter.setPromptText("Filter by name, app or GPU");
        filter.textProperty().addListener((obs, a, b) -> {
            String f = b.strip().toLowerCase(Locale.ROOT);
            filtered.setPredicate(r -> f.isEmpty()
                    || (r.name() + " " + r.appName() + " " + r.gpuType())
                            .toLowerCase(Locale.ROOT)
                            .contains(f));
        });
        status.setId("functions-status");
        status.getStyleClass().add("text-muted");
        HBox controls = new HBox(8, rangeBox, filter, status);
        controls.setAlignment(Pos.CENTER_LEFT);

        buildTable();
        Button timeline = new Button("Open in Timeline");
        timeline.setId("fn-open-timeline");
        timeline.setOnAction(e -> selected(r -> openTimeline.accept(r.functionId(), rangeBox.range())));
        Button logs = new Button("Open in Logs");
        logs.setId("fn-open-logs");
        logs.setOnAction(e -> selected(r -> openLogs.accept("function:" + r.functionId())));
        Button callGraph = new Button("Slowest call's graph");
        callGraph.setId("fn-open-callgraph");
        callGraph.setTooltip(new Tooltip("The call graph of this function's slowest call that finished in the range"));
        callGraph.setOnAction(e -> selected(r -> openSlowest(r, openCallGraph)));
        MenuButton export = ExportMenu.create(
                "fn-export",
                "Export chart",
                "callscope-scaling",
                true,
                this,
                (path, format, scale) -> export(path, format, scale, null));
        selectedTitle.getStyleClass().add("title-4");
        HBox actions = new HBox(8, selectedTitle, timeline, logs, callGraph, export);
        actions.setAlignment(Pos.CENTER_LEFT);
        HBox charts = new HBox(8, concurrency, durations);
        HBox.setHgrow(concurrency, Priority.ALWAYS);
        durations.setPrefWidth(380);
        durations.setMinWidth(300);
        VBox.setVgrow(charts, Priority.ALWAYS);
        VBox.setVgrow(scaling, Priority.ALWAYS);
        VBox lower = new VBox(6, actions, scaling, charts);
        lower.setPadding(new Insets(6, 0, 0, 0));
        SplitPane split = new SplitPane(rows, lower);
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.35);
        VBox top = new VBox(6, controls);
        top.setPadding(new Insets(8, 10, 6, 10));
        setTop(top);
        setCenter(split);
        BorderPane.setMargin(split, new Insets(0, 10, 10, 10));
    }

    /** Finds the function's slowest call finished in the range, then opens its call graph. */
    private void openSlowest(FunctionRow r, Consumer<String> openCallGraph) {
        if (engine == null) {
            return;
        }
        FunctionStats stats = new FunctionStats(events);
        TimeRange range = rangeBox.range();
        status.setText("Finding the slowest call of " + r.name() + "…");
        slowest.submit(
                engine,
                scope -> stats.slowestCall(scope, r.functionId(), range),
                call -> call.ifPresentOrElse(
                        id -> {
                            status.setText("");
                            openCallGraph.accept(id);
                        },
                        () -> status.setText("No call of " + r.name() + " finished in this range.")),
                status::setText);
    }

    private void selected(Consumer<FunctionRow> action) {
        FunctionRow r = rows.getSelectionModel().getSelectedItem();
        if (r != null) {
            action.accept(r);
        }
    }

    private void buildTable() {
        rows.setId("functions-table");
        SortedList<FunctionRow> sorted = new SortedList<>(filtered);
        sorted.comparatorProperty().bind(rows.comparatorProperty());
        rows.setItems(sorted);
        rows.getColumns()
                .setAll(List.of(
                        text("Function", 170, FunctionRow::name),
                        text("App", 110, FunctionRow::appName),
                        text("GPU", 70, r -> r.gpuType().isEmpty() ? "—" : r.gpuType()),
                        number("Calls", 96, FunctionRow::calls, v -> String.format(Locale.ROOT, "%,d", v.longValue())),
                        number("OK", 96, FunctionRow::successes, v -> String.format(Locale.ROOT, "%,d", v.longValue())),
                        number(
                                "Failed",
                                65,
                                FunctionRow::failures,
                                v -> String.format(Locale.ROOT, "%,d", v.longValue())),
                        number(
                                "Timeout",
                                80,
                                FunctionRow::timeouts,
                                v -> String.format(Locale.ROOT, "%,d", v.longValue())),
                        number(
                                "Fail %",
                                70,
                                FunctionRow::failureRate,
                                v -> String.format(Locale.ROOT, "%.2f %%", v.doubleValue() * 100)),
                        number(
                                "p50 run",
                                80,
                                FunctionRow::p50ExecutionMs,
                                v -> LineChartPainter.formatValue(v.doubleValue(), "ms")),
                        number(
                                "p99 run",
                                80,
                                FunctionRow::p99ExecutionMs,
                                v -> LineChartPainter.formatValue(v.doubleValue(), "ms")),
                        number(
                                "p99 queue",
                                108,
                                FunctionRow::p99QueueMs,
                                v -> LineChartPainter.formatValue(v.doubleValue(), "ms")),
                        number(
                                "Cold %",
                                70,
                                FunctionRow::coldStartShare,
                                v -> Double.isNaN(v.doubleValue())
                                        ? "—"
                                        : String.format(Locale.ROOT, "%.1f %%", v.doubleValue() * 100)),
                        noFinishColumn()));
        rows.setPlaceholder(new Label("No calls finished in this range."));
        rows.getSelectionModel().selectedItemProperty().addListener((obs, a, b) -> showFunction(b));
    }

    /** Calls enqueued in the range with no finish event: counted apart, in none of the other columns. */
    private static TableColumn<FunctionRow, Long> noFinishColumn() {
        TableColumn<FunctionRow, Long> c = number(
                "No finish",
                110,
                FunctionRow::noFinishEvent,
                v -> v == FunctionRow.NOT_COUNTED ? "…" : v == 0 ? "" : String.format(Locale.ROOT, "%,d", v));
        Label header = new Label("No finish");
        header.setTooltip(
                new Tooltip(
                        "Calls enqueued in this range with no finish event: still running, or their finish was"
                                + " lost.\nThey are in none of the other columns, which count calls that finished in the range."));
        c.setText(null);
        c.setGraphic(header);
        return c;
    }

    private static TableColumn<FunctionRow, String> text(
            String name, double width, Function<FunctionRow, String> value) {
        return TableColumns.text(name, width, value);
    }

    private static <N extends Number & Comparable<N>> TableColumn<FunctionRow, N> number(
            String name, double width, Function<FunctionRow, N> value, Function<N, String> format) {
        return TableColumns.number(name, width, value, format);
    }

    public void setDark(boolean dark) {
        this.dark = dark;
        scaling.setPalette(Palette.of(dark));
        concurrency.setPalette(Palette.of(dark));
        durations.setPalette(Palette.of(dark));
    }

    /** Where the call events are (Callscope's table or a mapping); takes effect at the next {@code setEngine}. */
    public void setEvents(EventSchema events) {
        this.events = events;
    }

    public void setEngine(Engine engine) {
        this.engine = engine;
        FunctionRow was = rows.getSelectionModel().getSelectedItem();
        if (was != null) {
            reselect = was.functionId(); // after a reconnect the same function shows again
        }
        setup.cancel();
        table.cancel();
        detail.cancel();
        shownFunction = null;
        filtered.getSource().clear();
        scaling.show((LineChart) null);
        concurrency.show((LineChart) null);
        durations.show((LineChart) null);
        if (engine == null) {
            status.setText("Not connected.");
            return;
        }
        status.setText("Finding the newest event…"); // a slow server must not leave "Not connected." showing
        FunctionDirectory directory = new FunctionDirectory(events);
        setup.submit(
                engine,
                s -> directory.newestEvent(s),
                newest -> {
                    rangeBox.setNewestData(newest);
                    load();
                },
                error -> status.setText("Could not read the events table: " + error));
    }

    private void showProblem(String message) {
        if (!message.isEmpty()) {
            status.setText(message);
        }
    }

    private void load() {
        if (engine == null) {
            return;
        }
        TimeRange range = rangeBox.range();
        status.setText("Computing…");
        long started = System.nanoTime();
        FunctionStats stats = new FunctionStats(events);
        table.submit(
                engine,
                s -> {
                    // the table first, its No finish column after: on a large range counting those costs the most
                    FunctionStats.Result finished = stats.finishedCalls(s, range);
                    s.publish(() -> show(finished, range, started));
                    return stats.withNoFinish(s, finished, range);
                },
                r -> show(r, range, started),
                error -> status.setText("Query failed: " + error));
    }

    @SuppressWarnings("unchecked")
    private void show(FunctionStats.Result r, TimeRange range, long started) {
        String keep = rows.getSelectionModel().getSelectedItem() == null
                ? reselect
                : rows.getSelectionModel().getSelectedItem().functionId();
        reselect = null;
        ((ObservableList<FunctionRow>) filtered.getSource()).setAll(r.rows());
        statsSink.accept(r.stats());
        status.setText(FunctionsStatus.text(r, range, zone.zone(), (System.nanoTime() - started) / 1_000_000));
        status.setTooltip(new Tooltip(status.getText())); // whole, where the line is cut
        rows.getItems().stream()
                .filter(f -> f.functionId().equals(keep))
                .findFirst()
                .ifPresentOrElse(
                        f -> rows.getSelectionModel().select(f),
                        () -> rows.getSelectionModel().selectFirst());
    }

    private void showFunction(FunctionRow row) {
        if (row == null || engine == null) {
            return;
        }
        TimeRange range = rangeBox.range();
        if (row.functionId().equals(shownFunction) && range.equals(shownRange)) {
            return; // the same function's row again, with its No finish counted: its charts stand
        }
        shownFunction = row.functionId();
        shownRange = range;
        selectedTitle.setText(row.name());
        Duration step = LatencyQuery.step(range, 150);
        Scaling q = new Scaling(events);
        detail.submit(
                engine,
                s -> Map.entry(q.series(s, row.functionId(), range, step), q.durations(s, row.functionId(), range)),
                r -> {
                    scaling.show(ScalingChart.of(row.name(), r.getKey(), Palette.of(dark)));
                    concurrency.show(ScalingChart.concurrency(row.name(), r.getKey(), Palette.of(dark)));
                    durations.show(ScalingChart.durations(r.getValue(), Palette.of(dark)));
                },
                error -> selectedTitle.setText(row.name() + ": " + error));
    }

    /** For tests: the range the tab reads. */
    TimeRange range() {
        return rangeBox.range();
    }

    public TableView<FunctionRow> table() {
        return rows;
    }

    public ChartCanvas scalingChart() {
        return scaling;
    }

    public void export(Path destination, String format, int scale, Consumer<String> done) {
        BackgroundExport.chart(
                exports, engine, scaling, dark, zone.zone(), destination, format, scale, status::setText, done);
    }
}
