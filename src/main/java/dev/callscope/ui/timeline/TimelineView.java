package dev.callscope.ui.timeline;

import dev.callscope.calls.EventSchema;
import dev.callscope.calls.FunctionDirectory;
import dev.callscope.calls.FunctionDirectory.FunctionInfo;
import dev.callscope.chart.Palette;
import dev.callscope.cost.Prices;
import dev.callscope.engine.Engine;
import dev.callscope.engine.QueryStats;
import dev.callscope.logs.LogSchema;
import dev.callscope.schema.Schema;
import dev.callscope.time.TimeRange;
import dev.callscope.time.TimeSpec;
import dev.callscope.timeline.CallRebuild;
import dev.callscope.timeline.CallTimeline;
import dev.callscope.timeline.GanttDrawing;
import dev.callscope.timeline.GanttModel;
import dev.callscope.timeline.GanttViewport;
import dev.callscope.timeline.StageSummary;
import dev.callscope.ui.common.BackgroundExport;
import dev.callscope.ui.common.ExportMenu;
import dev.callscope.ui.common.LatestTaskRunner;
import dev.callscope.ui.common.RangeField;
import dev.callscope.ui.common.TimeZoneChoice;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.animation.PauseTransition;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/**
 * The Timeline tab: pick a function and a range (or paste a call id, or an id range) and see every
 * call as a bar split into queued, cold start and running. Rebuilding runs in the background and
 * the finished {@link GanttModel} is swapped in whole; the canvas draws only what is visible.
 */
public final class TimelineView extends BorderPane {

    static final int MAX_CALLS = 200_000;
    /** The call events the view reads (Callscope's own until the window says otherwise). */
    private EventSchema events = EventSchema.canonical(Schema.DATABASE);
    /** The logs a call's detail shows. */
    private LogSchema logSchema = LogSchema.canonical(Schema.DATABASE);

    private final TimeZoneChoice zone;
    private final Consumer<QueryStats> statsSink;
    private final LatestTaskRunner setup;
    private final LatestTaskRunner rebuild;
    private final LatestTaskRunner exports;
    private final LatestTaskRunner summaries;
    private final CallDetailLoader detailLoader;
    private final PauseTransition summaryDelay = new PauseTransition(javafx.util.Duration.millis(150));
    private final ComboBox<FunctionInfo> function = new ComboBox<>();
    private final RangeField rangeBox;
    private final TextField callBox = new TextField();
    /** A function asked for before the function list was read; the list's arrival shows it. */
    private String wantedFunction;

    private final ToggleButton byContainer = new ToggleButton("By container");
    private final Label summary = new Label("Not connected.");
    private final Label message = new Label();
    /** What the calls in view and the selected call cost, on request. */
    private final TimelineCostLine cost;

    private final GanttCanvas gantt;
    private final CallDetailPane detail;

    private Engine engine;
    private List<CallTimeline> calls = List.of();
    private boolean dark;

    public TimelineView(
            ExecutorService executor,
            TimeZoneChoice zone,
            Consumer<QueryStats> statsSink,
            Consumer<String> openInLogs) {
        this.zone = zone;
        this.statsSink = statsSink;
        this.setup = new LatestTaskRunner(executor, Platform::runLater);
        this.rebuild = new LatestTaskRunner(executor, Platform::runLater);
        this.exports = new LatestTaskRunner(executor, Platform::runLater);
        this.summaries = new LatestTaskRunner(executor, Platform::runLater);
        this.cost = new TimelineCostLine(
                new LatestTaskRunner(executor, Platform::runLater),
                new LatestTaskRunner(executor, Platform::runLater),
                () -> engine,
                () -> events);
        this.gantt = new GanttCanvas(zone);
        this.detail = new CallDetailPane(
                zone,
                openInLogs,
                id -> function.getItems().stream()
                        .filter(f -> f.functionId().equals(id))
                        .findFirst()
                        .map(FunctionInfo::toString)
                        .orElse(id));
        this.detailLoader = new CallDetailLoader(new LatestTaskRunner(executor, Platform::runLater), detail);
        this.rangeBox = new RangeField("timeline-range", zone, Duration.ofHours(1), this::load, message::setText);
        setId("timeline-view");

        function.setId("timeline-function");
        function.setPromptText("Function");
        function.setPrefWidth(300);
        function.setOnAction(e -> {
            if (function.getValue() != null) {
                callBox.clear();
                load();
            }
        });
        callBox.setId("timeline-call");
        callBox.setPromptText("Call id, or first-id .. last-id");
        callBox.setPrefColumnCount(22);
        callBox.setOnAction(e -> load());
        byContainer.setId("group-by-container");
        byContainer.setTooltip(new Tooltip("One row per container: shows how containers are reused"));
        byContainer.setOnAction(e -> swapModel(calls));
        Button fit = new Button("Fit");
        fit.setTooltip(new Tooltip("Fit all calls (F)"));
        fit.setOnAction(e -> gantt.fit());
        MenuButton export = ExportMenu.create(
                "timeline-export",
                "Export",
                "callscope-timeline",
                false,
                this,
                (path, format, scale) -> export(path, format, scale, null));
        HBox controls = new HBox(8, function, rangeBox, callBox, byContainer, fit, export);
        controls.setAlignment(Pos.CENTER_LEFT);
        summary.setId("timeline-summary");
        summary.getStyleClass().add("text-muted");
        message.setId("timeline-message");
        message.getStyleClass().add("danger");
        message.managedProperty().bind(message.textProperty().isNotEmpty());
        VBox top = new VBox(6, controls, message, summary, cost, new TimelineLegend());
        top.setPadding(new Insets(8, 10, 6, 10));
        gantt.onSelectCall(i -> showCall(gantt.model().calls().get(i)));
        summaryDelay.setOnFinished(e -> updateSummary());
        gantt.onViewChanged(summaryDelay::playFromStart);
        SplitPane split = new SplitPane(gantt, detail);
        split.setDividerPositions(0.74);
        SplitPane.setResizableWithParent(detail, false);
        setTop(top);
        setCenter(split);
    }

    public void setDark(boolean dark) {
        this.dark = dark;
        gantt.setPalette(Palette.of(dark));
    }

    /** Where the prices of the cost line come from (the Cost tab's table). */
    public void pricedBy(Supplier<Prices> source) {
        cost.pricedBy(source);
    }

    /**
     * Where the call events and the logs are (Callscope's tables or mappings); takes effect at the
     * next {@code setEngine}. A call's detail shows its logs only when the logs have a call field.
     */
    public void setSchemas(EventSchema events, LogSchema logs) {
        this.events = events;
        this.logSchema = logs;
    }

    /** Connects the view (null when disconnected) and loads the busiest function's newest hour. */
    public void setEngine(Engine engine) {
        this.engine = engine;
        setup.cancel();
        rebuild.cancel();
        detailLoader.cancel();
        calls = List.of();
        cost.clear();
        gantt.setModel(GanttModel.of(List.of(), Instant.now(), GanttModel.Grouping.BY_CALL));
        if (engine == null) {
            summary.setText("Not connected.");
            return;
        }
        summary.setText("Finding functions…");
        FunctionDirectory directory = new FunctionDirectory(events);
        setup.submit(
                engine,
                scope -> directory.recent(scope, Duration.ofHours(24)),
                found -> {
                    rangeBox.setNewestData(found.end());
                    // after a reconnect the same function (and call id, if one was typed) shows again
                    String keep = wantedFunction != null
                            ? wantedFunction
                            : function.getValue() == null
                                    ? null
                                    : function.getValue().functionId();
                    wantedFunction = null;
                    String call = callBox.getText();
                    function.getItems().setAll(found.functions());
                    if (!found.functions().isEmpty()) {
                        FunctionInfo again = found.functions().stream()
                                .filter(f -> f.functionId().equals(keep))
                                .findFirst()
                                .orElse(found.functions().getFirst()); // else the busiest
                        function.setValue(null);
                        function.getSelectionModel().select(again); // its action loads it
                        if (!call.isBlank()) {
                            callBox.setText(call);
                            load();
                        }
                    } else {
                        summary.setText("No function calls on this connection.");
                    }
                },
                error -> summary.setText("Could not read the events table: " + error));
    }

    /** Opens a function over a range (from the Functions tab). */
    public void showFunction(String functionId, TimeRange range) {
        rangeBox.setSpec(new TimeSpec.Between(range.from(), range.to()));
        callBox.clear();
        if (function.getItems().isEmpty()) {
            wantedFunction = functionId; // the list is still being read (the tab was just opened): show it then
            return;
        }
        function.getItems().stream()
                .filter(f -> f.functionId().equals(functionId))
                .findFirst()
                .ifPresentOrElse(
                        f -> {
                            if (f.equals(function.getValue())) {
                                load();
                            } else {
                                function.setValue(f); // its action loads it
                            }
                        },
                        () -> message.setText("That function has no calls in the Timeline's list."));
    }

    /** Where a call's "Call graph" button sends its id (the window opens its tree). */
    public void onShowBatch(Consumer<String> handler) {
        detail.onShowBatch(handler);
    }

    public void onShowTree(Consumer<String> handler) {
        detail.onShowTree(handler);
    }

    /** Opens one call by id (from the Logs tab, or pasted). */
    public void showCallId(String callId) {
        callBox.setText(callId);
        load();
    }

    private void load() {
        if (engine == null) {
            return;
        }
        CallRebuild rb = new CallRebuild(events);
        String idText = callBox.getText().strip();
        Instant now = rangeBox.now();
        message.setText("");
        if (!idText.isEmpty()) {
            // a mapped table's ids are the user's own: any text (bound as a value, never SQL)
            TypedCalls typed = TypedCalls.parse(idText, events.callscopeIds());
            if (typed.problem() != null) {
                message.setText(typed.problem());
                return;
            }
            String first = typed.first();
            String last = typed.last();
            summary.setText("Rebuilding…");
            rebuild.submit(
                    engine,
                    scope -> last == null ? rb.forCall(scope, first) : rb.forIdRange(scope, first, last, MAX_CALLS),
                    r -> loaded(r, now),
                    error -> summary.setText("Rebuild failed: " + error));
            return;
        }
        FunctionInfo f = function.getValue();
        if (f == null) {
            return;
        }
        TimeRange range = rangeBox.range();
        summary.setText("Rebuilding " + f.name() + "…");
        rebuild.submit(
                engine,
                scope -> rb.forFunction(scope, f.functionId(), range.from(), range.to(), MAX_CALLS),
                r -> loaded(r, now.isBefore(range.to()) ? now : range.to()),
                error -> summary.setText("Rebuild failed: " + error));
    }

    private void loaded(CallRebuild.Result result, Instant now) {
        statsSink.accept(result.stats());
        calls = result.calls();
        if (calls.isEmpty()) {
            message.setText(callBox.getText().isBlank() ? "" : "No call with that id.");
        }
        swapModel(calls, now, calls.size() == 1);
    }

    private void swapModel(List<CallTimeline> list) {
        swapModel(list, gantt.model() == null ? rangeBox.now() : gantt.model().now());
    }

    private void swapModel(List<CallTimeline> list, Instant now) {
        swapModel(list, now, false);
    }

    /** @param selectFirst select the first call once its model is shown (one call asked for by id) */
    private void swapModel(List<CallTimeline> list, Instant now, boolean selectFirst) {
        GanttModel.Grouping g =
                byContainer.isSelected() ? GanttModel.Grouping.BY_CONTAINER : GanttModel.Grouping.BY_CALL;
        // 100k calls take tens of milliseconds to lay out: build off the FX thread, swap in whole
        rebuild.submit(
                engine,
                scope -> GanttModel.of(list, now, g),
                model -> {
                    gantt.setModel(model);
                    if (selectFirst) {
                        gantt.selectCall(
                                0); // on the new model: selecting before the swap picked the old model's first call
                    }
                    updateSummary();
                },
                error -> summary.setText(error));
    }

    /** Outcome counts and stage percentiles of the calls in view, computed off the FX thread. */
    private void updateSummary() {
        GanttModel m = gantt.model();
        if (m == null || engine == null) {
            return;
        }
        GanttViewport v = gantt.view();
        Instant from = m.instant(v.t0());
        Instant to = m.instant(v.t1());
        summaries.submit(
                engine,
                scope -> StageSummary.of(m.calls(), from, to, m.now()),
                s -> summary.setText(s.describe()),
                error -> summary.setText(error));
        cost.inView(m, from, to);
    }

    private void showCall(CallTimeline c) {
        GanttModel m = gantt.model();
        cost.ofSelected(c);
        detailLoader.show(engine, events, logSchema, c, m == null ? Instant.now() : m.now());
    }

    /**
     * Writes what is on screen (same viewport, same colours) as PNG (at {@code scale}) or SVG, in
     * the background; {@code done} (may be null) gets the outcome message on the FX thread.
     */
    public void export(Path destination, String format, int scale, Consumer<String> done) {
        GanttModel m = gantt.model();
        if (m == null) {
            return;
        }
        GanttViewport v = gantt.view();
        int selected = gantt.selectedRow();
        Palette p = Palette.of(dark);
        ZoneId z = zone.zone();
        BackgroundExport.submit(
                exports,
                engine,
                destination,
                out -> GanttDrawing.write(m, v, p, selected, z, format, scale, out),
                line -> {
                    if (line.startsWith("Export failed")) {
                        message.setText(line);
                    } else {
                        summary.setText(line);
                    }
                },
                done);
    }

    /** For tests and the benchmark. */
    GanttCanvas canvas() {
        return gantt;
    }

    public void focusGantt() {
        gantt.requestFocus();
    }
}
