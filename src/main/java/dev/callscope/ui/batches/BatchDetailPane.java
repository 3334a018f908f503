package dev.callscope.ui.batches;

import dev.callscope.batches.BatchInput;
import dev.callscope.batches.BatchJob;
import dev.callscope.batches.BatchProgress;
import dev.callscope.chart.LineChart;
import dev.callscope.chart.LineChartPainter;
import dev.callscope.chart.Palette;
import dev.callscope.ui.common.ChartCanvas;
import dev.callscope.ui.common.Money;
import dev.callscope.ui.common.TableColumns;
import dev.callscope.ui.common.TimeZoneChoice;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * One batch job: its numbers in two lines, its progress (done, failed, pending stacked) and inputs a second, and its
 * slowest inputs; buttons open the failed inputs' logs, and an input's call in the Timeline.
 */
final class BatchDetailPane extends VBox {

    /** Failed inputs whose logs one search opens at most (the search box takes them as call: terms). */
    static final int LOGS_OF_AT_MOST = 50;

    private final TimeZoneChoice zone;
    private final Label title = new Label("Select a job to see its progress.");
    private final Label numbers = new Label();
    private final Label times = new Label();
    private final ChartCanvas progress;
    private final ChartCanvas throughput;
    private final TableView<BatchInput> slowest = new TableView<>();
    private final Button failedLogs = new Button("Logs of failed inputs");
    private BatchJob job;
    private Palette palette = Palette.light();

    BatchDetailPane(TimeZoneChoice zone, Consumer<String> openLogs, Consumer<String> openInTimeline, Node export) {
        this.zone = zone;
        this.progress = new ChartCanvas(zone, "batch-progress");
        this.throughput = new ChartCanvas(zone, "batch-throughput");
        title.getStyleClass().add("title-4");
        title.setId("batch-title");
        numbers.setId("batch-numbers");
        times.setId("batch-times");
        times.getStyleClass().add("text-muted");
        numbers.setWrapText(true);
        times.setWrapText(true);
        failedLogs.setId("batch-failed-logs");
        failedLogs.setDisable(true);
        failedLogs.setOnAction(e -> {
            if (job != null && !job.failedInputs().isEmpty()) {
                openLogs.accept(job.failedInputs().stream()
                        .limit(LOGS_OF_AT_MOST)
                        .map(i -> "call:" + i.callId())
                        .collect(Collectors.joining(" OR ")));
            }
        });
        Button timeline = new Button("Open input in Timeline");
        timeline.setId("batch-open-timeline");
        timeline.setOnAction(e -> {
            BatchInput in = slowest.getSelectionModel().getSelectedItem();
            if (in != null) {
                openInTimeline.accept(in.callId());
            }
        });
        HBox actions = new HBox(8, title, failedLogs, timeline, export);
        actions.setAlignment(Pos.CENTER_LEFT);
        buildSlowest();
        slowest.setPrefWidth(480);
        slowest.setMinWidth(330);
        VBox charts = new VBox(6, progress, throughput);
        VBox.setVgrow(progress, Priority.ALWAYS);
        throughput.setPrefHeight(150);
        throughput.setMinHeight(120);
        HBox body = new HBox(8, charts, slowest);
        HBox.setHgrow(charts, Priority.ALWAYS);
        VBox.setVgrow(body, Priority.ALWAYS);
        getChildren().addAll(actions, numbers, times, body);
        setSpacing(4);
        setPadding(new Insets(6, 0, 0, 0));
    }

    private void buildSlowest() {
        slowest.setId("batch-slowest");
        slowest.getColumns()
                .setAll(List.of(
                        TableColumns.<BatchInput, Integer>number(
                                "Input", 65, BatchInput::index, v -> Integer.toString(v)),
                        TableColumns.<BatchInput, Long>number(
                                "Run", 80, i -> i.run().toMillis(), v -> LineChartPainter.formatValue(v, "ms")),
                        TableColumns.<BatchInput, Integer>number(
                                "Attempts", 90, BatchInput::attempts, v -> Integer.toString(v)),
                        TableColumns.<BatchInput>text(
                                "Outcome", 90, i -> i.pending() ? "pending" : i.failed() ? "failed" : "done"),
                        TableColumns.<BatchInput>text(
                                "Call",
                                115,
                                i -> i.callId().length() > 10
                                        ? "…" + i.callId().substring(i.callId().length() - 8)
                                        : i.callId())));
        slowest.setPlaceholder(new Label("No input has finished yet."));
    }

    void setPalette(Palette p) {
        this.palette = p;
        progress.setPalette(p);
        throughput.setPalette(p);
        if (job != null) {
            show(job);
        }
    }

    void clear() {
        job = null;
        title.setText("Select a job to see its progress.");
        numbers.setText("");
        times.setText("");
        progress.show((LineChart) null);
        throughput.show((LineChart) null);
        slowest.getItems().clear();
        failedLogs.setDisable(true);
    }

    void show(BatchJob j) {
        title.setText(j.functionName() + " · " + j.batchId());
        numbers.setText(numbersOf(j));
        times.setText(timesOf(j));
        var drawn = BatchProgress.of(j, palette);
        progress.show(drawn);
        throughput.show(BatchProgress.throughput(j, drawn, palette));
        slowest.getItems().setAll(j.slowest());
        failedLogs.setDisable(j.failedInputs().isEmpty());
        failedLogs.setText(
                j.failedInputs().size() > LOGS_OF_AT_MOST
                        ? "Logs of the first " + LOGS_OF_AT_MOST + " failed inputs"
                        : "Logs of failed inputs");
        this.job = j; // last: what a test (or an export) waits on is set once the labels show it
    }

    BatchJob job() {
        return job;
    }

    ChartCanvas progressChart() {
        return progress;
    }

    private String numbersOf(BatchJob j) {
        Instant eta = j.eta();
        String when = j.pending() == 0
                ? "finished in " + duration(j.wall())
                : eta == null
                        ? "no input finished in the last " + BatchJob.RECENT.toMinutes() + " min: no ETA"
                        : "ETA " + clock(eta) + " (in " + duration(Duration.between(j.now(), eta)) + ")";
        return String.format(
                Locale.ROOT,
                "%,d inputs · %,d done · %,d failed · %,d pending · %,d retries (%,d inputs) · %.1f inputs/s · %s · %s%s",
                j.inputs().size(),
                j.done(),
                j.failed(),
                j.pending(),
                j.retries(),
                j.retriedInputs(),
                j.throughput(),
                when,
                Money.format(j.cost()),
                j.pending() == 0 ? "" : " so far");
    }

    private String timesOf(BatchJob j) {
        BatchJob.Percentiles run = j.run();
        BatchJob.Percentiles lat = j.latency();
        double tail = j.stragglerShare();
        String stragglers = Double.isNaN(tail)
                ? "straggler tail: when every input has finished"
                : String.format(Locale.ROOT, "the last 1 %% of inputs took %.1f %% of the wall time", tail * 100);
        return "run of an input p50 " + ms(run.p50()) + " · p90 " + ms(run.p90()) + " · p99 " + ms(run.p99())
                + "   enqueue to finish p50 " + ms(lat.p50()) + " · p90 " + ms(lat.p90()) + " · p99 " + ms(lat.p99())
                + "   " + stragglers;
    }

    private static String ms(Duration d) {
        return d == null ? "—" : LineChartPainter.formatValue(d.toNanos() / 1e6, "ms");
    }

    private static String duration(Duration d) {
        return LineChartPainter.formatValue(d.toNanos() / 1e6, "ms");
    }

    private String clock(Instant t) {
        return DateTimeFormatter.ofPattern("HH:mm:ss").withZone(zone.zone()).format(t);
    }
}
