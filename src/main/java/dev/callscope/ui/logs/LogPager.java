package dev.callscope.ui.logs;

import dev.callscope.engine.QueryStats;
import dev.callscope.logs.LogCursor;
import dev.callscope.logs.LogLine;
import dev.callscope.logs.LogPage;
import dev.callscope.logs.MatchHistogram;
import dev.callscope.ui.common.LatestTaskRunner;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.collections.ObservableList;
import javafx.scene.control.Label;

/**
 * The Logs table's pages: the newest matches first (shown as they are found, then whole), more
 * as the reader scrolls down, at most {@link #MAX_LOADED} lines; and the footer that says how many
 * are shown of how many match.
 */
final class LogPager {

    static final int PAGE_SIZE = 200;
    /** Loaded rows are capped so memory stays bounded; export reaches the rest. */
    static final int MAX_LOADED = 50_000;

    private final LatestTaskRunner pages;
    private final LatestTaskRunner more;
    private final LogTable table;
    private final ObservableList<LogLine> rows;
    private final Label footer;
    private final Supplier<MatchHistogram> histogram;
    private final Consumer<QueryStats> statsSink;
    private LogCursor next;

    /** @param histogram the match counts on screen (null until counted), for the footer's total */
    LogPager(
            LatestTaskRunner pages,
            LatestTaskRunner more,
            LogTable table,
            ObservableList<LogLine> rows,
            Label footer,
            Supplier<MatchHistogram> histogram,
            Consumer<QueryStats> statsSink) {
        this.pages = pages;
        this.more = more;
        this.table = table;
        this.rows = rows;
        this.footer = footer;
        this.histogram = histogram;
        this.statsSink = statsSink;
    }

    /** Searches the first page of {@code s}; {@code failed} is told why it could not. */
    void search(LogsSearchState s, Consumer<String> failed) {
        more.cancel();
        next = null;
        footer.setText("Searching…");
        pages.submit(
                s.engine(),
                scope -> s.search()
                        .page(
                                scope,
                                s.expr(),
                                s.range(),
                                null,
                                PAGE_SIZE,
                                partial -> scope.publish(() -> showFirst(partial, true))),
                page -> showFirst(page, false),
                error -> {
                    footer.setText("");
                    failed.accept("Search failed: " + error);
                });
    }

    boolean searching() {
        return pages.isBusy();
    }

    /** The rows were cut by someone else (the live tail): older lines start after {@code cursor}. */
    void trimmed(LogCursor cursor) {
        next = cursor;
    }

    private void showFirst(LogPage page, boolean partial) {
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
            statsSink.accept(new QueryStats(page.rowsRead(), -1, page.lines().size(), page.elapsed()));
        }
    }

    void updateFooter(String note) {
        MatchHistogram h = histogram.get();
        String total = h == null ? "" : String.format(Locale.ROOT, " of %,d", h.total());
        String moreText = next != null
                ? (rows.size() >= MAX_LOADED
                        ? " · the newest " + String.format(Locale.ROOT, "%,d", MAX_LOADED)
                                + " are loaded; narrow the range to see older ones"
                        : " · scroll for more")
                : "";
        footer.setText(String.format(
                Locale.ROOT, "Showing %,d%s%s%s", rows.size(), total, moreText, note == null ? "" : " · " + note));
    }

    /** The reader scrolled near the end: the next page of {@code s}, unless one is on its way or the cap is reached. */
    void loadMore(LogsSearchState s) {
        if (s == null || next == null || more.isBusy() || pages.isBusy() || rows.size() >= MAX_LOADED) {
            return;
        }
        LogCursor from = next;
        footer.setText(footer.getText() + " · loading…");
        more.submit(
                s.engine(),
                scope -> s.search().page(scope, s.expr(), s.range(), from, PAGE_SIZE, null),
                page -> {
                    rows.addAll(page.lines());
                    next = page.next();
                    updateFooter(null);
                },
                error -> footer.setText("Loading more failed: " + error));
    }

    void cancel() {
        pages.cancel();
        more.cancel();
    }
}
