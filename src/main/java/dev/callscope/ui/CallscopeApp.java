package dev.callscope.ui;

import dev.callscope.app.ConnectionTarget;
import dev.callscope.app.Connector;
import dev.callscope.platform.AppDirs;
import dev.callscope.profiles.Profiles;
import dev.callscope.settings.Settings;
import dev.callscope.settings.SettingsStore;
import dev.callscope.ui.common.AppIcon;
import dev.callscope.ui.common.Executors;
import dev.callscope.ui.shell.MainWindow;
import java.io.IOException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;
import javafx.application.Platform;
import javafx.stage.Stage;
import javafx.stage.WindowEvent;

/** Starts the JavaFX toolkit and the main window, and returns when the window is closed. */
public final class CallscopeApp {

    private static final Logger LOG = Logger.getLogger(CallscopeApp.class.getName());

    private CallscopeApp() {}

    /**
     * @param target the connection to open, or null for the profile used last (the embedded demo on first launch)
     * @param ready  a file to write once the window is up and connected (or not), for scripts
     */
    public static void launch(Connector connector, AppDirs dirs, ConnectionTarget target, ReadyMarker ready) {
        SettingsStore store = new SettingsStore(dirs.config());
        Settings settings = store.load();
        Profiles profiles = Profiles.open(dirs.config(), dirs.defaultEngineData());
        profiles.importLegacy(
                settings.embeddedDataDir(), settings.serverUrl(), settings.serverUser(), settings.serverDatabase());
        ExecutorService connect = Executors.connect();
        ExecutorService queries = Executors.queries();
        ExecutorService saver = Executors.settings(); // settings are saved off the FX thread, in order
        CountDownLatch closed = new CountDownLatch(1);
        Platform.setImplicitExit(true);
        Platform.startup(() -> {
            MainWindow window = new MainWindow(
                    connector,
                    connect,
                    queries,
                    dirs.defaultEngineData(),
                    settings,
                    s -> saver.submit(() -> save(store, s)),
                    profiles);
            Stage stage = new Stage();
            // a handler, not setOnHidden: the window sets that one for its own cleanup. Handlers run
            // before it, so release the shutdown only after this event: by then the window has handed
            // its engine and settings to the executors, which shutdown() then lets finish.
            stage.addEventHandler(WindowEvent.WINDOW_HIDDEN, e -> Platform.runLater(closed::countDown));
            AppIcon.addTo(stage);
            window.show(stage);
            store.lastProblem().ifPresent(window::showNotice);
            AtomicBoolean first = new AtomicBoolean(true);
            window.onSettled(outcome -> {
                if (first.getAndSet(false)) {
                    ready.signal(stage, outcome, saver);
                }
            });
            if (target != null) {
                window.connect(target);
            } else {
                window.start();
            }
        });
        try {
            closed.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // Let the engine close and the settings land before the process exits.
        connect.shutdown();
        saver.shutdown();
        try {
            connect.awaitTermination(10, TimeUnit.SECONDS);
            saver.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        queries.shutdownNow();
    }

    private static void save(SettingsStore store, Settings settings) {
        try {
            store.save(settings);
        } catch (IOException e) {
            LOG.warning("Settings not saved: " + e.getMessage());
        }
    }
}
