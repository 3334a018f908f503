package dev.callscope.ui.shell;

import dev.callscope.engine.ConnectionHealth;
import dev.callscope.engine.Engine;
import java.util.concurrent.ExecutorService;
import java.util.function.Supplier;
import javafx.animation.PauseTransition;
import javafx.application.Platform;
import javafx.util.Duration;
import org.controlsfx.control.StatusBar;

/**
 * Follows the open engine's health in the connection bar: retrying, offline (then one cheap read
 * after a pause that grows, up to 30 s), and back (the views reload once). Runs on the FX thread;
 * the probe's read runs on the query executor.
 */
final class HealthWatch {

    /** Pauses between tries to reach an offline server. */
    private static final int[] PROBE_SECONDS = {2, 4, 8, 15, 30};

    private final ConnectionBar bar;
    private final StatusBar status;
    private final ExecutorService queries;
    private final Supplier<Engine> current;
    private final Runnable reload;
    private final PauseTransition timer = new PauseTransition();
    private int probes;
    private boolean restoring;

    /**
     * @param current the engine the window has open now (null while none)
     * @param reload reloads every view from it
     */
    HealthWatch(
            ConnectionBar bar, StatusBar status, ExecutorService queries, Supplier<Engine> current, Runnable reload) {
        this.bar = bar;
        this.status = status;
        this.queries = queries;
        this.current = current;
        this.reload = reload;
        timer.setOnFinished(e -> probe());
    }

    /** Starts following {@code opened}'s health. */
    void follow(Engine opened) {
        opened.onHealthChange(h -> Platform.runLater(() -> changed(opened, h)));
    }

    /** No probe is pending (a new connection is being opened). */
    void stop() {
        timer.stop();
    }

    /** Reconnect asked for: read the open engine now instead of waiting. */
    void probeNow() {
        timer.stop();
        probe();
    }

    private void changed(Engine on, ConnectionHealth health) {
        if (on != current.get()) {
            return;
        }
        switch (health) {
            case CONNECTED -> {
                timer.stop();
                boolean wasDown =
                        bar.state() == ConnectionBar.State.OFFLINE || bar.state() == ConnectionBar.State.RETRYING;
                bar.connected(on.info());
                if (wasDown && !restoring) {
                    restoring = true;
                    status.setText("Connection restored; reloading the views.");
                    reload.run();
                    restoring = false;
                }
            }
            case RETRYING -> bar.show(ConnectionBar.State.RETRYING, "Connection lost, retrying…");
            case OFFLINE -> {
                if (bar.state() != ConnectionBar.State.OFFLINE) {
                    probes = 0;
                }
                schedule();
            }
        }
    }

    private void schedule() {
        int seconds = PROBE_SECONDS[Math.min(probes, PROBE_SECONDS.length - 1)];
        bar.show(ConnectionBar.State.OFFLINE, "Offline · trying again in " + seconds + " s");
        timer.setDuration(Duration.seconds(seconds));
        timer.playFromStart();
    }

    /** One cheap read on the open engine; success flips its health back and the views reload. */
    private void probe() {
        Engine on = current.get();
        if (on == null) {
            return;
        }
        probes++;
        bar.show(ConnectionBar.State.OFFLINE, "Offline · trying again…");
        queries.submit(() -> {
            try {
                on.query(ConnectionHealth.probe(), rows -> null);
            } catch (RuntimeException e) {
                Platform.runLater(() -> {
                    if (on == current.get() && on.health() == ConnectionHealth.OFFLINE) {
                        schedule();
                    }
                });
            }
        });
    }
}
