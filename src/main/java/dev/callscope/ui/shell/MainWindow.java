package dev.callscope.ui.shell;

import dev.callscope.app.ConnectionTarget;
import dev.callscope.app.Connector;
import dev.callscope.calls.EventSchema;
import dev.callscope.engine.ConnectionHealth;
import dev.callscope.engine.Engine;
import dev.callscope.engine.QueryStats;
import dev.callscope.profiles.EventsMapping;
import dev.callscope.profiles.LogMapping;
import dev.callscope.profiles.Profile;
import dev.callscope.profiles.Profiles;
import dev.callscope.secrets.SecretStoreException;
import dev.callscope.settings.Settings;
import dev.callscope.ui.common.Executors;
import dev.callscope.ui.common.LatestTaskRunner;
import dev.callscope.ui.common.Themes;
import dev.callscope.ui.common.TimeZoneChoice;
import dev.callscope.ui.cost.CostView;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.geometry.Rectangle2D;
import javafx.scene.Scene;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.controlsfx.control.StatusBar;

/**
 * The main window: connection bar, the four tabs, the status bar. It owns the open engine: it asks
 * the {@link Connector} for one in the background, swaps it in on the FX thread, and closes the
 * previous one (also in the background) when the user connects elsewhere. It follows the engine's
 * health: while a server is offline it tries again with growing pauses, and when the server
 * answers again every view reloads what it showed, with nothing to re-enter.
 */
public final class MainWindow {

    private final Connector connector;
    private final ExecutorService connectExecutor;
    private final ExecutorService queryExecutor;
    private final Profiles profiles;
    /** Writes profiles and talks to the keyring, one thing at a time, never on the FX thread. */
    private final ExecutorService profileWriter = Executors.profiles();

    private final Path defaultDataDir;
    private final Consumer<Settings> saveSettings;
    private Settings settings;

    private final ConnectionBar bar = new ConnectionBar();
    private final StatusBar status = new StatusBar();
    private final NoticeBar notice = new NoticeBar();
    private final QueryActivity activity;
    private final HealthWatch health;
    /** What the connection holds, in the connection bar; and the way out when it cannot be read. */
    private final DatasetOverview dataset;

    private final ConnectingOverlay overlay = new ConnectingOverlay(() -> openConnectionDialog(null, null));
    private final BorderPane root = new BorderPane();
    private final TimeZoneChoice zone = new TimeZoneChoice();
    /** The Logs tab and the call tabs, and the links between them. */
    private final ViewTabs views;

    private Engine engine;
    private ObservedEngine observed;
    private ConnectionTarget target;
    private Profile profile;
    private int generation;
    private Consumer<String> settled = outcome -> {};

    /** A window whose profiles live in memory only (tests, and runs with a connection on the command line). */
    public MainWindow(
            Connector connector,
            ExecutorService connectExecutor,
            ExecutorService queryExecutor,
            Path defaultDataDir,
            Settings settings,
            Consumer<Settings> saveSettings) {
        this(connector, connectExecutor, queryExecutor, defaultDataDir, settings, saveSettings, null);
    }

    /**
     * @param profiles the user's connection profiles and passwords; null for a window without them
     */
    public MainWindow(
            Connector connector,
            ExecutorService connectExecutor,
            ExecutorService queryExecutor,
            Path defaultDataDir,
            Settings settings,
            Consumer<Settings> saveSettings,
            Profiles profiles) {
        this.connector = connector;
        this.connectExecutor = connectExecutor;
        this.queryExecutor = queryExecutor;
        this.profiles = profiles;
        this.activity = new QueryActivity(queryExecutor);
        this.health = new HealthWatch(bar, status, queryExecutor, () -> engine, this::showViews);
        this.dataset = new DatasetOverview(
                new LatestTaskRunner(queryExecutor, Platform::runLater),
                connectExecutor,
                bar,
                new DatasetOverview.Window() {
                    @Override
                    public void status(String text) {
                        status.setText(text);
                    }

                    @Override
                    public void stats(QueryStats stats) {
                        showStats(stats);
                    }

                    @Override
                    public void notice(String text) {
                        showNotice(text);
                    }

                    @Override
                    public void reloadViews() {
                        showViews();
                    }
                });
        this.defaultDataDir = defaultDataDir;
        this.settings = settings;
        this.saveSettings = saveSettings;

        views = new ViewTabs(queryExecutor, zone, this::showStats);
        status.setText("");
        status.setId("status-bar");
        status.getRightItems().add(activity);

        if (profiles != null) {
            profiles.loadProblem().ifPresent(notice::show);
        }

        root.setTop(new VBox(bar, notice));
        root.setCenter(new StackPane(views.pane(), overlay));
        root.setBottom(status);
        bar.connect.setOnAction(e -> openConnectionDialog(null, null));
        bar.reconnect.setOnAction(e -> reconnect());
        bar.theme.setOnAction(e -> toggleTheme());
        updateThemeButton();
    }

    public void show(Stage stage) {
        Themes.apply(settings.dark());
        views.setDark(settings.dark());
        Rectangle2D screen = WindowSize.largestScreen();
        Scene scene = new Scene(
                root,
                WindowSize.fit(settings.windowWidth(), screen.getWidth()),
                WindowSize.fit(settings.windowHeight(), screen.getHeight()));
        scene.getStylesheets()
                .add(MainWindow.class
                        .getResource("/dev/callscope/ui/callscope.css")
                        .toExternalForm());
        stage.setScene(scene);
        stage.setTitle("Callscope");
        stage.setOnHidden(e -> close());
        stage.show();
    }

    /** Shows a message in the bar under the connection bar until dismissed (e.g. settings that were reset). */
    public void showNotice(String message) {
        notice.show(message);
    }

    /** Told on the FX thread whenever a connection attempt ends: "connected …" or "failed: …". */
    public void onSettled(Consumer<String> listener) {
        settled = listener;
    }

    /**
     * Reconnects to the profile used last: at once when it needs no password or one is saved,
     * otherwise by opening the connections dialog on it, asking for the password.
     */
    public void start() {
        if (profiles == null) {
            connect(new ConnectionTarget.Embedded(defaultDataDir));
            return;
        }
        profiles.book()
                .startup()
                .ifPresentOrElse(p -> connect(p, (String) null), () -> openConnectionDialog(null, null));
    }

    /**
     * Connects to a profile. The password is the one typed ({@code typed}, possibly empty), or
     * else the saved one, looked up in the background; when there is none the dialog asks for it.
     */
    public void connect(Profile p, String typed) {
        bar.profile(p.name());
        if (!p.isServer() || typed != null) {
            connectProfile(p, p.target(typed == null ? "" : typed));
            return;
        }
        bar.show(ConnectionBar.State.CONNECTING, "Looking up the password…");
        profileWriter.submit(() -> {
            Optional<String> saved;
            String why;
            try {
                saved = profiles.passwords().read(p);
                why = profiles.passwords().effective(p) == Profile.PasswordStorage.ASK
                        ? (p instanceof Profile.Server s && s.password() == Profile.PasswordStorage.ASK
                                ? "This profile does not keep its password."
                                : profiles.passwords().keyringExplanation())
                        : "No password is saved for it yet.";
            } catch (SecretStoreException e) {
                saved = Optional.empty();
                why = e.getMessage() + ".";
            }
            Optional<String> found = saved;
            String reason = why;
            Platform.runLater(() -> found.ifPresentOrElse(pw -> connectProfile(p, p.target(pw)), () -> {
                bar.show(ConnectionBar.State.FAILED, "Password needed");
                openConnectionDialog(p.id(), "Enter the password for " + p.name() + " to connect. " + reason);
            }));
        });
    }

    private void connectProfile(Profile p, ConnectionTarget t) {
        profile = p;
        connectTo(t);
    }

    /** Connects in the background; the window stays usable and shows progress meanwhile. */
    public void connect(ConnectionTarget next) {
        profile = null;
        bar.profile("");
        connectTo(next);
    }

    private void connectTo(ConnectionTarget next) {
        int attempt = ++generation;
        target = next;
        health.stop();
        boolean insecure = next instanceof ConnectionTarget.Remote r && r.insecure();
        bar.insecure(insecure);
        bar.show(ConnectionBar.State.CONNECTING, "Connecting…");
        bar.target(next.label());
        overlay.connecting(next.label());
        Engine previous = engine;
        engine = null;
        observed = null;
        activity.watch(null);
        dataset.stop();
        views.disconnect();
        connectExecutor.submit(() -> {
            if (previous != null) {
                previous.close();
            }
            try {
                Engine opened = connector.open(
                        next,
                        (message, fraction) -> Platform.runLater(() -> {
                            if (attempt == generation) {
                                overlay.progress(message, fraction);
                            }
                        }));
                Platform.runLater(() -> connected(attempt, opened));
            } catch (Connector.ConnectException | RuntimeException e) {
                Platform.runLater(() -> failed(attempt, e.getMessage()));
            }
        });
    }

    private void connected(int attempt, Engine opened) {
        if (attempt != generation) {
            connectExecutor.submit(opened::close); // the user moved on while this one was opening
            return;
        }
        engine = opened;
        observed = new ObservedEngine(opened);
        overlay.connected();
        bar.connected(opened.info());
        activity.watch(observed);
        health.follow(opened);
        showViews();
        settled.accept("connected " + opened.info().describe());
    }

    /**
     * Every view (re)loads what it shows from the open engine, keeping the user's choices. Each call
     * tab reads the profile's events (Callscope's table or a mapping) or, when they cannot serve it
     * (no events, or a mapping without the fields it needs), says why in its place and gets no engine.
     */
    private void showViews() {
        LogMapping mapping = profile == null ? LogMapping.CANONICAL : profile.logs();
        EventsMapping eventsMapping = profile == null ? EventsMapping.CANONICAL : profile.events();
        String noCalls = eventsMapping.hasCalls()
                ? null
                : mapping.logsOnly()
                        ? "This connection maps only logs (" + mapping.schema().qualifiedTable()
                                + "): function calls are not available. "
                                + "Choose where the calls are under Events in Connections… for this view."
                        : "This connection has no call events. Choose where the calls are under Events in Connections… for this view.";
        EventSchema events =
                noCalls == null ? eventsMapping.schema() : EventSchema.canonical(LogMapping.CALLSCOPE_DATABASE);
        dataset.load(engine, mapping, noCalls == null ? events : null, profile == null ? null : profile.name());
        views.connect(observed, mapping.schema(), events, noCalls, CostView.priceKey(target));
    }

    /** The Reconnect button: try the open engine now, or open the same target again if it never opened. */
    private void reconnect() {
        if (engine != null && engine.health() != ConnectionHealth.OFFLINE && dataset.retryNow()) {
            return; // the server answers; its data did not: read it again now
        }
        if (engine != null) {
            health.probeNow();
        } else if (target != null) {
            connectTo(target);
        }
    }

    private void failed(int attempt, String message) {
        if (attempt != generation) {
            return;
        }
        bar.show(ConnectionBar.State.FAILED, "Not connected");
        overlay.failed(message);
        settled.accept("failed: " + message);
    }

    private void showStats(QueryStats stats) {
        if (stats.rowsRead() < 0) { // nothing was read that can be counted (a call id that matched no call)
            status.setText("");
            return;
        }
        String read = stats.bytesRead() < 0 ? "" : ", " + ByteSize.readable(stats.bytesRead());
        status.setText(String.format(
                Locale.ROOT,
                "Last query: %,d rows%s read in %d ms",
                stats.rowsRead(),
                read,
                stats.elapsed().toMillis()));
    }

    /** Opens the connections dialog (on a profile, with a note saying why, when given). */
    private void openConnectionDialog(String selectId, String note) {
        if (profiles == null) {
            status.setText("Connection profiles are not available in this window.");
            return;
        }
        ConnectionDialog dialog = new ConnectionDialog(
                profiles, connector, connectExecutor, profileWriter, defaultDataDir, selectId, note);
        dialog.initOwner(root.getScene().getWindow());
        dialog.showAndWait()
                .ifPresent(choice ->
                        connect(choice.profile(), choice.typedPassword().orElse(null)));
    }

    private void toggleTheme() {
        settings = settings.withTheme(settings.dark() ? "light" : "dark");
        Themes.apply(settings.dark());
        views.setDark(settings.dark());
        updateThemeButton();
        saveSettings.accept(settings);
    }

    private void updateThemeButton() {
        bar.theme.setText(settings.dark() ? "Light theme" : "Dark theme");
    }

    /** For tests: the queries the views are running. */
    String debugRunning() {
        return observed == null ? "-" : observed.running().toString() + " health " + observed.health();
    }

    /** Closes the engine off the FX thread when the window goes away. */
    private void close() {
        dataset.stop();
        health.stop();
        activity.stop();
        profileWriter.shutdown();
        views.dispose();
        Scene scene = root.getScene();
        if (scene != null) {
            settings = settings.withWindow(scene.getWidth(), scene.getHeight());
            saveSettings.accept(settings);
        }
        Engine open = engine;
        engine = null;
        if (open != null) {
            try {
                connectExecutor.submit(open::close);
            } catch (RejectedExecutionException appShuttingDown) {
                // the app stopped its executors first: still close the engine, off the FX thread
                Thread.ofPlatform().name("engine-close").start(open::close);
            }
        }
    }
}
