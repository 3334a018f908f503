package dev.callscope.ui.logs;

import dev.callscope.engine.Engine;
import dev.callscope.logs.FunctionNames;
import dev.callscope.logs.LogPatterns;
import dev.callscope.logs.LogSearch;
import dev.callscope.logs.PatternsCsv;
import dev.callscope.logs.search.SearchExpr;
import dev.callscope.time.Durations;
import dev.callscope.time.TimeRange;
import dev.callscope.ui.common.BackgroundExport;
import dev.callscope.ui.common.LatestTaskRunner;
import dev.callscope.ui.common.TimeZoneChoice;
import java.io.File;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.stage.FileChooser;

/**
 * The Logs tab's Patterns mode: every match of the search grouped by pattern, counted by
 * ClickHouse over the whole range (newest windows first, shown as they come), with each pattern's
 * share, trend, change against the previous period, when it was first and last seen, its levels
 * and functions. Opening a pattern (double-click, Enter, or the button) filters the lines to it.
 */
final class PatternsPane extends VBox {

    private final LatestTaskRunner runner;
    private final LatestTaskRunner exports;
    private final TimeZoneChoice zone;
    private final Consumer<String> openPattern;
    private final ObservableList<LogPatterns.Pattern> rows = FXCollections.observableArrayList();
    private final TableView<LogPatterns.Pattern> table = new TableView<>(rows);
    private final Label status = new Label();
    private FunctionNames names = FunctionNames.NONE;
    private LogPatterns.Result shown;
    private boolean dark;
    private Engine engine;

    /** @param openPattern gets the search term of a pattern the user opens ({@code pattern:"…"}) */
    PatternsPane(LatestTaskRunner runner, LatestTaskRunner exports, TimeZoneChoice zone, Consumer<String> openPattern) {
        super(6);
        this.runner = runner;
        this.exports = exports;
        this.zone = zone;
        this.openPattern = openPattern;
        setId("patterns-pane");
        status.setId("patterns-status");
        status.getStyleClass().add("text-muted");
        Button open = new Button("Show these lines");
        open.setId("pattern-open");
        open.setOnAction(e -> openSelected());
        Button export = new Button("Export CSV…");
        export.setId("patterns-export");
        export.setOnAction(e -> chooseExportFile());
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox bar = new HBox(8, status, gap, open, export);
        bar.setAlignment(Pos.CENTER_LEFT);
        buildTable();
        VBox.setVgrow(table, Priority.ALWAYS);
        getChildren().setAll(table, bar);
        setPadding(new Insets(0, 0, 4, 0));
    }

    private void buildTable() {
        table.setId("patterns-table");
        table.setPlaceholder(new Label("No matching lines in this range."));
        TableColumn<LogPatterns.Pattern, String> pattern = column("Pattern", 440, LogPatterns.Pattern::text);
        pattern.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty ? null : item);
                setTooltip(empty || item == null ? null : new Tooltip(item)); // whole, where the column cuts it
                if (!getStyleClass().contains("log-mono")) {
                    getStyleClass().add("log-mono");
                }
            }
        });
        TableColumn<LogPatterns.Pattern, Long> count =
                number("Count", 80, LogPatterns.Pattern::count, v -> String.format(Locale.ROOT, "%,d", v));
        TableColumn<LogPatterns.Pattern, Double> share = number(
                "Share",
                64,
                p -> shown == null || shown.total() == 0 ? 0.0 : (double) p.count() / shown.total(),
                v -> v < 0.001 ? "<0.1 %" : String.format(Locale.ROOT, "%.1f %%", v * 100));
        TableColumn<LogPatterns.Pattern, long[]> trend = new TableColumn<>("Trend");
        trend.setPrefWidth(110);
        trend.setSortable(false);
        trend.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().trend()));
        trend.setCellFactory(c -> new SparkCell());
        // sorted by the change against the previous period: new patterns and growing ones first
        TableColumn<LogPatterns.Pattern, Long> change = number("Change", 80, LogPatterns.Pattern::change, v -> "");
        change.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(Long item, boolean empty) {
                super.updateItem(item, empty);
                LogPatterns.Pattern p =
                        empty || getTableRow() == null ? null : getTableRow().getItem();
                setText(
                        p == null || p.previous() < 0
                                ? (p == null ? null : "…")
                                : p.isNew()
                                        ? "new"
                                        : p.change() == 0 ? "=" : String.format(Locale.ROOT, "%+,d", p.change()));
                setAlignment(Pos.CENTER_RIGHT);
            }
        });
        table.getColumns()
                .setAll(List.of(
                        pattern,
                        count,
                        share,
                        trend,
                        change,
                        column("First seen", 125, p -> seen(p.firstSeen())),
                        column("Last seen", 125, p -> seen(p.lastSeen())),
                        column("Levels", 90, p -> String.join(" ", p.levels())),
                        column("Functions", 180, this::functionsText)));
        table.setOnMouseClicked(e -> {
            if (e.getButton() == MouseButton.PRIMARY && e.getClickCount() == 2) {
                openSelected();
            }
        });
        table.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ENTER) {
                openSelected();
            }
        });
    }

    /** When a pattern was seen, to the second, in the zone shown (the year is the range's). */
    private String seen(Instant t) {
        return t == null ? "" : SEEN.withZone(zone.zone()).format(t);
    }

    private static final DateTimeFormatter SEEN = DateTimeFormatter.ofPattern("MM-dd HH:mm:ss");

    /** The first few functions by name, and how many more: the CSV lists them all. */
    private String functionsText(LogPatterns.Pattern p) {
        List<String> named =
                p.functions().stream().map(names::function).sorted().toList();
        return named.size() <= 2 ? String.join(", ", named) : named.getFirst() + " +" + (named.size() - 1) + " more";
    }

    private static <T> TableColumn<LogPatterns.Pattern, T> column(
            String name, double width, Function<LogPatterns.Pattern, T> value) {
        TableColumn<LogPatterns.Pattern, T> c = new TableColumn<>(name);
        c.setPrefWidth(width);
        c.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(value.apply(cell.getValue())));
        return c;
    }

    private static <N extends Number & Comparable<N>> TableColumn<LogPatterns.Pattern, N> number(
            String name, double width, Function<LogPatterns.Pattern, N> value, Function<N, String> format) {
        TableColumn<LogPatterns.Pattern, N> c = column(name, width, value);
        c.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(N item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : format.apply(item));
                setAlignment(Pos.CENTER_RIGHT);
            }
        });
        return c;
    }

    void setNames(FunctionNames names) {
        this.names = names;
        table.refresh();
    }

    void setDark(boolean dark) {
        this.dark = dark;
        table.refresh();
    }

    /** Counts the patterns of {@code expr} over {@code range}, replacing (and cancelling) any earlier count. */
    void load(Engine engine, LogSearch search, SearchExpr expr, TimeRange range) {
        this.engine = engine;
        status.setText("Grouping matches into patterns…");
        LogPatterns patterns = new LogPatterns(search);
        long started = System.nanoTime();
        runner.submit(
                engine,
                scope -> patterns.patterns(scope, expr, range, partial -> scope.publish(() -> show(partial, started))),
                r -> show(r, started),
                error -> status.setText("Patterns failed: " + error));
    }

    void cancel() {
        runner.cancel();
    }

    private void show(LogPatterns.Result r, long started) {
        LogPatterns.Pattern selected = table.getSelectionModel().getSelectedItem();
        shown = r;
        // the table keeps the user's sort; new results are placed in it
        var order = List.copyOf(table.getSortOrder());
        rows.setAll(r.patterns());
        table.getSortOrder().setAll(order);
        table.sort();
        if (selected != null) {
            rows.stream()
                    .filter(p -> p.text().equals(selected.text()))
                    .findFirst()
                    .ifPresent(p -> table.getSelectionModel().select(p));
        }
        String so = r.complete()
                ? ""
                : " so far, since " + zone.full(r.readFrom()).substring(11) + " (reading older lines…)";
        // everything is "new" against a period before the data began: say so rather than let it alarm
        String before = r.complete() && r.previousTotal() == 0 && r.total() > 0
                ? " · none in the previous " + Durations.format(r.range().duration()) + " to compare with"
                : "";
        status.setText(String.format(
                Locale.ROOT,
                "%,d patterns over %,d matches%s · %d ms · every match counted, not a sample%s",
                r.patterns().size(),
                r.total(),
                so,
                (System.nanoTime() - started) / 1_000_000,
                before));
    }

    private void openSelected() {
        LogPatterns.Pattern p = table.getSelectionModel().getSelectedItem();
        if (p != null) {
            openPattern.accept(LogPatterns.searchTerm(p.text()));
        }
    }

    private void chooseExportFile() {
        LogPatterns.Result r = shown;
        if (r == null || !r.complete()) {
            status.setText("Wait for the patterns to be counted, then export.");
            return;
        }
        FileChooser chooser = new FileChooser();
        chooser.setInitialFileName("callscope-patterns.csv");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("CSV", "*.csv"));
        File f = chooser.showSaveDialog(getScene() == null ? null : getScene().getWindow());
        if (f != null) {
            export(engine, f.toPath(), null);
        }
    }

    /** Writes the patterns on screen as CSV in the background; {@code done} (may be null) gets the outcome. */
    void export(Engine engine, Path destination, Consumer<String> done) {
        LogPatterns.Result r = shown;
        FunctionNames n = names;
        BackgroundExport.submit(
                exports, engine, destination, out -> PatternsCsv.write(r, n, out), status::setText, done);
    }

    /** For tests. */
    TableView<LogPatterns.Pattern> table() {
        return table;
    }

    LogPatterns.Result shown() {
        return shown;
    }

    /** A pattern's matches over the range as small bars, scaled to its own peak. */
    private final class SparkCell extends TableCell<LogPatterns.Pattern, long[]> {
        private final Canvas canvas = new Canvas(100, 18);

        @Override
        protected void updateItem(long[] item, boolean empty) {
            super.updateItem(item, empty);
            if (empty || item == null) {
                setGraphic(null);
                return;
            }
            GraphicsContext g = canvas.getGraphicsContext2D();
            g.clearRect(0, 0, canvas.getWidth(), canvas.getHeight());
            long max = 1;
            for (long v : item) {
                max = Math.max(max, v);
            }
            double w = canvas.getWidth() / item.length;
            g.setFill(dark ? Color.web("#58a6ff") : Color.web("#0969da"));
            for (int i = 0; i < item.length; i++) {
                if (item[i] > 0) {
                    double h = Math.max(1, (canvas.getHeight() - 2) * item[i] / max);
                    g.fillRect(i * w, canvas.getHeight() - h, Math.max(1, w - 0.5), h);
                }
            }
            setGraphic(canvas);
        }
    }
}
