package dev.callscope.ui.logs;

import dev.callscope.logs.FunctionNames;
import dev.callscope.logs.LogLine;
import dev.callscope.ui.common.TimeZoneChoice;
import java.util.List;
import java.util.function.Consumer;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextArea;
import javafx.scene.control.Tooltip;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** One line in full: its fields, the whole message, copy, filter to its call, and its context. */
final class LogDetailPane extends VBox {

    private final Button call = new Button("This call only");
    private final Button timeline = new Button("Timeline");
    private final Button tree = new Button("Call graph");
    /** Where "Call graph" sends the line's call id. */
    private Consumer<String> showTree = id -> {};

    private final TimeZoneChoice zone;
    private final GridPane fields = new GridPane();
    private final TextArea message = new TextArea();
    private final ListView<LogLine> context = new ListView<>();
    private final Label contextTitle = new Label("Context");
    private LogLine line;

    LogDetailPane(
            TimeZoneChoice zone,
            Consumer<LogLine> filterToCall,
            Consumer<LogLine> loadContext,
            Consumer<LogLine> showCall) {
        this.zone = zone;
        setId("log-detail");
        setSpacing(8);
        setPadding(new Insets(10));
        setMinWidth(280);
        fields.setHgap(10);
        fields.setVgap(3);
        message.setEditable(false);
        message.setWrapText(true);
        message.setId("detail-message");
        message.getStyleClass().add("log-mono");
        VBox.setVgrow(message, Priority.ALWAYS);
        Button copy = new Button("Copy");
        copy.setId("copy-line");
        copy.setOnAction(e -> copy());
        call.setId("filter-call");
        call.setOnAction(e -> {
            if (line != null) {
                filterToCall.accept(line);
            }
        });
        Button around = new Button("Context");
        around.setId("show-context");
        around.setOnAction(e -> {
            if (line != null) {
                loadContext.accept(line);
            }
        });
        timeline.setId("show-call");
        timeline.setTooltip(new Tooltip("Show this line's call in the Timeline"));
        timeline.setOnAction(e -> {
            if (line != null && line.callId() != null && !line.callId().isEmpty()) {
                showCall.accept(line);
            }
        });
        tree.setId("show-call-graph");
        tree.setTooltip(new Tooltip("Show the tree this line's call belongs to"));
        tree.setOnAction(e -> {
            if (line != null && line.callId() != null && !line.callId().isEmpty()) {
                showTree.accept(line.callId());
            }
        });
        context.setId("context-list");
        context.setPrefHeight(200);
        context.setCellFactory(list -> new ListCell<>() {
            @Override
            protected void updateItem(LogLine item, boolean empty) {
                super.updateItem(item, empty);
                setText(
                        empty || item == null
                                ? null
                                : zone.full(item.timestamp()) + "  " + MessageCell.tellingLine(item.message()));
                setStyle(item != null && item.equals(line) ? "-fx-font-weight: bold;" : "");
            }
        });
        contextTitle.getStyleClass().add("text-muted");
        getChildren()
                .addAll(fields, message, new FlowPane(6, 6, copy, call, around, timeline, tree), contextTitle, context);
        show(null);
    }

    /**
     * Which links a line offers: "This call only" needs a call field; "Timeline" needs Callscope's
     * call events ({@code noTimeline} says why not, or is null when they are there).
     */
    /** The names to show beside function and app ids (the ids stay, in full). */
    void setNames(FunctionNames names) {
        this.names = names;
        show(line);
    }

    private FunctionNames names = FunctionNames.NONE;

    /** "generate" over its id "fu-01…" in a muted line, or just the id when it has no name. */
    private void namedRow(int r, String key, String name, String id) {
        if (name.equals(id) || id == null || id.isEmpty()) {
            row(r, key, id);
            return;
        }
        Label k = new Label(key);
        k.getStyleClass().add("text-muted");
        Label n = new Label(name);
        n.getStyleClass().add("log-mono");
        Label i = new Label(id);
        i.getStyleClass().addAll("log-mono", "text-muted");
        fields.addRow(r, k, new VBox(n, i));
    }

    void setLinks(boolean hasCall, String noTimeline) {
        call.setDisable(!hasCall);
        call.setTooltip(hasCall ? null : new Tooltip("This logs table has no call column"));
        timeline.setDisable(noTimeline != null);
        tree.setDisable(noTimeline != null);
        timeline.setTooltip(new Tooltip(noTimeline != null ? noTimeline : "Show this line's call in the Timeline"));
    }

    void onShowTree(Consumer<String> handler) {
        this.showTree = handler;
    }

    void show(LogLine selected) {
        this.line = selected;
        fields.getChildren().clear();
        context.getItems().clear();
        contextTitle.setText("Context: lines around it from the same container");
        if (selected == null) {
            message.setText("Select a line to see it in full.");
            return;
        }
        row(0, "Time", zone.full(selected.timestamp()) + " " + zone.label());
        row(1, "Level", selected.stream().isEmpty() ? selected.level() : selected.level() + " · " + selected.stream());
        namedRow(2, "App", names.app(selected.appId()), selected.appId());
        namedRow(3, "Function", names.function(selected.functionId()), selected.functionId());
        row(4, "Call", selected.callId());
        row(5, "Container", selected.containerId());
        message.setText(selected.message());
    }

    void showContext(LogLine of, List<LogLine> lines) {
        if (of.equals(line)) {
            context.getItems().setAll(lines);
            int at = lines.indexOf(of);
            if (at >= 0) {
                context.scrollTo(Math.max(0, at - 3));
            }
        }
    }

    private void row(int r, String name, String value) {
        Label k = new Label(name);
        k.getStyleClass().add("text-muted");
        Label v = new Label(value == null || value.isEmpty() ? "—" : value);
        v.getStyleClass().add("log-mono");
        fields.addRow(r, k, v);
    }

    void copy() {
        if (line == null) {
            return;
        }
        ClipboardContent content = new ClipboardContent();
        content.putString(LogsText.asText(line, zone, names));
        Clipboard.getSystemClipboard().setContent(content);
    }
}
