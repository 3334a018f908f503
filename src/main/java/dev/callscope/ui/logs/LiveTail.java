package dev.callscope.ui.logs;

import dev.callscope.logs.LogCursor;
import dev.callscope.logs.LogLine;
import dev.callscope.ui.common.LatestTaskRunner;
import java.util.List;
import java.util.Locale;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.collections.ObservableList;
import javafx.scene.control.Button;
import javafx.util.Duration;

/**
 * The Logs tab's live tail: while on, asks once a second for the lines newer than the newest shown
 * and puts them on top. A reader scrolled down keeps their place; a button counts what arrived
 * above and jumps to it.
 */
final class LiveTail {

    private final LatestTaskRunner tail;
    private final LogTable table;
    private final ObservableList<LogLine> rows;
    private final int maxLoaded;
    private final Supplier<LogsSearchState> current;
    private final BooleanSupplier searching;
    private final Consumer<LogCursor> trimmed;
    private final Consumer<String> footer;
    private final Consumer<String> failed;
    private final Timeline timer;
    private final Button newLines = new Button();
    private int pending;

    /**
     * @param current the search on screen (null while none can run)
     * @param searching whether a page is being searched (the tail waits for it)
     * @param trimmed told where older lines now start when the rows were cut at {@code maxLoaded}
     * @param footer told the note for the footer after lines arrived
     * @param failed told what went wrong
     */
    LiveTail(
            LatestTaskRunner tail,
            LogTable table,
            ObservableList<LogLine> rows,
            int maxLoaded,
            Supplier<LogsSearchState> current,
            BooleanSupplier searching,
            Consumer<LogCursor> trimmed,
            Consumer<String> footer,
            Consumer<String> failed) {
        this.tail = tail;
        this.table = table;
        this.rows = rows;
        this.maxLoaded = maxLoaded;
        this.current = current;
        this.searching = searching;
        this.trimmed = trimmed;
        this.footer = footer;
        this.failed = failed;
        this.timer = new Timeline(new KeyFrame(Duration.seconds(1), e -> poll()));
        timer.setCycleCount(Timeline.INDEFINITE);
        newLines.setId("new-lines");
        newLines.setVisible(false);
        newLines.managedProperty().bind(newLines.visibleProperty());
        newLines.setOnAction(e -> jumpToNewest());
    }

    /** The "N new lines · jump to newest" button, shown while lines arrived above the reader. */
    Button newLinesButton() {
        return newLines;
    }

    void setOn(boolean on) {
        if (on) {
            timer.play();
        } else {
            timer.stop();
            tail.cancel();
        }
    }

    /** A new search: nothing is pending, and a poll of the old one is dropped. */
    void reset() {
        tail.cancel();
        pending = 0;
        newLines.setVisible(false);
    }

    void stop() {
        timer.stop();
        tail.cancel();
    }

    /** The reader reached the top by scrolling: what was pending is seen. */
    void reachedTop() {
        if (pending > 0) {
            jumpToNewest();
        }
    }

    private void poll() {
        LogsSearchState s = current.get();
        if (s == null || tail.isBusy() || searching.getAsBoolean()) {
            return;
        }
        LogCursor newest = rows.isEmpty() ? null : rows.getFirst().cursor();
        tail.submit(
                s.engine(),
                scope -> s.search().newer(scope, s.expr(), newest, s.range().from(), 1000),
                this::prepend,
                error -> failed.accept("Live tail: " + error));
    }

    private void prepend(List<LogLine> fresh) {
        if (fresh.isEmpty()) {
            return;
        }
        boolean atTop = table.isScrolledToTop();
        rows.addAll(0, fresh);
        if (rows.size() > maxLoaded) {
            rows.remove(maxLoaded, rows.size());
            trimmed.accept(rows.getLast().cursor());
        }
        if (atTop) {
            table.scrollTo(0);
        } else {
            pending += fresh.size();
            newLines.setText(String.format(Locale.ROOT, "%,d new lines · jump to newest", pending));
            newLines.setVisible(true);
        }
        footer.accept("live");
    }

    private void jumpToNewest() {
        pending = 0;
        newLines.setVisible(false);
        table.scrollTo(0);
    }
}
