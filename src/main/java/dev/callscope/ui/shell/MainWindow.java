package dev.callscope.ui.shell;

import dev.callscope.app.ConnectionTarget;
import dev.callscope.app.Connector;
import dev.callscope.engine.Engine;
import dev.callscope.engine.Query;
import dev.callscope.engine.QueryStats;
import dev.callscope.settings.Settings;
import dev.callscope.ui.common.LatestQueryRunner;
import dev.callscope.ui.common.Themes;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.controlsfx.control.StatusBar;
import dev.callscope.ui.common.TimeZoneChoice;
import dev.callscope.ui.logs.LogsView;
import dev.callscope.ui.timeline.TimelineView;
import dev.callscope.ui.performance.PerformanceView;
import dev.callscope.ui.functions.FunctionsView;
import dev.callscope.ui.cost.CostView;

/**
 * The main window: connection bar, the four tabs, the status bar. It owns the open engine: it asks
 * the {@link Connector} for one in the background, swaps it in on the FX thread, and closes the
 * previous one (also in the background) when the user connects elsewhere.
 */
public final class MainWindow {

    private final Connector connector;
    private final ExecutorService connectExecutor;
    private final LatestQueryRunner overview;
    private final Path defaultDataDir;
    private final Consumer<Settings> saveSettings;
    private Settings settings;

    private final ConnectionBar bar = new ConnectionBar();
    private final StatusBar status = new StatusBar();
    private final ProgressBar progress = new ProgressBar();
    private final Label progressText = new Label();
    private final Label problem = new Label();
    private final VBox overlay;
    private final BorderPane root = new BorderPane();
    private final TimeZoneChoice zone = new TimeZoneChoice();
    private final LogsView logs;
    private final TimelineView timeline;
    private final PerformanceView performance;
    private final FunctionsView functions;
    private final CostView cost;
    private final TabPane tabs;
    private final Tab logsTab;
    private final Tab timelineTab;
    private Engine engine;
    private int generation;
    private Consumer<String> settled = outcome -> { };

    public MainWindow(Connector connector, ExecutorService connectExecutor, ExecutorService queryExecutor,
                      Path defaultDataDir, Settings settings, Consumer<Settings> saveSettings) {
        this.connector = connector;
        this.connectExecutor = connectExecutor;
        this.overview = new LatestQueryRunner(queryExecutor, Platform::runLater);
        this.defaultDataDir = defaultDataDir;
        this.settings = settings;
        this.saveSettings = saveSettings;

        progress.setPrefWidth(420);
        progressText.setId("progress-text");
        problem.setId("problem");
        problem.setWrapText(true);
        problem.setMaxWidth(560);
        problem.getStyleClass().add("danger");
        Button retry = new Button("Connect…");
        retry.setOnAction(e -> openConnectionDialog());
        retry.visibleProperty().bind(problem.textProperty().isNotEmpty());
        overlay = new VBox(12, progressText, progress, problem, retry);
        overlay.setAlignment(Pos.CENTER);
        overlay.setPadding(new Insets(24));
        overlay.getStyleClass().add("overlay");

        logs = new LogsView(queryExecutor, zone, this::showStats);
        logs.onShowCall(this::openCallInTimeline);
        timeline = new TimelineView(queryExecutor, zone, this::showStats, this::openCallInLogs);
        logsTab = new Tab("Logs", logs);
        logsTab.setId("tab-logs");
        timelineTab = new Tab("Timeline", timeline);
        performance = new PerformanceView(queryExecutor, zone, this::showStats);
        functions = new FunctionsView(queryExecutor, zone, this::showStats, this::openFunctionInTimeline, this::openLogsSearch);
        Tab functionsTab = new Tab("Functions", functions);
        functionsTab.setId("tab-functions");
        Tab performanceTab = new Tab("Performance", performance);
        performanceTab.setId("tab-performance");
        timelineTab.setId("tab-timeline");
        cost = new CostView(queryExecutor, zone, new dev.callscope.cost.PriceStore(dev.callscope.platform.AppDirs.forCurrentUser().config()));
        timeline.pricedBy(cost::prices);
        Tab costTab = new Tab("Cost", cost);
        costTab.setId("tab-cost");
        tabs = new TabPane(
                logsTab,
                functionsTab,
                timelineTab,
                performanceTab,
                costTab);
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        status.setText("");
        status.setId("status-bar");

        root.setTop(bar);
        root.setCenter(new StackPane(tabs, overlay));
        root.setBottom(status);
        bar.connect.setOnAction(e -> openConnectionDialog());
        bar.theme.setOnAction(e -> toggleTheme());
        updateThemeButton();
    }

    private void openCallInTimeline(String callId) {
        tabs.getSelectionModel().select(timelineTab);
        timeline.showCallId(callId);
    }

    private void openFunctionInTimeline(String functionId, dev.callscope.time.TimeRange range) {
        tabs.getSelectionModel().select(timelineTab);
        timeline.showFunction(functionId, range);
    }

    private void openLogsSearch(String text) {
        tabs.getSelectionModel().select(logsTab);
        logs.search(text);
    }

    private void openCallInLogs(String callId) {
        tabs.getSelectionModel().select(logsTab);
        logs.search("call:" + callId);
    }


    public void show(Stage stage) {
        Themes.apply(settings.dark());
        logs.setDark(settings.dark());
        timeline.setDark(settings.dark());
        performance.setDark(settings.dark());
        functions.setDark(settings.dark());
        cost.setDark(settings.dark());
        Scene scene = new Scene(root, settings.windowWidth(), settings.windowHeight());
        scene.getStylesheets().add(MainWindow.class.getResource("/dev/callscope/ui/callscope.css").toExternalForm());
        stage.setScene(scene);
        stage.setTitle("Callscope");
        stage.setOnHidden(e -> close());
        stage.show();
    }

    /** Told on the FX thread whenever a connection attempt ends: "connected …" or "failed: …". */
    public void onSettled(Consumer<String> listener) {
        settled = listener;
    }

    /** Connects in the background; the window stays usable and shows progress meanwhile. */
    public void connect(ConnectionTarget target) {
        int attempt = ++generation;
        bar.show(ConnectionBar.State.CONNECTING, "Connecting…");
        bar.target(target.label());
        problem.setText("");
        progressText.setText("Connecting to " + target.label() + "…");
        progress.setProgress(ProgressBar.INDETERMINATE_PROGRESS);
        overlay.setVisible(true);
        Engine previous = engine;
        engine = null;
        overview.cancel();
        logs.setEngine(null);
        timeline.setEngine(null);
        performance.setEngine(null);
        functions.setEngine(null);
        cost.setEngine(null, null);
        connectExecutor.submit(() -> {
            if (previous != null) {
                previous.close();
            }
            try {
                Engine opened = connector.open(target, (message, fraction) -> Platform.runLater(() -> {
                    if (attempt == generation) {
                        progressText.setText(message);
                        progress.setProgress(fraction < 0 ? ProgressBar.INDETERMINATE_PROGRESS : fraction);
                    }
                }));
                Platform.runLater(() -> connected(attempt, opened, target));
            } catch (Connector.ConnectException | RuntimeException e) {
                Platform.runLater(() -> failed(attempt, e.getMessage()));
            }
        });
    }

    private void connected(int attempt, Engine opened, ConnectionTarget target) {
        if (attempt != generation) {
            connectExecutor.submit(opened::close); // the user moved on while this one was opening
            return;
        }
        engine = opened;
        overlay.setVisible(false);
        bar.connected(opened.info());
        remember(target);
        loadOverview();
        logs.setEngine(opened);
        timeline.setEngine(opened);
        performance.setEngine(opened);
        functions.setEngine(opened);
        cost.setEngine(opened, CostView.priceKey(target));
        settled.accept("connected " + opened.info().describe());
    }

    private void failed(int attempt, String message) {
        if (attempt != generation) {
            return;
        }
        bar.show(ConnectionBar.State.FAILED, "Not connected");
        progress.setProgress(0);
        progressText.setText("Could not connect.");
        problem.setText(message);
        settled.accept("failed: " + message);
    }

    /** A first real query: how much data the connection holds, shown in the connection bar. */
    private void loadOverview() {
        Query q = Query.of("""
                SELECT (SELECT uniqExact(function_call_id) FROM callscope.function_call_events WHERE function_call_id != ''),
                       (SELECT count() FROM callscope.function_logs)""");
        overview.submit(engine, q, rows -> rows.next() ? new long[] {rows.getLong(1), rows.getLong(2)} : new long[2],
                result -> {
                    bar.dataset(String.format(Locale.ROOT, "%,d calls · %,d log lines", result.value()[0], result.value()[1]));
                    showStats(result.stats());
                },
                error -> explainMissingData(engine));
    }

    /** The overview failed: say precisely what this connection lacks (database, tables, columns). */
    private void explainMissingData(Engine on) {
        connectExecutor.submit(() -> {
            String text;
            try {
                java.util.List<String> problems = dev.callscope.schema.SchemaCheck.problems(on, "callscope");
                text = problems.isEmpty() ? "The Callscope tables are there but could not be read."
                        : "No Callscope data here: " + String.join("; ", problems) + ".";
            } catch (RuntimeException e) {
                text = "Callscope tables not found on this connection: " + e.getMessage();
            }
            String shown = text;
            Platform.runLater(() -> {
                if (engine == on) {
                    status.setText(shown);
                    bar.dataset("no Callscope data");
                }
            });
        });
    }

    private void showStats(QueryStats stats) {
        String read = stats.bytesRead() < 0 ? "" : ", " + bytes(stats.bytesRead());
        status.setText(String.format(Locale.ROOT, "Last query: %,d rows%s read in %d ms", stats.rowsRead(),
                read, stats.elapsed().toMillis()));
    }

    private static String bytes(long n) {
        if (n < 0) {
            return "? bytes";
        }
        String[] units = {"B", "KB", "MB", "GB", "TB"};
        double v = n;
        int u = 0;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, u == 0 ? "%.0f %s" : "%.1f %s", v, units[u]);
    }

    private void openConnectionDialog() {
        ConnectionDialog dialog = new ConnectionDialog(defaultDataDir, connector, connectExecutor);
        dialog.initOwner(root.getScene().getWindow());
        dialog.showAndWait().ifPresent(this::connect);
    }

    private void toggleTheme() {
        settings = settings.withTheme(settings.dark() ? "light" : "dark");
        Themes.apply(settings.dark());
        logs.setDark(settings.dark());
        timeline.setDark(settings.dark());
        performance.setDark(settings.dark());
        functions.setDark(settings.dark());
        cost.setDark(settings.dark());
        updateThemeButton();
        saveSettings.accept(settings);
    }

    private void updateThemeButton() {
        bar.theme.setText(settings.dark() ? "Light theme" : "Dark theme");
    }

    private void remember(ConnectionTarget target) {
        settings = switch (target) {
            case ConnectionTarget.Embedded e -> settings.withEmbedded(e.dataDir().toString());
            case ConnectionTarget.Remote r -> settings.withServer(r.url(), r.user(), r.database());
        };
        saveSettings.accept(settings);
    }

    /** Closes the engine off the FX thread when the window goes away. */
    private void close() {
        overview.cancel();
        logs.dispose();
        Scene scene = root.getScene();
        if (scene != null) {
            settings = settings.withWindow(scene.getWidth(), scene.getHeight());
            saveSettings.accept(settings);
        }
        Engine open = engine;
        engine = null;
        if (open != null) {
            connectExecutor.submit(open::close);
        }
    }
}
