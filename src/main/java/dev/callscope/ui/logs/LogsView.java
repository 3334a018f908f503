package dev.callscope.ui.logs;

import dev.callscope.chart.ChartFiles;
import dev.callscope.chart.Drawing;
import dev.callscope.chart.Palette;
import dev.callscope.engine.Engine;
import dev.callscope.engine.QueryStats;
import dev.callscope.logs.FunctionNames;
import dev.callscope.logs.HistogramPainter;
import dev.callscope.logs.LogExport;
import dev.callscope.logs.LogField;
import dev.callscope.logs.LogLine;
import dev.callscope.logs.LogPatterns;
import dev.callscope.logs.LogSchema;
import dev.callscope.logs.LogSearch;
import dev.callscope.logs.LogSource;
import dev.callscope.logs.MatchHistogram;
import dev.callscope.logs.search.SearchExpr;
import dev.callscope.logs.search.SearchParser;
import dev.callscope.logs.search.SearchSyntaxException;
import dev.callscope.schema.Schema;
import dev.callscope.time.TimeRange;
import dev.callscope.time.TimeSpec;
import dev.callscope.ui.common.BackgroundExport;
import dev.callscope.ui.common.LatestTaskRunner;
import dev.callscope.ui.common.TimeZoneChoice;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import javafx.animation.PauseTransition;
import javafx.application.Platform;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.Duration;

/**
 * The Logs tab: search as you type (debounced; each new search cancels the last, on the engine
 * too), newest matches first with more loaded as the user scrolls, the match histogram over the
 * whole range, live tail, and a detail pane. All queries run on background threads through
 * {@link LatestTaskRunner}s; this class only builds nodes and applies results.
 */
public final class LogsView extends BorderPane {

    private static final int HISTOGRAM_BUCKETS = 120;

    private final TimeZoneChoice zone;
    private final LogPager pager;
    private final LatestTaskRunner histogram;
    private final LatestTaskRunner setup;
    private final LatestTaskRunner contextRunner;
    private final Consumer<QueryStats> statsSink;

    private final LogsToolbar toolbar;
    private final HistogramChart chart;
    private final ObservableList<LogLine> rows = FXCollections.observableArrayList();
    private final LogTable table;
    private final Label footer = new Label();
    private final LogDetailPane detail;
    private final LatestTaskRunner exports;
    private final MatchExportBar exportBar;
    private final PatternsPane patterns;
    private final PauseTransition debounce = new PauseTransition(Duration.millis(150));
    private final LiveTail liveTail;

    private Consumer<String> showCall = id -> {};
    private boolean dark;
    private Engine engine;
    private LogSearch search;
    /** Names for the ids of the lines (the table's, the detail's and the export's). */
    private FunctionNames names = FunctionNames.NONE;
    /** Where the logs are and how their fields read; Callscope's own tables until a profile says otherwise. */
    private LogSchema schema = LogSchema.canonical(Schema.DATABASE);

    private SearchExpr expr = new SearchExpr.All();
    private TimeRange range;

    public LogsView(ExecutorService executor, TimeZoneChoice zone, Consumer<QueryStats> statsSink) {
        this.zone = zone;
        this.statsSink = statsSink;
        this.histogram = new LatestTaskRunner(executor, Platform::runLater);
        this.setup = new LatestTaskRunner(executor, Platform::runLater);
        this.contextRunner = new LatestTaskRunner(executor, Platform::runLater);
        this.exports = new LatestTaskRunner(executor, Platform::runLater);
        this.exportBar = new MatchExportBar(exports, footer::setText);
        this.patterns =
                new PatternsPane(new LatestTaskRunner(executor, Platform::runLater), exports, zone, this::showPattern);
        this.chart = new HistogramChart(zone);
        // the table tells the pager when the reader nears the end, and the tail when they reach the top
        this.table = new LogTable(rows, zone, () -> expr, this::loadMore, this::reachedTop);
        this.pager = new LogPager(
                new LatestTaskRunner(executor, Platform::runLater),
                new LatestTaskRunner(executor, Platform::runLater),
                table,
                rows,
                footer,
                chart::data,
                statsSink);
        this.liveTail = new LiveTail(
                new LatestTaskRunner(executor, Platform::runLater),
                table,
                rows,
                LogPager.MAX_LOADED,
                this::current,
                pager::searching,
                pager::trimmed,
                pager::updateFooter,
                footer::setText);
        this.detail =
                new LogDetailPane(zone, this::filterToCall, this::loadContext, line -> showCall.accept(line.callId()));
        this.toolbar = new LogsToolbar(
                zone,
                chart,
                this,
                (path, format, scale) -> exportHistogram(path, format, scale, null),
                this::runSearch,
                this::setSpec,
                this::chooseExportFile,
                on -> liveTail.setOn(on));
        setId("logs-view");
        MessageCell.warmUpFonts();
        zone.zoneProperty().addListener((obs, a, b) -> {
            table.refresh();
            detail.show(table.getSelectionModel().getSelectedItem());
        });
        chart.onZoom(r -> setSpec(new TimeSpec.Between(r.from(), r.to())));
        table.wireTo(detail);
        footer.setId("table-footer");
        footer.getStyleClass().add("text-muted");
        VBox center = new VBox(liveTail.newLinesButton(), table, footer, exportBar);
        VBox.setVgrow(table, Priority.ALWAYS);
        center.setPadding(new Insets(0, 0, 4, 10));
        SplitPane split = new SplitPane(center, detail);
        toolbar.onPatterns(on -> {
            // a pattern has no line to detail: the patterns take the whole width
            split.getItems().setAll(on ? List.of(patterns) : List.of(center, detail));
            split.setDividerPositions(0.72);
            if (on) {
                loadPatterns();
            } else {
                patterns.cancel();
            }
        });
        split.setDividerPositions(0.72);
        SplitPane.setResizableWithParent(detail, false);
        setTop(toolbar.node());
        setCenter(split);

        debounce.setOnFinished(e -> runSearch());
        toolbar.searchBox.textProperty().addListener((obs, a, b) -> debounce.playFromStart());

        sceneProperty().addListener((obs, old, scene) -> {
            if (scene != null) {
                scene.getAccelerators().put(new KeyCodeCombination(KeyCode.F, KeyCombination.SHORTCUT_DOWN), () -> {
                    toolbar.searchBox.requestFocus();
                    toolbar.searchBox.selectAll();
                });
            }
        });
        toolbar.summary.setText("Not connected.");
    }

    /** Connects the view to an engine (null when disconnected) and starts a first search. */
    public void setEngine(Engine engine) {
        this.engine = engine;
        this.search = null;
        cancelAll();
        rows.clear();
        if (engine == null) {
            toolbar.summary.setText("Not connected.");
            return;
        }
        toolbar.summary.setText("Looking at the logs table…");
        LogSchema on = schema;
        setup.submit(
                engine,
                scope -> LogSource.open(scope, on),
                result -> {
                    search = result.search();
                    names = result.names();
                    table.setNames(names);
                    patterns.setNames(names);
                    detail.setNames(names);
                    // a snapshot (the demo generated earlier) ends at its newest line: "last 24h" means its last day
                    toolbar.rangeBox.setNewestData(result.newest());
                    runSearch();
                },
                error -> toolbar.summary.setText("Could not read the logs table: " + error));
    }

    /**
     * Which logs table the next {@link #setEngine} reads and how; {@code noTimeline} says why
     * lines cannot open their call in the Timeline (null when they can).
     */
    public void setSchema(LogSchema schema, String noTimeline) {
        this.schema = schema;
        table.showFieldsOf(schema);
        detail.setLinks(schema.has(LogField.CALL), noTimeline);
    }

    /** Where "Call graph" on a line's detail sends its call id. */
    public void onShowTree(Consumer<String> handler) {
        detail.onShowTree(handler);
    }

    /** Where "Timeline" on a line's detail sends its call id. */
    public void onShowCall(Consumer<String> handler) {
        this.showCall = handler;
    }

    /** Canvas drawings follow the theme (CSS does the rest). */
    public void setDark(boolean dark) {
        this.dark = dark;
        chart.setDark(dark);
        patterns.setDark(dark);
    }

    public void focusSearch() {
        toolbar.searchBox.requestFocus();
    }

    /** Replaces the search text (as if typed) and runs it at once. */
    public void search(String text) {
        toolbar.searchBox.setText(text);
        debounce.stop();
        runSearch();
    }

    private void loadMore() {
        pager.loadMore(current());
    }

    private void reachedTop() {
        liveTail.reachedTop();
    }

    /** The search on screen, or null while none can run. */
    private LogsSearchState current() {
        return search == null || range == null ? null : new LogsSearchState(engine, search, expr, range);
    }

    private void setSpec(TimeSpec newSpec) {
        toolbar.rangeBox.setSpec(newSpec);
        toolbar.rangeError.setText("");
        runSearch();
    }

    private void runSearch() {
        if (search == null) {
            return;
        }
        SearchExpr parsed;
        try {
            parsed = SearchParser.parse(toolbar.searchBox.getText());
        } catch (SearchSyntaxException e) {
            toolbar.searchError.setText(e.getMessage() + " (at character " + (e.position() + 1) + ")");
            return; // the last results stay; nothing runs until the search reads again
        }
        String unsupported = search.unsupported(parsed);
        if (unsupported != null) {
            toolbar.searchError.setText(unsupported); // a filter on a field this table lacks: said, like a syntax error
            return;
        }
        expr = parsed;
        toolbar.searchError.setText("");
        range = toolbar.rangeBox.range();
        LogsSearchState s = current();
        liveTail.reset();
        pager.search(s, toolbar.summary::setText);
        chart.clear(s.range());
        histogram.submit(
                engine,
                scope -> s.search().histogram(scope, s.expr(), s.range(), HISTOGRAM_BUCKETS),
                this::showHistogram,
                error -> toolbar.summary.setText("Histogram failed: " + error));
        loadPatterns();
    }

    /** In Patterns mode, counts the current search's patterns (the lines are searched too, for when the mode ends). */
    private void loadPatterns() {
        if (toolbar.patternsMode.isSelected() && search != null && range != null) {
            patterns.load(engine, search, expr, range);
        }
    }

    /** A pattern opened in Patterns mode: the lines of it, as a search term added to the box (replacing an earlier one). */
    private void showPattern(String term) {
        String kept =
                PATTERN_TERM.matcher(toolbar.searchBox.getText()).replaceAll("").strip();
        toolbar.linesMode.setSelected(true);
        search((kept.isEmpty() ? "" : kept + " ") + term);
    }

    /** A {@code pattern:"…"} term as {@link LogPatterns#searchTerm} writes it. */
    private static final Pattern PATTERN_TERM = Pattern.compile("\\s*pattern:\"(?:[^\"\\\\]|\\\\.)*\"");

    /** For tests. */
    PatternsPane patternsPane() {
        return patterns;
    }

    private void showHistogram(MatchHistogram h) {
        chart.show(h, range);
        toolbar.summary.setText(String.format(
                Locale.ROOT,
                "%,d matches · %s rows scanned · %d ms · %s",
                h.total(),
                LogsText.compact(h.rowsRead()),
                h.elapsed().toMillis(),
                LogsText.strategyName(search.strategy())));
        pager.updateFooter(null);
    }

    private void filterToCall(LogLine line) {
        search("call:" + line.callId());
    }

    private void loadContext(LogLine line) {
        LogSearch s = search;
        if (s == null) {
            return;
        }
        contextRunner.submit(
                engine,
                scope -> s.context(scope, line, 20),
                lines -> detail.showContext(line, lines),
                error -> footer.setText("Context failed: " + error));
    }

    private void chooseExportFile(LogExport.Format format) {
        LogsSearchState s = current();
        if (s != null) {
            MatchHistogram h = chart.data();
            exportBar.choose(
                    getScene() == null ? null : getScene().getWindow(), s, h == null ? -1 : h.total(), format, names);
        }
    }

    /** Writes the match histogram as on screen (PNG, SVG) or its counts (CSV), in the background. */
    public void exportHistogram(Path destination, String format, int scale, Consumer<String> done) {
        MatchHistogram h = chart.data();
        if (h == null || range == null) {
            return;
        }
        TimeRange r = range;
        double w = chart.getWidth();
        double ht = chart.getHeight();
        Palette p = Palette.of(dark);
        ZoneId z = zone.zone();
        Drawing drawing = HistogramPainter.drawing(h, r, p, z);
        BackgroundExport.submit(
                exports,
                engine,
                destination,
                out -> ChartFiles.writeTo(drawing, w, ht, format, scale, out),
                footer::setText,
                done);
    }

    /** Writes every match of the current search and range to {@code destination} in the background. */
    public void export(LogExport.Format format, Path destination) {
        if (search == null || range == null) {
            return;
        }
        MatchHistogram h = chart.data();
        exportBar.start(engine, search, expr, range, h == null ? -1 : h.total(), format, destination, names);
    }

    private void cancelAll() {
        liveTail.reset();
        pager.cancel();
        for (LatestTaskRunner r : new LatestTaskRunner[] {histogram, setup, contextRunner, exports}) {
            r.cancel();
        }
        patterns.cancel();
    }

    /** Stops polling and cancels queries (the window is closing or the connection changes). */
    public void dispose() {
        liveTail.stop();
        cancelAll();
    }
}
