package dev.callscope.ui.callgraph;

import dev.callscope.callgraph.CallTree;
import dev.callscope.callgraph.Waterfall;
import dev.callscope.chart.TimeAxis;
import dev.callscope.engine.Engine;
import dev.callscope.logs.LogField;
import dev.callscope.logs.LogLine;
import dev.callscope.logs.LogSchema;
import dev.callscope.logs.LogSearch;
import dev.callscope.logs.search.SearchExpr;
import dev.callscope.logs.search.TextStrategy;
import dev.callscope.time.TimeRange;
import dev.callscope.timeline.CallTimeline;
import dev.callscope.ui.common.LatestTaskRunner;
import dev.callscope.ui.common.Money;
import dev.callscope.ui.common.TimeZoneChoice;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.text.Text;

/** The selected row of the Call graph: a call's numbers and its log lines, or a fan-out's spread. */
final class CallNodePane extends VBox {

    /** Lines of one call listed at most (the Logs tab has them all). */
    static final int MAX_LINES = 200;

    private final TimeZoneChoice zone;
    private final LatestTaskRunner logRunner;
    private final Label detail = new Label("Click a call to see its numbers.");
    private final ListView<String> logs = new ListView<>();
    private final Label logsTitle = new Label("Logs of this call");
    private Consumer<String> openLogs = id -> {};
    private String callId;

    CallNodePane(TimeZoneChoice zone, LatestTaskRunner logRunner, Consumer<String> openInTimeline) {
        super(8);
        this.zone = zone;
        this.logRunner = logRunner;
        detail.setId("callgraph-detail");
        detail.setWrapText(true);
        detail.getStyleClass().add("log-mono");
        detail.setAlignment(Pos.TOP_LEFT);
        detail.setMinHeight(Region.USE_PREF_SIZE); // the numbers whole; the lines below take what is left
        Button timeline = new Button("Open in Timeline");
        timeline.setId("callgraph-open-timeline");
        timeline.setOnAction(e -> {
            if (callId != null) {
                openInTimeline.accept(callId);
            }
        });
        Button inLogs = new Button("Open in Logs");
        inLogs.setId("callgraph-open-logs");
        inLogs.setOnAction(e -> {
            if (callId != null) {
                openLogs.accept(callId);
            }
        });
        logs.setId("callgraph-logs");
        logs.getStyleClass().add("log-mono");
        logs.setPlaceholder(new Label("Select a call to see its log lines."));
        logs.setCellFactory(list -> new WrappedLineCell(list));
        logsTitle.getStyleClass().add("text-muted");
        VBox.setVgrow(logs, Priority.ALWAYS);
        getChildren().addAll(detail, new HBox(6, timeline, inLogs), logsTitle, logs);
        setPadding(new Insets(8));
        setMinWidth(260);
    }

    void onOpenLogs(Consumer<String> openLogs) {
        this.openLogs = openLogs;
    }

    List<String> logLines() {
        return List.copyOf(logs.getItems());
    }

    /** Shows row {@code selected} of {@code w} (nothing when out of range), reading a call's lines from {@code logSchema}. */
    void show(Waterfall w, int selected, Engine engine, LogSchema logSchema) {
        logRunner.cancel();
        logs.getItems().clear();
        if (w == null || selected < 0 || selected >= w.rows().size()) {
            callId = null;
            detail.setText("Click a call to see its numbers.");
            return;
        }
        CallTree tree = w.tree();
        Waterfall.Row r = w.rows().get(selected);
        CallTree.Node n = tree.nodes().get(r.node());
        if (r.isGroup()) {
            callId = null;
            Waterfall.Spread sp = w.spread(r);
            detail.setText(n.functionName() + " × " + String.format(Locale.ROOT, "%,d", sp.calls()) + "\n"
                    + "failed      " + sp.failures() + "\n"
                    + "end to end  p50 " + TimeAxis.duration(sp.p50()) + " · p90 " + TimeAxis.duration(sp.p90())
                    + " · max "
                    + TimeAxis.duration(sp.max()) + "\n"
                    + "Click its name (or Enter) to list them.");
            logs.setPlaceholder(new Label("Open the fan-out and select one of its calls for its lines."));
            return;
        }
        CallTimeline c = n.call();
        callId = c.callId();
        detail.setText(callText(tree, r, n, c));
        if (engine == null || !logSchema.has(LogField.CALL)) {
            logs.setPlaceholder(new Label("The logs table has no call id: its lines cannot be matched to calls."));
            return;
        }
        logs.setPlaceholder(new Label("Reading its log lines…"));
        Instant now = tree.now();
        TimeRange around = new TimeRange(
                c.enqueuedAt().minus(Duration.ofMinutes(1)), c.end(now).plus(Duration.ofMinutes(5)));
        LogSearch search = new LogSearch(logSchema, TextStrategy.SCAN);
        String id = c.callId();
        logRunner.submit(
                engine,
                scope -> search.page(
                                scope,
                                new SearchExpr.FieldMatch(SearchExpr.Field.CALL, id),
                                around,
                                null,
                                MAX_LINES,
                                null)
                        .lines(),
                lines -> {
                    List<LogLine> oldestFirst = lines.reversed();
                    DateTimeFormatter clock =
                            DateTimeFormatter.ofPattern("HH:mm:ss.SSS").withZone(zone.zone());
                    logs.getItems()
                            .setAll(oldestFirst.stream()
                                    .map(l -> clock.format(l.timestamp()) + " " + l.level() + "  "
                                            + l.message().lines().findFirst().orElse(""))
                                    .toList());
                    logs.setPlaceholder(new Label("No log lines for this call."));
                    logsTitle.setText(
                            lines.size() >= MAX_LINES
                                    ? "Logs of this call (the first " + MAX_LINES + "; Open in Logs for all)"
                                    : "Logs of this call");
                },
                error -> logs.setPlaceholder(new Label("Could not read its lines: " + error)));
    }

    /**
     * A log line wrapped to the list's width, as tall as its text: a plain cell cut a line longer than the pane,
     * and a wrapping {@link Label} in a cell does not get its height right. The text takes the cell's font and
     * colour, so the theme and the selection style it.
     */
    private static final class WrappedLineCell extends ListCell<String> {
        private final Text text = new Text();

        WrappedLineCell(ListView<String> list) {
            // the list's width less its padding and a vertical scroll bar
            text.wrappingWidthProperty().bind(list.widthProperty().subtract(32));
            text.fontProperty().bind(fontProperty());
            text.fillProperty().bind(textFillProperty());
            setPrefWidth(0); // never wider than the list: no horizontal scroll bar
        }

        @Override
        protected void updateItem(String line, boolean empty) {
            super.updateItem(line, empty);
            text.setText(empty || line == null ? "" : line);
            setGraphic(empty || line == null ? null : text);
        }
    }

    private String callText(CallTree tree, Waterfall.Row r, CallTree.Node n, CallTimeline c) {
        Instant now = tree.now();
        CallTree.Totals own = tree.own(r.node());
        CallTree.Totals sub = tree.totals(r.node());
        return n.functionName() + "  ·  " + c.finalStatus().label() + "\n"
                + c.callId() + "\n"
                + "enqueued    " + zone.full(c.enqueuedAt()) + " " + zone.label() + "\n"
                + "queued      " + TimeAxis.duration(c.queueTime(now)) + "\n"
                + "cold start  " + TimeAxis.duration(c.coldStartTime(now)) + "\n"
                + "running     " + TimeAxis.duration(c.runTime(now)) + "\n"
                + "end to end  " + TimeAxis.duration(c.endToEnd(now))
                + (c.last().noFinishEvent() ? " (no finish event)" : "") + "\n"
                + "attempts    " + c.attempts().size() + "\n"
                + "cost        " + Money.format(own.cost()) + " (billed " + TimeAxis.duration(own.billed()) + ")\n"
                + "\nwith what it called:\n"
                + "calls       " + String.format(Locale.ROOT, "%,d", sub.calls()) + " · " + sub.failures() + " failed\n"
                + "wall        " + TimeAxis.duration(sub.wall()) + "\n"
                + "billed      " + TimeAxis.duration(sub.billed()) + "\n"
                + "cost        " + Money.format(sub.cost()) + (r.critical() ? "\n\non the critical path" : "");
    }
}
