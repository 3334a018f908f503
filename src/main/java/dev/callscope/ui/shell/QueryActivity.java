package dev.callscope.ui.shell;

import dev.callscope.engine.QueryProgress;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.application.Platform;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;

/**
 * The status bar's "running" strip: while the views' queries run longer than a moment, it shows
 * rows and bytes the server has read so far (polled every half second on a background thread,
 * one poll at a time) and a Cancel button that stops them all.
 */
final class QueryActivity extends HBox {

    /** Queries quicker than this never show, so the strip does not flicker. */
    private static final Duration SHOW_AFTER = Duration.ofMillis(400);

    private final ExecutorService background;
    private final Label text = new Label();
    private final Button cancel = new Button("Cancel");
    private final Timeline ticker;
    private final AtomicBoolean polling = new AtomicBoolean();
    private ObservedEngine engine;

    QueryActivity(ExecutorService background) {
        super(8);
        this.background = background;
        setId("query-activity");
        text.setId("query-progress");
        cancel.setId("cancel-queries");
        cancel.getStyleClass().add("small");
        cancel.setOnAction(e -> {
            if (engine != null) {
                engine.cancelAll();
                text.setText("Cancelling…");
            }
        });
        setAlignment(Pos.CENTER_RIGHT);
        getChildren().addAll(text, cancel);
        setVisible(false);
        managedProperty().bind(visibleProperty());
        ticker = new Timeline(new KeyFrame(javafx.util.Duration.millis(500), e -> tick()));
        ticker.setCycleCount(Animation.INDEFINITE);
        ticker.play();
    }

    void watch(ObservedEngine next) {
        engine = next;
        setVisible(false);
    }

    void stop() {
        ticker.stop();
    }

    private void tick() {
        ObservedEngine e = engine;
        if (e == null) {
            setVisible(false);
            return;
        }
        long now = System.nanoTime();
        Map<String, Long> running = e.running();
        long slow = running.values().stream()
                .filter(start -> now - start >= SHOW_AFTER.toNanos())
                .count();
        if (slow == 0) {
            setVisible(false);
            return;
        }
        if (!isVisible()) {
            text.setText(slow == 1 ? "Running a query…" : "Running " + slow + " queries…");
            setVisible(true);
        }
        if (!polling.compareAndSet(false, true)) {
            return; // the last poll has not come back (a slow or stalled server): never pile up
        }
        long oldest = running.values().stream().mapToLong(Long::longValue).min().orElse(now);
        background.submit(() -> {
            try {
                Optional<QueryProgress> total = running.keySet().stream()
                        .map(e::progress)
                        .flatMap(Optional::stream)
                        .reduce(QueryProgress::plus);
                String line = describe(running.size(), total, Duration.ofNanos(now - oldest));
                Platform.runLater(() -> {
                    if (engine == e && isVisible() && !text.getText().equals("Cancelling…")) {
                        text.setText(line);
                    }
                });
            } finally {
                polling.set(false);
            }
        });
    }

    static String describe(int queries, Optional<QueryProgress> progress, Duration elapsed) {
        String what = queries == 1 ? "1 query" : queries + " queries";
        String seconds = String.format(Locale.ROOT, "%.1f s", elapsed.toMillis() / 1000.0);
        return progress.map(p -> String.format(
                        Locale.ROOT,
                        "Running %s · %,d rows, %s read · %s",
                        what,
                        p.rowsRead(),
                        ByteSize.readable(p.bytesRead()),
                        seconds))
                .orElse("Running " + what + " · " + seconds);
    }
}
