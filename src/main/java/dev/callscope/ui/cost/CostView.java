package dev.callscope.ui.cost;

import dev.callscope.app.ConnectionTarget;
import dev.callscope.calls.EventSchema;
import dev.callscope.calls.FunctionDirectory;
import dev.callscope.calls.FunctionDirectory.FunctionInfo;
import dev.callscope.chart.ChartFiles;
import dev.callscope.chart.LineChart;
import dev.callscope.chart.Palette;
import dev.callscope.cost.CostChart;
import dev.callscope.cost.CostQuery;
import dev.callscope.cost.CostRow;
import dev.callscope.cost.CostTableCsv;
import dev.callscope.cost.PriceStore;
import dev.callscope.cost.Prices;
import dev.callscope.engine.Engine;
import dev.callscope.engine.EngineException;
import dev.callscope.schema.Schema;
import dev.callscope.time.TimeRange;
import dev.callscope.time.TimeSpec;
import dev.callscope.ui.common.BackgroundExport;
import dev.callscope.ui.common.ChartCanvas;
import dev.callscope.ui.common.ExportMenu;
import dev.callscope.ui.common.FunctionsPicker;
import dev.callscope.ui.common.LatestTaskRunner;
import dev.callscope.ui.common.Money;
import dev.callscope.ui.common.RangeField;
import dev.callscope.ui.common.TimeZoneChoice;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;

/**
 * The Cost tab: what functions cost per day (stacked bars) and over the range (a table per function
 * or per app, with a total), at a price table the user edits and that is saved per connection; and
 * what a range of call ids cost. Queries and file I/O run in the background, the latest request
 * winning; results are applied on the FX thread.
 */
public final class CostView extends BorderPane {

    /** The call events the view reads. */
    private EventSchema events;

    private final TimeZoneChoice zone;
    private final PriceStore store;
    private final LatestTaskRunner setup;
    private final LatestTaskRunner queries;
    private final LatestTaskRunner files;
    private final LatestTaskRunner exports;
    private final RangeField rangeBox;
    private final FunctionsPicker functions;
    private final ToggleButton byFunction = new ToggleButton("By function");
    private final ToggleButton byApp = new ToggleButton("By app");
    private final ToggleButton editPrices = new ToggleButton("Edit prices");
    /** What the calls of an id range cost: the row under the controls. */
    private final CallRangeCost callRange;

    private static final String EXAMPLES_NOTE = "Example prices, not a quote — edit them";
    private final Label examples = new Label(EXAMPLES_NOTE);
    private final Label status = new Label("Not connected.");
    private final ChartCanvas chart;
    private final CostTable table = new CostTable();
    private final PriceEditor editor = new PriceEditor(this::applyPrices);

    private Engine engine;
    private String priceKey;
    private Prices prices = Prices.EXAMPLES;
    private List<CostRow> days;
    private TimeRange daysRange;
    private boolean dark;

    public CostView(ExecutorService executor, TimeZoneChoice zone, PriceStore store) {
        this(executor, zone, store, Schema.DATABASE);
    }

    /** On another database than Callscope's own (tests). */
    public CostView(ExecutorService executor, TimeZoneChoice zone, PriceStore store, String database) {
        this.events = EventSchema.canonical(database);
        this.zone = zone;
        this.store = store;
        this.setup = new LatestTaskRunner(executor, Platform::runLater);
        this.queries = new LatestTaskRunner(executor, Platform::runLater);
        this.callRange = new CallRangeCost(
                new LatestTaskRunner(executor, Platform::runLater), () -> engine, () -> events, () -> prices);
        this.files = new LatestTaskRunner(executor, Platform::runLater);
        this.exports = new LatestTaskRunner(executor, Platform::runLater);
        this.chart = new ChartCanvas(zone, "cost-chart");
        this.rangeBox = new RangeField("cost-range", zone, Duration.ofDays(7), this::load, status::setText);
        this.functions = new FunctionsPicker("cost-functions", 220, this::load);
        setId("cost-view");

        ToggleGroup grouping = new ToggleGroup();
        byFunction.setToggleGroup(grouping);
        byApp.setToggleGroup(grouping);
        byFunction.setSelected(true);
        byFunction.setId("cost-by-function");
        byApp.setId("cost-by-app");
        grouping.selectedToggleProperty().addListener((obs, a, b) -> {
            if (b == null) {
                a.setSelected(true); // one of the two is always on
            } else {
                showTable();
            }
        });
        editPrices.setId("cost-edit-prices");
        editPrices.setSelected(false);
        editor.visibleProperty().bind(editPrices.selectedProperty());
        editor.managedProperty().bind(editPrices.selectedProperty());
        MenuButton export = ExportMenu.create(
                "cost-export",
                "Export",
                "callscope-cost",
                true,
                this,
                (path, format, scale) -> export(path, format, scale, null));
        MenuItem tableCsv = new MenuItem("Table as CSV…");
        tableCsv.setOnAction(e -> {
            FileChooser chooser = new FileChooser();
            chooser.setInitialFileName("callscope-cost-table.csv");
            File f = chooser.showSaveDialog(
                    getScene() == null ? null : getScene().getWindow());
            if (f != null) {
                exportTable(f.toPath(), null);
            }
        });
        export.getItems().add(tableCsv);
        HBox controls = new HBox(8, rangeBox, functions, byFunction, byApp, editPrices, export);
        controls.setAlignment(Pos.CENTER_LEFT);

        examples.setId("cost-examples");
        examples.getStyleClass().add("cost-examples");
        examples.setTooltip(
                new Tooltip("These are round example prices. Enter your provider's prices with Edit prices."));
        examples.setOnMouseClicked(e -> editPrices.setSelected(true));
        examples.managedProperty().bind(examples.visibleProperty());
        status.setId("cost-status");
        status.getStyleClass().add("text-muted");
        HBox info = new HBox(12, examples, status);
        info.setAlignment(Pos.CENTER_LEFT);
        VBox top = new VBox(6, controls, callRange, info);
        top.setPadding(new Insets(8, 10, 6, 10));

        SplitPane split = new SplitPane(chart, table);
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.5);
        HBox center = new HBox(8, split, editor);
        HBox.setHgrow(split, Priority.ALWAYS);
        setTop(top);
        setCenter(center);
        BorderPane.setMargin(center, new Insets(0, 10, 10, 10));
        showPrices(Prices.EXAMPLES);
    }

    /** The key of a connection's price table: its data directory, or its server and database. */
    public static String priceKey(ConnectionTarget target) {
        return PriceStore.key(
                switch (target) {
                    case ConnectionTarget.Embedded e ->
                        "embedded " + e.dataDir().toAbsolutePath();
                    case ConnectionTarget.Remote r -> r.url() + " " + r.database();
                });
    }

    /** The prices in use (the Timeline prices its selection with them). */
    public Prices prices() {
        return prices;
    }

    public void setDark(boolean dark) {
        this.dark = dark;
        chart.setPalette(Palette.of(dark));
        showChart();
    }

    /** Where the call events are (Callscope's table or a mapping); takes effect at the next {@code setEngine}. */
    public void setEvents(EventSchema events) {
        this.events = events;
    }

    /** Connects the view (null when disconnected); {@code key} names the connection's price table. */
    public void setEngine(Engine engine, String key) {
        this.engine = engine;
        this.priceKey = key;
        setup.cancel();
        queries.cancel();
        callRange.clear();
        days = null;
        table.getItems().clear();
        chart.show((LineChart) null);
        if (engine == null) {
            status.setText("Not connected.");
            return;
        }
        status.setText("Loading prices and functions…");
        FunctionDirectory directory = new FunctionDirectory(events);
        setup.submit(
                engine,
                s -> {
                    PriceStore.Loaded loaded =
                            key == null ? new PriceStore.Loaded(Prices.EXAMPLES, null) : store.load(key);
                    FunctionDirectory.Recent recent = directory.recent(s, Duration.ofDays(30));
                    return new Setup(loaded.prices(), loaded.problem(), recent.end(), recent.functions());
                },
                found -> {
                    showPrices(found.prices(), found.problem());
                    rangeBox.setNewestData(found.newest());
                    functions.getItems().setAll(found.functions());
                    load();
                },
                error -> status.setText("No Callscope events on this connection: " + error));
    }

    private record Setup(Prices prices, String problem, Instant newest, List<FunctionInfo> functions) {}

    /** Shows a range (from another tab, or a test). */
    public void showRange(TimeRange range) {
        rangeBox.setSpec(new TimeSpec.Between(range.from(), range.to()));
        load();
    }

    private void showPrices(Prices p) {
        showPrices(p, null);
    }

    /** {@code problem}: why the saved table is not shown (it stays in view until prices are saved). */
    private void showPrices(Prices p, String problem) {
        prices = p;
        editor.show(p);
        examples.setText(problem == null ? EXAMPLES_NOTE : "⚠ " + problem + " — edit them");
        examples.getStyleClass().remove("danger");
        if (problem != null) {
            examples.getStyleClass().add("danger");
        }
        examples.setVisible(p.examples());
    }

    private void load() {
        if (engine == null || !rangeBox.knowsData()) {
            return;
        }
        TimeRange range = rangeBox.range();
        List<String> ids = functions.getCheckModel().getCheckedItems().stream()
                .map(FunctionInfo::functionId)
                .toList();
        Prices p = prices;
        CostQuery q = new CostQuery(events);
        long started = System.nanoTime();
        status.setText("Computing…");
        queries.submit(
                engine,
                s -> q.byDay(s, range, ids, p),
                rows -> {
                    days = rows;
                    daysRange = range;
                    editor.addGpuTypes(
                            rows.stream().map(CostRow::gpuType).distinct().toList());
                    showChart();
                    showTable();
                    CostRow total = CostQuery.total(rows); // the table's last row, here too so it needs no scrolling
                    status.setText(String.format(
                                    Locale.ROOT,
                                    "Total %s billed + %s idle · %d functions · %d days with costs · %d ms",
                                    Money.format(total.cost()),
                                    Money.format(total.idleCost()),
                                    CostQuery.byFunction(rows).size(),
                                    rows.stream().map(CostRow::day).distinct().count(),
                                    (System.nanoTime() - started) / 1_000_000)
                            + (q.hasIdleTime() ? "" : ". " + events.noContainerLifetimes() + "."));
                },
                error -> status.setText("Could not compute costs: " + error));
    }

    private void showChart() {
        if (days != null) {
            chart.show(CostChart.of(days, daysRange, prices, Palette.of(dark)));
        }
    }

    private void showTable() {
        if (days == null) {
            return;
        }
        List<CostRow> rows = new ArrayList<>(CostQuery.byFunction(days));
        if (byApp.isSelected()) {
            rows = new ArrayList<>(CostQuery.byApp(rows));
        }
        table.groupedByApp(byApp.isSelected());
        if (!rows.isEmpty()) {
            rows.add(CostQuery.total(rows));
        }
        table.getItems().setAll(rows);
    }

    private void applyPrices(Prices p) {
        showPrices(p);
        String key = priceKey;
        if (engine != null && key != null) {
            files.submit(
                    engine,
                    s -> {
                        try {
                            store.save(key, p);
                            return "Prices saved.";
                        } catch (IOException e) {
                            throw new EngineException(0, "Could not save the prices: " + e.getMessage(), e);
                        }
                    },
                    status::setText,
                    status::setText);
        }
        load();
        callRange.recompute();
    }

    /** Writes the chart (PNG at {@code scale}, SVG, PDF) or its per-function, per-day CSV, in the background. */
    public void export(Path destination, String format, int scale, Consumer<String> done) {
        if (days == null) {
            return;
        }
        var drawing = CostChart.drawing(days, daysRange, prices, Palette.of(dark), zone.zone());
        double w = chart.getWidth();
        double h = chart.getHeight();
        BackgroundExport.submit(
                exports,
                engine,
                destination,
                out -> ChartFiles.writeTo(drawing, w, h, format, scale, out),
                status::setText,
                done);
    }

    /** Writes the table as shown (grouping and total row) as CSV, in the background. */
    public void exportTable(Path destination, Consumer<String> done) {
        List<CostRow> rows = List.copyOf(table.getItems());
        BackgroundExport.submit(
                exports, engine, destination, out -> CostTableCsv.write(rows, out), status::setText, done);
    }

    /** For tests. */
    CostTable table() {
        return table;
    }

    PriceEditor editor() {
        return editor;
    }

    Label examplesLabel() {
        return examples;
    }

    Label callsCostLabel() {
        return callRange.result();
    }

    ChartCanvas chartCanvas() {
        return chart;
    }

    TextField fromCallField() {
        return callRange.fromField();
    }

    Label statusLabel() {
        return status;
    }

    public ToggleButton byAppToggle() {
        return byApp;
    }
}
