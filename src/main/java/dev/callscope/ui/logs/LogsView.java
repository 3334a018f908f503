package dev.callscope.ui.logs;

import dev.callscope.engine.Engine;
import dev.callscope.engine.Query;
import dev.callscope.logs.LogCursor;
import dev.callscope.logs.LogExport;
import dev.callscope.logs.LogIndexProbe;
import dev.callscope.logs.LogLine;
import dev.callscope.logs.LogPage;
import dev.callscope.logs.LogSchema;
import dev.callscope.logs.LogSearch;
import dev.callscope.logs.MatchHistogram;
import dev.callscope.logs.search.SearchExpr;
import dev.callscope.logs.search.SearchParser;
import dev.callscope.logs.search.SearchSyntaxException;
import dev.callscope.logs.search.TextStrategy;
import dev.callscope.time.TimeRange;
import dev.callscope.time.TimeSpec;
import dev.callscope.ui.common.BackgroundExport;
import dev.callscope.ui.common.ExportMenu;
import dev.callscope.ui.common.LatestTaskRunner;
import dev.callscope.ui.common.RangeField;
import dev.callscope.ui.common.TimeZoneChoice;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import javafx.animation.KeyFrame;
import javafx.animation.PauseTransition;
import javafx.animation.Timeline;
import javafx.application.Platform;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * The Logs tab: search as you type (debounced; each new search cancels the last, on the engine
 * too), newest matches first with more loaded as the user scrolls, the match histogram over the
 * whole range, live tail, and a detail pane. All queries run on background threads through
 * {@link LatestTaskRunner}s; this class only builds nodes and applies results.
 */
public final class LogsView extends BorderPane {

    static final int PAGE_SIZE = 200;
    /** Loaded rows are capped so memory stays bounded; export reaches the rest. */
    static final int MAX_LOADED = 50_000;

    private static final int HISTOGRAM_BUCKETS = 120;

    private final TimeZoneChoice zone;
    private final LatestTaskRunner pages;
    private final LatestTaskRunner more;
    private final LatestTaskRunner histogram;
    private final LatestTaskRunner tail;
    private final LatestTaskRunner setup;
    private final LatestTaskRunner contextRunner;
    private final java.util.function.Consumer<dev.callscope.engine.QueryStats> statsSink;

    private final TextField searchBox = new TextField();
    private final Label searchError = new Label();
    private final RangeField rangeBox;
    private final Label rangeError = new Label();
    private final ToggleButton zoneToggle = new ToggleButton();
    private final ToggleButton live = new ToggleButton("Live");
    private final Label summary = new Label();
    private final HistogramChart chart;
    private final ObservableList<LogLine> rows = FXCollections.observableArrayList();
    private final LogTable table;
    private final Label footer = new Label();
    private final Button newLines = new Button();
    private final LogDetailPane detail;
    private final LatestTaskRunner exports;
    private final MatchExportBar exportBar;
    private final PatternsPane patterns;
    private final ToggleButton patternsMode = new ToggleButton("Patterns");
    private final ToggleButton linesMode = new ToggleButton("Lines");
    private final PauseTransition debounce = new PauseTransition(javafx.util.Duration.millis(150));
    private final Timeline tailTimer;

    private java.util.function.Consumer<String> showCall = id -> {};
    private boolean dark;
    private Engine engine;
    private LogSearch search;
    /** Names for the ids of the lines (the table's, the detail's and the export's). */
    private dev.callscope.logs.FunctionNames names = dev.callscope.logs.FunctionNames.NONE;
    /** Where the logs are and how their fields read; Callscope's own tables until a profile says otherwise. */
    private LogSchema schema = LogSchema.canonical("callscope");

    private SearchExpr expr = new SearchExpr.All();
    private TimeRange range;
    private LogCursor next;
    private int pendingNew;

    public LogsView(
            ExecutorService executor,
            TimeZoneChoice zone,
            java.util.function.Consumer<dev.callscope.engine.QueryStats> statsSink) {
        this.zone = zone;
        this.statsSink = statsSink;
        this.pages = new LatestTaskRunner(executor, Platform::runLater);
        this.more = new LatestTaskRunner(executor, Platform::runLater);
        this.histogram = new LatestTaskRunner(executor, Platform::runLater);
        this.tail = new LatestTaskRunner(executor, Platform::runLater);
        this.setup = new LatestTaskRunner(executor, Platform::runLater);
        this.contextRunner = new LatestTaskRunner(executor, Platform::runLater);
        this.exports = new LatestTaskRunner(executor, Platform::runLater);
        this.exportBar = new MatchExportBar(exports, footer::setText);
        this.patterns =
                new PatternsPane(new LatestTaskRunner(executor, Platform::runLater), exports, zone, this::showPattern);
        this.chart = new HistogramChart(zone);
        this.table = new LogTable(rows, zone, () -> expr, this::loadMore, () -> {
            if (pendingNew > 0) {
                jumpToNewest();
            }
        });
        this.detail =
                new LogDetailPane(zone, this::filterToCall, this::loadContext, line -> showCall.accept(line.callId()));
        this.rangeBox = new RangeField("time-range", zone, Duration.ofHours(24), this::runSearch, rangeError::setText);
        this.tailTimer = new Timeline(new KeyFrame(javafx.util.Duration.seconds(1), e -> pollTail()));
        tailTimer.setCycleCount(Timeline.INDEFINITE);
        setId("logs-view");
        // Loading a font face costs ~100 ms the first time; do it now, off the FX thread, rather than
        // in the pulse that first shows a highlighted match.
        Thread.ofVirtual().name("callscope-font-warmup").start(() -> {
            for (javafx.scene.text.FontWeight weight : new javafx.scene.text.FontWeight[] {
                javafx.scene.text.FontWeight.NORMAL, javafx.scene.text.FontWeight.BOLD
            }) {
                javafx.scene.text.Font.font("DejaVu Sans Mono", weight, 12);
                javafx.scene.text.Font.font("Menlo", weight, 12);
            }
        });

        searchBox.setId("log-search");
        searchBox.setPromptText(
                "Search logs: words, \"a phrase\", -exclude, a OR b, level:error, function:name, err*, /regex/");
        HBox.setHgrow(searchBox, Priority.ALWAYS);
        searchError.setId("search-error");
        searchError.getStyleClass().add("danger");
        // the error line keeps its place: a line that appears and goes while typing would move the
        // table and make every keystroke re-lay out the whole view
        searchError.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        rangeError.setId("range-error");
        rangeError.getStyleClass().add("danger");

        MenuButton presets = new MenuButton("Range");
        for (String p : List.of("15m", "1h", "6h", "24h", "7d")) {
            MenuItem item = new MenuItem("Last " + p);
            item.setOnAction(e -> setSpec(TimeSpec.parse(p, zone.zone(), rangeBox.now())));
            presets.getItems().add(item);
        }
        zoneToggle.setId("zone-toggle");
        zoneToggle.setText(zone.label());
        zoneToggle.setOnAction(e -> zone.toggle());
        zone.zoneProperty().addListener((obs, a, b) -> {
            zoneToggle.setText(zone.label());
            table.refresh();
            detail.show(table.getSelectionModel().getSelectedItem());
        });
        live.setId("live-toggle");
        live.setTooltip(new Tooltip("Follow new lines as they arrive (polled every second)"));
        live.selectedProperty().addListener((obs, was, on) -> {
            if (on) {
                tailTimer.play();
            } else {
                tailTimer.stop();
                tail.cancel();
            }
        });
        MenuButton export = new MenuButton("Export");
        export.setId("export");
        for (LogExport.Format f : LogExport.Format.values()) {
            MenuItem item =
                    new MenuItem(f == LogExport.Format.CSV ? "All matches as CSV…" : "All matches as JSON Lines…");
            item.setOnAction(e -> chooseExportFile(f));
            export.getItems().add(item);
        }
        HBox controls = new HBox(8, searchBox, rangeBox, presets, zoneToggle, live, export);
        controls.setAlignment(Pos.CENTER_LEFT);

        summary.setId("match-summary");
        summary.getStyleClass().add("text-muted");
        chart.onZoom(r -> setSpec(new TimeSpec.Between(r.from(), r.to())));

        wireTable();
        footer.setId("table-footer");
        footer.getStyleClass().add("text-muted");
        newLines.setId("new-lines");
        newLines.setVisible(false);
        newLines.managedProperty().bind(newLines.visibleProperty());
        newLines.setOnAction(e -> jumpToNewest());

        HBox errors = new HBox(12, searchError, rangeError);
        errors.setMinHeight(18);
        errors.setPrefHeight(18);
        errors.setMaxHeight(18);
        MenuButton histogramExport = ExportMenu.create(
                "histogram-export",
                "Export histogram",
                "callscope-matches",
                true,
                this,
                (path, format, scale) -> exportHistogram(path, format, scale, null));
        javafx.scene.layout.Region gap = new javafx.scene.layout.Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        linesMode.setId("lines-mode");
        patternsMode.setId("patterns-mode");
        patternsMode.setTooltip(
                new Tooltip("Group every match into patterns: numbers, ids, paths and the like folded"));
        javafx.scene.control.ToggleGroup modes = new javafx.scene.control.ToggleGroup();
        linesMode.setToggleGroup(modes);
        patternsMode.setToggleGroup(modes);
        linesMode.setSelected(true);
        modes.selectedToggleProperty().addListener((obs, was, now) -> {
            if (now == null) {
                was.setSelected(true); // one mode is always on
            }
        });
        HBox modeButtons = new HBox(0, linesMode, patternsMode);
        HBox summaryRow = new HBox(8, summary, gap, modeButtons, histogramExport);
        summaryRow.setAlignment(Pos.CENTER_LEFT);
        VBox top = new VBox(4, controls, errors, summaryRow, chart);
        top.setPadding(new Insets(8, 10, 4, 10));
        VBox center = new VBox(newLines, table, footer, exportBar);
        VBox.setVgrow(table, Priority.ALWAYS);
        center.setPadding(new Insets(0, 0, 4, 10));
        SplitPane split = new SplitPane(center, detail);
        patternsMode.selectedProperty().addListener((obs, was, on) -> {
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
        setTop(top);
        setCenter(split);

        debounce.setOnFinished(e -> runSearch());
        searchBox.textProperty().addListener((obs, a, b) -> debounce.playFromStart());

        sceneProperty().addListener((obs, old, scene) -> {
            if (scene != null) {
                scene.getAccelerators().put(new KeyCodeCombination(KeyCode.F, KeyCombination.SHORTCUT_DOWN), () -> {
                    searchBox.requestFocus();
                    searchBox.selectAll();
                });
            }
        });
        summary.setText("Not connected.");
    }

    private void wireTable() {
        table.getSelectionModel().selectedItemProperty().addListener((obs, a, b) -> detail.show(b));
        table.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ENTER) {
                detail.show(table.getSelectionModel().getSelectedItem());
                detail.requestFocus();
            } else if (e.getCode() == KeyCode.C && e.isShortcutDown()) {
                detail.copy();
            } else if (e.getCode() == KeyCode.SPACE
                    && table.getSelectionModel().getSelectedItem() != null
                    && table.getSelectionModel().getSelectedItem().message().indexOf('\n') >= 0) {
                table.toggleExpanded(
                        table.getSelectionModel().getSelectedItem()); // a multi-line message opens in place
                e.consume();
            }
        });
    }

    /** Connects the view to an engine (null when disconnected) and starts a first search. */
    public void setEngine(Engine engine) {
        this.engine = engine;
        this.search = null;
        cancelAll();
        rows.clear();
        if (engine == null) {
            summary.setText("Not connected.");
            return;
        }
        summary.setText("Looking at the logs table…");
        LogSchema on = schema;
        setup.submit(
                engine,
                scope -> {
                    LogSearch found = LogIndexProbe.search(scope, on);
                    Instant newest = scope.query(
                                    Query.of("SELECT max(" + on.timeKey() + ") FROM " + on.qualifiedTable()),
                                    r -> r.next() && !r.isNull(1) ? r.getInstant(1) : null)
                            .value();
                    return new Setup(found, newest, dev.callscope.logs.FunctionNames.load(scope, on));
                },
                result -> {
                    search = result.search();
                    Instant newest = result.newest();
                    names = result.names();
                    table.setNames(names);
                    patterns.setNames(names);
                    detail.setNames(names);
                    // a snapshot (the demo generated earlier) ends at its newest line: "last 24h" means its last day
                    rangeBox.setNewestData(newest);
                    runSearch();
                },
                error -> summary.setText("Could not read the logs table: " + error));
    }

    private record Setup(LogSearch search, Instant newest, dev.callscope.logs.FunctionNames names) {}

    /**
     * Which logs table the next {@link #setEngine} reads and how; {@code noTimeline} says why
     * lines cannot open their call in the Timeline (null when they can).
     */
    public void setSchema(LogSchema schema, String noTimeline) {
        this.schema = schema;
        table.showFieldsOf(schema);
        detail.setLinks(schema.has(dev.callscope.logs.LogField.CALL), noTimeline);
    }

    /** Where "Call graph" on a line's detail sends its call id. */
    public void onShowTree(java.util.function.Consumer<String> handler) {
        detail.onShowTree(handler);
    }

    /** Where "Timeline" on a line's detail sends its call id. */
    public void onShowCall(java.util.function.Consumer<String> handler) {
        this.showCall = handler;
    }

    /** Canvas drawings follow the theme (CSS does the rest). */
    public void setDark(boolean dark) {
        this.dark = dark;
        chart.setDark(dark);
        patterns.setDark(dark);
    }

    public void focusSearch() {
        searchBox.requestFocus();
    }

    /** Replaces the search text (as if typed) and runs it at once. */
    public void search(String text) {
        searchBox.setText(text);
        debounce.stop();
        runSearch();
    }

    private void setSpec(TimeSpec newSpec) {
        rangeBox.setSpec(newSpec);
        rangeError.setText("");
        runSearch();
    }

    private void runSearch() {
        if (search == null) {
            return;
        }
        SearchExpr parsed;
        try {
            parsed = SearchParser.parse(searchBox.getText());
        } catch (SearchSyntaxException e) {
            searchError.setText(e.getMessage() + " (at character " + (e.position() + 1) + ")");
            return; // the last results stay; nothing runs until the search reads again
        }
        String unsupported = search.unsupported(parsed);
        if (unsupported != null) {
            searchError.setText(unsupported); // a filter on a field this table lacks: said, like a syntax error
            return;
        }
        expr = parsed;
        searchError.setText("");
        range = rangeBox.range();
        SearchExpr current = expr;
        TimeRange r = range;
        LogSearch s = search;
        more.cancel();
        tail.cancel();
        next = null;
        pendingNew = 0;
        newLines.setVisible(false);
        footer.setText("Searching…");
        pages.submit(
                engine,
                scope -> s.page(
                        scope,
                        current,
                        r,
                        null,
                        PAGE_SIZE,
                        partial -> scope.publish(() -> showFirstPage(partial, true))),
                page -> showFirstPage(page, false),
                error -> {
                    footer.setText("");
                    summary.setText("Search failed: " + error);
                });
        chart.clear(r);
        histogram.submit(
                engine,
                scope -> s.histogram(scope, current, r, HISTOGRAM_BUCKETS),
                this::showHistogram,
                error -> summary.setText("Histogram failed: " + error));
        loadPatterns();
    }

    /** In Patterns mode, counts the current search's patterns (the lines are searched too, for when the mode ends). */
    private void loadPatterns() {
        if (patternsMode.isSelected() && search != null && range != null) {
            patterns.load(engine, search, expr, range);
        }
    }

    /** A pattern opened in Patterns mode: the lines of it, as a search term added to the box (replacing an earlier one). */
    private void showPattern(String term) {
        String kept = PATTERN_TERM.matcher(searchBox.getText()).replaceAll("").strip();
        linesMode.setSelected(true);
        search((kept.isEmpty() ? "" : kept + " ") + term);
    }

    /** A {@code pattern:"…"} term as {@link dev.callscope.logs.LogPatterns#searchTerm} writes it. */
    private static final java.util.regex.Pattern PATTERN_TERM =
            java.util.regex.Pattern.compile("\\s*pattern:\"(?:[^\"\\\\]|\\\\.)*\"");

    /** For tests. */
    PatternsPane patternsPane() {
        return patterns;
    }

    private void showFirstPage(LogPage page, boolean partial) {
        LogLine selected = table.getSelectionModel().getSelectedItem();
        if (!partial) {
            table.collapseAll();
        }
        rows.setAll(page.lines());
        if (selected != null && rows.contains(selected)) {
            table.getSelectionModel().select(selected);
        }
        table.scrollTo(0);
        next = partial ? null : page.next();
        updateFooter(partial ? "searching older lines…" : null);
        if (!partial) {
            statsSink.accept(new dev.callscope.engine.QueryStats(
                    page.rowsRead(), -1, page.lines().size(), page.elapsed()));
        }
    }

    private void showHistogram(MatchHistogram h) {
        chart.show(h, range);
        summary.setText(String.format(
                Locale.ROOT,
                "%,d matches · %s rows scanned · %d ms · %s",
                h.total(),
                compact(h.rowsRead()),
                h.elapsed().toMillis(),
                strategyName(search.strategy())));
        updateFooter(null);
    }

    private static String strategyName(TextStrategy s) {
        return switch (s) {
            case TEXT_INDEX -> "text index";
            case TOKEN_BLOOM_FILTER -> "token bloom filter";
            case SCAN -> "full scan (no index)";
        };
    }

    private void updateFooter(String note) {
        MatchHistogram h = chart.data();
        String total = h == null ? "" : String.format(Locale.ROOT, " of %,d", h.total());
        String more = next != null
                ? (rows.size() >= MAX_LOADED
                        ? " · the newest " + String.format(Locale.ROOT, "%,d", MAX_LOADED)
                                + " are loaded; narrow the range to see older ones"
                        : " · scroll for more")
                : "";
        footer.setText(String.format(
                Locale.ROOT, "Showing %,d%s%s%s", rows.size(), total, more, note == null ? "" : " · " + note));
    }

    private void loadMore() {
        if (next == null || more.isBusy() || pages.isBusy() || rows.size() >= MAX_LOADED || search == null) {
            return;
        }
        LogCursor from = next;
        SearchExpr current = expr;
        TimeRange r = range;
        LogSearch s = search;
        footer.setText(footer.getText() + " · loading…");
        more.submit(
                engine,
                scope -> s.page(scope, current, r, from, PAGE_SIZE, null),
                page -> {
                    rows.addAll(page.lines());
                    next = page.next();
                    updateFooter(null);
                },
                error -> footer.setText("Loading more failed: " + error));
    }

    private void pollTail() {
        if (search == null || tail.isBusy() || pages.isBusy()) {
            return;
        }
        LogCursor newest = rows.isEmpty() ? null : rows.getFirst().cursor();
        SearchExpr current = expr;
        LogSearch s = search;
        Instant notBefore = range.from();
        tail.submit(
                engine,
                scope -> s.newer(scope, current, newest, notBefore, 1000),
                this::prependNew,
                error -> footer.setText("Live tail: " + error));
    }

    private void prependNew(List<LogLine> fresh) {
        if (fresh.isEmpty()) {
            return;
        }
        boolean atTop = table.isScrolledToTop();
        rows.addAll(0, fresh);
        if (rows.size() > MAX_LOADED) {
            rows.remove(MAX_LOADED, rows.size());
            next = rows.getLast().cursor();
        }
        if (atTop) {
            table.scrollTo(0);
        } else {
            pendingNew += fresh.size();
            newLines.setText(String.format(Locale.ROOT, "%,d new lines · jump to newest", pendingNew));
            newLines.setVisible(true);
        }
        updateFooter("live");
    }

    private void jumpToNewest() {
        pendingNew = 0;
        newLines.setVisible(false);
        table.scrollTo(0);
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
        if (search == null || range == null) {
            return;
        }
        javafx.stage.FileChooser chooser = new javafx.stage.FileChooser();
        chooser.setTitle("Export all matching lines");
        chooser.setInitialFileName("callscope-logs." + format.extension());
        java.io.File file =
                chooser.showSaveDialog(getScene() == null ? null : getScene().getWindow());
        if (file != null) {
            export(format, file.toPath());
        }
    }

    /** Writes the match histogram as on screen (PNG, SVG) or its counts (CSV), in the background. */
    public void exportHistogram(
            java.nio.file.Path destination, String format, int scale, java.util.function.Consumer<String> done) {
        MatchHistogram h = chart.data();
        if (h == null || range == null) {
            return;
        }
        TimeRange r = range;
        double w = chart.getWidth();
        double ht = chart.getHeight();
        dev.callscope.chart.Palette p = dev.callscope.chart.Palette.of(dark);
        java.time.ZoneId z = zone.zone();
        dev.callscope.chart.Drawing drawing = dev.callscope.logs.HistogramPainter.drawing(h, r, p, z);
        BackgroundExport.submit(
                exports,
                engine,
                destination,
                out -> dev.callscope.chart.ChartFiles.writeTo(drawing, w, ht, format, scale, out),
                footer::setText,
                done);
    }

    /** Writes every match of the current search and range to {@code destination} in the background. */
    public void export(LogExport.Format format, java.nio.file.Path destination) {
        if (search == null || range == null) {
            return;
        }
        MatchHistogram h = chart.data();
        exportBar.start(engine, search, expr, range, h == null ? -1 : h.total(), format, destination, names);
    }

    private void cancelAll() {
        for (LatestTaskRunner r :
                new LatestTaskRunner[] {pages, more, histogram, tail, setup, contextRunner, exports}) {
            r.cancel();
        }
        patterns.cancel();
    }

    /** Stops polling and cancels queries (the window is closing or the connection changes). */
    public void dispose() {
        tailTimer.stop();
        cancelAll();
    }

    /** A line as the detail pane's Copy puts it on the clipboard. */
    public static String asText(LogLine l, TimeZoneChoice zone, dev.callscope.logs.FunctionNames names) {
        String function = names.named(l.functionId())
                ? names.function(l.functionId()) + " (" + l.functionId() + ")"
                : l.functionId();
        return zone.full(l.timestamp()) + " " + l.level() + " [" + l.stream() + "] " + function + " " + l.callId() + " "
                + l.containerId() + " " + l.message();
    }

    private static String compact(long n) {
        if (n < 0) {
            return "?";
        }
        if (n >= 1_000_000) {
            return String.format(Locale.ROOT, "%.1fM", n / 1e6);
        }
        if (n >= 10_000) {
            return String.format(Locale.ROOT, "%.0fk", n / 1e3);
        }
        return String.format(Locale.ROOT, "%,d", n);
    }
}
