package dev.callscope.ui.batches;

import dev.callscope.batches.BatchInputsCsv;
import dev.callscope.batches.BatchJob;
import dev.callscope.batches.BatchProgress;
import dev.callscope.batches.BatchQuery;
import dev.callscope.batches.BatchSummary;
import dev.callscope.calls.EventSchema;
import dev.callscope.calls.FunctionDirectory;
import dev.callscope.chart.ChartFiles;
import dev.callscope.chart.LineChartPainter;
import dev.callscope.chart.Palette;
import dev.callscope.cost.Prices;
import dev.callscope.engine.Engine;
import dev.callscope.engine.QueryStats;
import dev.callscope.schema.Schema;
import dev.callscope.time.TimeRange;
import dev.callscope.ui.common.BackgroundExport;
import dev.callscope.ui.common.ExportMenu;
import dev.callscope.ui.common.LatestTaskRunner;
import dev.callscope.ui.common.Money;
import dev.callscope.ui.common.RangeField;
import dev.callscope.ui.common.TableColumns;
import dev.callscope.ui.common.TimeZoneChoice;
import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.stage.FileChooser;

/**
 * The Batches tab: the jobs ({@code .map} over inputs) with an input enqueued in the range, each counted whole (inputs,
 * done, failed, pending, retries, throughput, ETA, cost so far); and the selected job's progress, inputs a second,
 * input percentiles, straggler tail and slowest inputs ({@link BatchDetailPane}). Read in the background.
 */
public final class BatchesView extends BorderPane {

    private final TimeZoneChoice zone;
    private final Consumer<QueryStats> statsSink;
    private final LatestTaskRunner setup;
    private final LatestTaskRunner list;
    private final LatestTaskRunner detail;
    private final LatestTaskRunner exports;
    private final RangeField rangeBox;
    private final Label status = new Label("Not connected.");
    private final TableView<BatchSummary> jobs = new TableView<>();
    private final BatchDetailPane pane;
    private Supplier<Prices> prices = () -> Prices.EXAMPLES;
    private EventSchema events = EventSchema.canonical(Schema.DATABASE);
    private Engine engine;
    private boolean dark;
    /** A job asked for by id before the list was read: selected (and shown) when it is. */
    private String wanted;
    /** What the list said (the selected job's read time is added to it). */
    private String listStatus = "";
    /** Whether the list of the current range has been read (a job asked for by id waits for it). */
    private boolean listed;

    public BatchesView(
            ExecutorService executor,
            TimeZoneChoice zone,
            Consumer<QueryStats> statsSink,
            Consumer<String> openLogs,
            Consumer<String> openInTimeline) {
        this.zone = zone;
        this.statsSink = statsSink;
        this.setup = new LatestTaskRunner(executor, Platform::runLater);
        this.list = new LatestTaskRunner(executor, Platform::runLater);
        this.detail = new LatestTaskRunner(executor, Platform::runLater);
        this.exports = new LatestTaskRunner(executor, Platform::runLater);
        this.rangeBox = new RangeField("batches-range", zone, Duration.ofHours(24), this::load, this::showProblem);
        setId("batches-view");
        status.setId("batches-status");
        status.getStyleClass().add("text-muted");
        HBox controls = new HBox(8, rangeBox, status);
        controls.setAlignment(Pos.CENTER_LEFT);
        MenuButton export = ExportMenu.create(
                "batch-export",
                "Export chart",
                "callscope-batch",
                true,
                this,
                (path, format, scale) -> export(path, format, scale, null));
        MenuItem inputs = new MenuItem("Inputs as CSV…");
        inputs.setOnAction(e -> {
            FileChooser chooser = new FileChooser();
            chooser.setInitialFileName("callscope-batch-inputs.csv");
            File f = chooser.showSaveDialog(
                    getScene() == null ? null : getScene().getWindow());
            if (f != null) {
                exportInputs(f.toPath(), null);
            }
        });
        export.getItems().add(inputs);
        this.pane = new BatchDetailPane(zone, openLogs, openInTimeline, export);
        buildTable();
        SplitPane split = new SplitPane(jobs, pane);
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.3);
        HBox top = new HBox(controls);
        top.setPadding(new Insets(8, 10, 6, 10));
        setTop(top);
        setCenter(split);
        BorderPane.setMargin(split, new Insets(0, 10, 10, 10));
    }

    private void buildTable() {
        jobs.setId("batches-table");
        DateTimeFormatter started = DateTimeFormatter.ofPattern("MM-dd HH:mm:ss");
        jobs.getColumns()
                .setAll(List.of(
                        TableColumns.<BatchSummary>text(
                                "Started",
                                140,
                                s -> started.withZone(zone.zone()).format(s.firstEnqueued())),
                        TableColumns.<BatchSummary>text("Function", 180, BatchSummary::functionName),
                        TableColumns.<BatchSummary, Integer>number(
                                "Inputs", 80, BatchSummary::inputs, BatchesView::count),
                        TableColumns.<BatchSummary, Integer>number("Done", 80, BatchSummary::done, BatchesView::count),
                        TableColumns.<BatchSummary, Integer>number(
                                "Failed", 70, BatchSummary::failed, BatchesView::count),
                        TableColumns.<BatchSummary, Integer>number(
                                "Pending", 80, BatchSummary::pending, BatchesView::count),
                        TableColumns.<BatchSummary, Integer>number(
                                "Retries", 80, BatchSummary::retries, BatchesView::count),
                        TableColumns.<BatchSummary, Double>number(
                                "Inputs/s", 80, BatchSummary::throughput, v -> String.format(Locale.ROOT, "%.1f", v)),
                        TableColumns.<BatchSummary>text("ETA", 100, this::etaText),
                        TableColumns.<BatchSummary, Long>number(
                                "Wall", 80, s -> s.wall().toMillis(), v -> LineChartPainter.formatValue(v, "ms")),
                        TableColumns.<BatchSummary, Double>number("Cost", 90, BatchSummary::cost, Money::format),
                        TableColumns.<BatchSummary>text("Job", 250, BatchSummary::batchId)));
        jobs.setPlaceholder(new Label("No batch job had an input enqueued in this range."));
        jobs.getSelectionModel().selectedItemProperty().addListener((obs, a, b) -> showJob(b));
    }

    private static String count(Integer v) {
        return String.format(Locale.ROOT, "%,d", v);
    }

    private String etaText(BatchSummary s) {
        if (s.pending() == 0) {
            return "done";
        }
        Instant eta = s.eta();
        return eta == null
                ? "—"
                : DateTimeFormatter.ofPattern("HH:mm:ss").withZone(zone.zone()).format(eta);
    }

    /** Where the Cost tab's prices come from. */
    public void pricedBy(Supplier<Prices> prices) {
        this.prices = prices;
    }

    public void setEvents(EventSchema events) {
        this.events = events;
    }

    public void setDark(boolean dark) {
        this.dark = dark;
        pane.setPalette(Palette.of(dark));
    }

    public void setEngine(Engine engine) {
        this.engine = engine;
        listed = false;
        setup.cancel();
        list.cancel();
        detail.cancel();
        jobs.getItems().clear();
        pane.clear();
        if (engine == null) {
            status.setText("Not connected.");
            return;
        }
        status.setText("Finding the newest event…");
        FunctionDirectory directory = new FunctionDirectory(events);
        setup.submit(
                engine,
                directory::newestEvent,
                newest -> {
                    rangeBox.setNewestData(newest);
                    load();
                },
                error -> status.setText("Could not read the events table: " + error));
    }

    /**
     * Shows the job {@code batchId}: selected in the list when the range lists it, else shown below the list on its own
     * (the range is kept).
     */
    public void showBatch(String batchId) {
        wanted = batchId;
        if (!listed) {
            return; // the list is being read: load() shows it
        }
        jobs.getItems().stream()
                .filter(s -> s.batchId().equals(batchId))
                .findFirst()
                .ifPresentOrElse(s -> jobs.getSelectionModel().select(s), () -> {
                    jobs.getSelectionModel().clearSelection();
                    showJob(batchId, rangeBox.now());
                });
        wanted = null;
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
        Instant now = rangeBox.now();
        listed = false;
        Prices p = prices.get();
        status.setText("Counting jobs…");
        long started = System.nanoTime();
        BatchQuery q = new BatchQuery(events);
        list.submit(
                engine,
                s -> q.list(s, range, now, p),
                found -> {
                    String keep = jobs.getSelectionModel().getSelectedItem() != null
                            ? jobs.getSelectionModel().getSelectedItem().batchId()
                            : wanted;
                    jobs.getItems().setAll(found);
                    listStatus = String.format(
                            Locale.ROOT,
                            "%d jobs with an input enqueued in %s · %,d inputs · %d ms",
                            found.size(),
                            range.text(zone.zone()),
                            found.stream().mapToLong(BatchSummary::inputs).sum(),
                            (System.nanoTime() - started) / 1_000_000);
                    status.setText(listStatus);
                    listed = true;
                    var kept = jobs.getItems().stream()
                            .filter(s -> s.batchId().equals(keep))
                            .findFirst();
                    if (kept.isPresent()) {
                        jobs.getSelectionModel().select(kept.get());
                    } else if (keep != null && keep.equals(wanted)) {
                        showJob(wanted, now); // asked for by id, outside the range: shown on its own
                    } else {
                        jobs.getSelectionModel().selectFirst();
                    }
                    wanted = null;
                },
                error -> status.setText("Could not read the batch jobs: " + error));
    }

    private void showJob(BatchSummary s) {
        if (s == null) {
            return; // a job shown by id stays until another is selected
        }
        showJob(s.batchId(), s.now());
    }

    private void showJob(String batchId, Instant now) {
        if (engine == null) {
            pane.clear();
            return;
        }
        Prices p = prices.get();
        BatchQuery q = new BatchQuery(events);
        long started = System.nanoTime();
        detail.submit(
                engine,
                scope -> q.load(scope, batchId, now, p),
                r -> {
                    pane.show(r.job());
                    statsSink.accept(r.stats());
                    status.setText(String.format(
                            Locale.ROOT,
                            "%s · selected job: %,d inputs in %d ms%s",
                            listStatus,
                            r.job().inputs().size(),
                            (System.nanoTime() - started) / 1_000_000,
                            r.cut() ? " (cut at " + BatchQuery.MAX_INPUTS + ")" : ""));
                },
                error -> status.setText("Could not read the job " + batchId + ": " + error));
    }

    /** Writes the progress chart as shown (PNG, SVG or its data as CSV). */
    public void export(Path destination, String format, int scale, Consumer<String> done) {
        BatchJob job = pane.job();
        if (job == null) {
            return;
        }
        var chart = BatchProgress.of(job, Palette.of(dark));
        double w = pane.progressChart().getWidth();
        double h = pane.progressChart().getHeight();
        Palette p = Palette.of(dark);
        ZoneId z = zone.zone();
        BackgroundExport.submit(
                exports,
                engine,
                destination,
                out -> ChartFiles.writeTo(chart, w, h, p, z, format, scale, out),
                status::setText,
                done);
    }

    /** Writes the selected job's inputs as CSV, one row per input. */
    public void exportInputs(Path destination, Consumer<String> done) {
        BatchJob job = pane.job();
        if (job != null) {
            BackgroundExport.submit(
                    exports, engine, destination, out -> BatchInputsCsv.write(job, out), status::setText, done);
        }
    }

    /** For tests. */
    public TableView<BatchSummary> table() {
        return jobs;
    }

    /** For tests: the job shown below the list, or null. */
    public BatchJob shownJob() {
        return pane.job();
    }
}
