package dev.callscope.ui.timeline;

import dev.callscope.calls.EventSchema;
import dev.callscope.calls.FunctionDirectory;
import dev.callscope.calls.FunctionDirectory.FunctionInfo;
import dev.callscope.chart.Graphics2DSurface;
import dev.callscope.chart.Palette;
import dev.callscope.chart.SvgSurface;
import dev.callscope.chart.TimeAxis;
import dev.callscope.cost.Prices;
import dev.callscope.engine.Engine;
import dev.callscope.engine.QueryStats;
import dev.callscope.ids.CallscopeIds;
import dev.callscope.logs.LogField;
import dev.callscope.logs.LogLine;
import dev.callscope.logs.LogSchema;
import dev.callscope.logs.LogSearch;
import dev.callscope.logs.search.SearchExpr;
import dev.callscope.logs.search.TextStrategy;
import dev.callscope.schema.Schema;
import dev.callscope.time.TimeRange;
import dev.callscope.time.TimeSpec;
import dev.callscope.timeline.CallRebuild;
import dev.callscope.timeline.CallStatus;
import dev.callscope.timeline.CallTimeline;
import dev.callscope.timeline.GanttModel;
import dev.callscope.timeline.GanttPainter;
import dev.callscope.timeline.GanttViewport;
import dev.callscope.timeline.StageSummary;
import dev.callscope.ui.common.BackgroundExport;
import dev.callscope.ui.common.ExportMenu;
import dev.callscope.ui.common.LatestTaskRunner;
import dev.callscope.ui.common.RangeField;
import dev.callscope.ui.common.TimeZoneChoice;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.function.Consumer;
import java.util.function.Supplier;
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
    private final LatestTaskRunner detailRunner;
    private final LatestTaskRunner exports;
    private final LatestTaskRunner summaries;
    private final javafx.animation.PauseTransition summaryDelay =
            new javafx.animation.PauseTransition(javafx.util.Duration.millis(150));
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
        this.detailRunner = new LatestTaskRunner(executor, Platform::runLater);
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
        HBox legend = legend();
        VBox top = new VBox(6, controls, message, summary, cost, legend);
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

    private HBox legend() {
        Palette p = Palette.light();
        HBox box = new HBox(10);
        box.setAlignment(Pos.CENTER_LEFT);
        for (Object[] item : new Object[][] {
            {"queued", p.queue()},
            {"cold start", p.coldStart()},
            {"running", p.run()},
            {"outline: failure / timeout / init failure", p.failure()}
        }) {
            javafx.scene.shape.Rectangle swatch = new javafx.scene.shape.Rectangle(
                    12, 10, javafx.scene.paint.Color.web(String.format("#%06x", (int) item[1])));
            Label l = new Label((String) item[0], swatch);
            l.getStyleClass().add("text-muted");
            box.getChildren().add(l);
        }
        return box;
    }

    public void setDark(boolean dark) {
        this.dark = dark;
        gantt.setPalette(Palette.of(dark));
    }

    /** Where the prices of the cost line come from (the Cost tab's table). */
    public void pricedBy(Supplier<Prices> source) {
        cost.pricedBy(source);
    }

    /** Connects the view (null when disconnected) and loads the busiest function's newest hour. */
    /**
     * Where the call events and the logs are (Callscope's tables or mappings); takes effect at the
     * next {@code setEngine}. A call's detail shows its logs only when the logs have a call field.
     */
    public void setSchemas(EventSchema events, LogSchema logs) {
        this.events = events;
        this.logSchema = logs;
    }

    public void setEngine(Engine engine) {
        this.engine = engine;
        setup.cancel();
        rebuild.cancel();
        detailRunner.cancel();
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
                scope -> {
                    Instant newest = directory.newestEvent(scope);
                    Instant end = newest == null ? Instant.now() : newest;
                    return Map.entry(
                            end, directory.functions(scope, end.minus(Duration.ofHours(24)), end.plusSeconds(1)));
                },
                found -> {
                    rangeBox.setNewestData(found.getKey());
                    // after a reconnect the same function (and call id, if one was typed) shows again
                    String keep = wantedFunction != null
                            ? wantedFunction
                            : function.getValue() == null
                                    ? null
                                    : function.getValue().functionId();
                    wantedFunction = null;
                    String call = callBox.getText();
                    function.getItems().setAll(found.getValue());
                    if (!found.getValue().isEmpty()) {
                        FunctionInfo again = found.getValue().stream()
                                .filter(f -> f.functionId().equals(keep))
                                .findFirst()
                                .orElse(found.getValue().getFirst()); // else the busiest
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
            String[] parts = idText.split("\\s*\\.\\.\\s*");
            // a mapped table's ids are the user's own: any text (bound as a value, never SQL)
            boolean ours = events.callscopeIds();
            String first = ours ? normalizeId(parts[0]) : parts[0].isEmpty() ? null : parts[0];
            String last = parts.length > 1 ? ours ? normalizeId(parts[1]) : parts[1] : null;
            if (first == null || (parts.length > 1 && last == null)) {
                message.setText(
                        ours
                                ? "Not a call id: ids look like fc-01JD8Q…, 26 characters after the prefix"
                                : "Type a call id");
                return;
            }
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

    static String normalizeId(String text) {
        String t = text.strip();
        String body = t.regionMatches(true, 0, "fc-", 0, 3) ? t.substring(3) : t;
        String id = "fc-" + body.toUpperCase(Locale.ROOT);
        return CallscopeIds.isValid(CallscopeIds.Kind.CALL, id) ? id : null;
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
                s -> {
                    StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "%,d calls in view", s.calls()));
                    for (CallStatus st : CallStatus.values()) {
                        Integer n = s.outcomes().get(st);
                        if (n != null) {
                            out.append(String.format(Locale.ROOT, " · %,d %s", n, st.label()));
                        }
                    }
                    out.append("   median / p90: queue ")
                            .append(pair(s.queue()))
                            .append(" · cold start ")
                            .append(pair(s.coldStart()))
                            .append(" · run ")
                            .append(pair(s.run()))
                            .append(" · end to end ")
                            .append(pair(s.endToEnd()));
                    summary.setText(out.toString());
                },
                error -> summary.setText(error));
        cost.inView(m, from, to);
    }

    private static String pair(Duration[] d) {
        return d[0] == null ? "—" : TimeAxis.duration(d[0]) + " / " + TimeAxis.duration(d[1]);
    }

    private void showCall(CallTimeline c) {
        GanttModel m = gantt.model();
        cost.ofSelected(c);
        detail.show(c, m == null ? Instant.now() : m.now());
        CallRebuild rb = new CallRebuild(events);
        EventSchema callEvents = events;
        LogSearch logs = logSchema.has(LogField.CALL) ? new LogSearch(logSchema, TextStrategy.SCAN) : null;
        Instant from = c.enqueuedAt().minus(Duration.ofMinutes(1));
        Instant to = c.end(m == null ? Instant.now() : m.now()).plus(Duration.ofMinutes(5));
        Instant now = m == null ? Instant.now() : m.now();
        detailRunner.submit(
                engine,
                scope -> {
                    // the view's rebuild leaves error texts out; the one call is read again with them
                    List<CallTimeline> full = rb.forCall(scope, c.callId()).calls();
                    List<CallRebuild.RawEvent> events = rb.events(scope, c.callId());
                    List<LogLine> lines = logs == null
                            ? List.of()
                            : logs.page(
                                            scope,
                                            new SearchExpr.FieldMatch(SearchExpr.Field.CALL, c.callId()),
                                            new TimeRange(from, to),
                                            null,
                                            500,
                                            null)
                                    .lines();
                    var input = callEvents.has(dev.callscope.calls.EventField.BATCH)
                            ? new dev.callscope.batches.BatchQuery(callEvents).inputOf(scope, c.callId())
                            : java.util.Optional.<dev.callscope.batches.BatchQuery.InputOf>empty();
                    return new CallDetails(full.isEmpty() ? c : full.getFirst(), events, lines, input.orElse(null));
                },
                r -> {
                    detail.show(r.call(), now);
                    detail.showBatch(
                            r.input() == null ? null : r.input().batchId(),
                            r.input() == null ? 0 : r.input().index());
                    detail.showEvents(c.callId(), r.events());
                    detail.showLogs(c.callId(), r.logs().reversed());
                },
                error -> detail.showLogs(c.callId(), List.of()));
    }

    private record CallDetails(
            CallTimeline call,
            List<CallRebuild.RawEvent> events,
            List<LogLine> logs,
            dev.callscope.batches.BatchQuery.InputOf input) {}

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
        java.time.ZoneId z = zone.zone();
        BackgroundExport.submit(
                exports,
                engine,
                destination,
                out -> {
                    if (format.equals("svg")) {
                        SvgSurface svg = new SvgSurface(v.width(), v.height());
                        GanttPainter.paint(svg, m, v, p, selected, z);
                        out.write(svg.document().getBytes(StandardCharsets.UTF_8));
                    } else {
                        Graphics2DSurface png = new Graphics2DSurface((int) v.width(), (int) v.height(), scale);
                        GanttPainter.paint(png, m, v, p, selected, z);
                        png.writePng(out);
                    }
                },
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
