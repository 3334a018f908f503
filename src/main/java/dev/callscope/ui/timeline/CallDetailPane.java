package dev.callscope.ui.timeline;

import dev.callscope.calls.NoFinishEvent;
import dev.callscope.chart.TimeAxis;
import dev.callscope.logs.LogLine;
import dev.callscope.timeline.CallAttempt;
import dev.callscope.timeline.CallRebuild;
import dev.callscope.timeline.CallTimeline;
import dev.callscope.ui.common.TimeZoneChoice;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/** One call: its outcome, each attempt's stage durations, its raw events and its logs. */
final class CallDetailPane extends VBox {

    private final TimeZoneChoice zone;
    private final Label title = new Label("Click a call to see where its time went.");
    private final Label stages = new Label();
    private final ListView<String> events = new ListView<>();
    private final ListView<String> logs = new ListView<>();
    private CallTimeline call;

    /** Where "Call graph" sends the call's id. */
    private Consumer<String> showTree = id -> {};

    void onShowTree(Consumer<String> handler) {
        this.showTree = handler;
    }

    /** Where "Batch job" sends the job's id. */
    private Consumer<String> showBatch = id -> {};

    private final Button batch = new Button("Batch job");
    private String batchId;

    void onShowBatch(Consumer<String> handler) {
        this.showBatch = handler;
    }

    /** The job the shown call is an input of, or null: the "Batch job" button opens it. */
    void showBatch(String batchId, int index) {
        this.batchId = batchId;
        batch.setVisible(batchId != null);
        batch.setText(batchId == null ? "Batch job" : "Batch job (input " + index + ")");
    }

    /** The function's name (and app) by id, the id itself where none is known. */
    private final UnaryOperator<String> functionName;

    CallDetailPane(TimeZoneChoice zone, Consumer<String> openInLogs, UnaryOperator<String> functionName) {
        this.functionName = functionName;
        this.zone = zone;
        setId("call-detail");
        setSpacing(6);
        setPadding(new Insets(10));
        setMinWidth(300);
        title.setId("call-title");
        title.getStyleClass().add("title-4");
        title.setWrapText(true);
        stages.setId("call-stages");
        stages.setWrapText(true);
        stages.getStyleClass().add("log-mono");
        // a VBox shrinks children to their minimum when crowded; the stages must stay whole
        stages.setMinHeight(Region.USE_PREF_SIZE);
        title.setMinHeight(Region.USE_PREF_SIZE);
        events.setId("call-events");
        events.setPrefHeight(180);
        events.setMinHeight(96); // a long stage text must not squeeze the events out of sight
        logs.setId("call-logs");
        VBox.setVgrow(logs, Priority.ALWAYS);
        Button open = new Button("Open in Logs");
        open.setId("open-in-logs");
        open.setOnAction(e -> {
            if (call != null) {
                openInLogs.accept(call.callId());
            }
        });
        Button tree = new Button("Call graph");
        tree.setId("open-call-graph");
        tree.setOnAction(e -> {
            if (call != null) {
                showTree.accept(call.callId());
            }
        });
        batch.setId("open-batch");
        batch.managedProperty().bind(batch.visibleProperty());
        batch.setVisible(false);
        batch.setOnAction(e -> {
            if (batchId != null) {
                showBatch.accept(batchId);
            }
        });
        Button copy = new Button("Copy id");
        copy.setOnAction(e -> {
            if (call != null) {
                ClipboardContent c = new ClipboardContent();
                c.putString(call.callId());
                Clipboard.getSystemClipboard().setContent(c);
            }
        });
        Label eventsTitle = new Label("Events as delivered");
        eventsTitle.getStyleClass().add("text-muted");
        Label logsTitle = new Label("Logs");
        logsTitle.getStyleClass().add("text-muted");
        getChildren().addAll(title, stages, new HBox(6, open, tree, batch, copy), eventsTitle, events, logsTitle, logs);
    }

    CallTimeline call() {
        return call;
    }

    void show(CallTimeline c, Instant now) {
        if (call == null || !call.callId().equals(c.callId())) {
            showBatch(null, 0); // until the new call's job is read
        }
        this.call = c;
        events.getItems().clear();
        logs.getItems().clear();
        title.setText(c.callId() + "  ·  " + c.finalStatus().label());
        StringBuilder s = new StringBuilder();
        String name = functionName.apply(c.functionId());
        s.append("function  ").append(name).append('\n');
        if (!name.equals(c.functionId())) {
            s.append("          ").append(c.functionId()).append('\n');
        }
        s.append("enqueued  ")
                .append(zone.full(c.enqueuedAt()))
                .append(' ')
                .append(zone.label())
                .append('\n');
        s.append("end to end ")
                .append(TimeAxis.duration(c.endToEnd(now)))
                .append(c.last().finishedAt() == null ? " (so far)" : "")
                .append('\n');
        for (CallAttempt a : c.attempts()) {
            s.append(String.format(
                    "attempt %d on %s: %s%n",
                    a.attempt(),
                    a.containerId() == null || a.containerId().isEmpty() ? "no container yet" : a.containerId(),
                    a.status().label()));
            s.append("  queued      ")
                    .append(TimeAxis.duration(a.queueTime(now)))
                    .append('\n');
            if (a.coldStart()) {
                s.append("  cold start  ")
                        .append(TimeAxis.duration(a.coldStartTime(now)))
                        .append('\n');
            }
            s.append("  running     ")
                    .append(TimeAxis.duration(a.runTime(now)))
                    .append(a.isRunning() ? " (so far)" : "")
                    .append('\n');
            if (a.noFinishEvent()) {
                // the rule every view shares: counted to now, at most a day after it began using a container
                s.append("  no finish event: ")
                        .append(
                                a.pastOpenBound(now)
                                        ? "counted up to " + zone.full(a.end(now)) + ", "
                                                + TimeAxis.duration(NoFinishEvent.MAX_OPEN)
                                                + " after it began (its finish event is missing)"
                                        : a.isWaiting() && !(a.coldStart() && a.coldStartBegan() != null)
                                                ? "still waiting for a container"
                                                : "still running, or its finish event is late")
                        .append('\n');
            }
            if (a.error() != null && !a.error().isEmpty()) {
                s.append("  error       ").append(a.error()).append('\n');
            }
        }
        stages.setText(s.toString().stripTrailing());
    }

    void showEvents(String callId, List<CallRebuild.RawEvent> raw) {
        if (call == null || !call.callId().equals(callId)) {
            return;
        }
        events.getItems()
                .setAll(raw.stream()
                        .map(e -> zone.full(e.at()) + "  #" + e.attempt() + "  " + e.type()
                                + (e.status().equals("pending") ? "" : "  " + e.status())
                                + (e.containerId().isEmpty() ? "" : "  " + e.containerId()))
                        .toList());
    }

    void showLogs(String callId, List<LogLine> lines) {
        if (call == null || !call.callId().equals(callId)) {
            return;
        }
        logs.getItems()
                .setAll(lines.stream()
                        .map(l -> zone.full(l.timestamp()) + " " + l.level() + "  "
                                + l.message().lines().findFirst().orElse(""))
                        .toList());
        if (lines.isEmpty()) {
            logs.setPlaceholder(new Label("No log lines for this call."));
        }
    }
}
