package dev.callscope.ui.shell;

import dev.callscope.app.DatasetSize;
import dev.callscope.calls.Acceleration;
import dev.callscope.calls.EventSchema;
import dev.callscope.calls.EventSchemaCheck;
import dev.callscope.engine.Engine;
import dev.callscope.engine.Query;
import dev.callscope.engine.QueryResult;
import dev.callscope.engine.QueryStats;
import dev.callscope.engine.ResultHandler;
import dev.callscope.logs.LogSchema;
import dev.callscope.logs.LogSchemaCheck;
import dev.callscope.profiles.LogMapping;
import dev.callscope.schema.SchemaCheck;
import dev.callscope.ui.common.LatestTaskRunner;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.animation.PauseTransition;
import javafx.application.Platform;
import javafx.util.Duration;

/**
 * The connection bar's account of what a connection holds ("1,000,000 calls · 10,000,000 log
 * lines"), from a first real query. When the data cannot be read it says precisely what is
 * missing, offers Reconnect and reads again every 10 s, so a server that comes back (or a table
 * that appears) brings the tabs back by itself. A mapped table read raw is said to be, once, with
 * the command that accelerates it.
 */
final class DatasetOverview {

    /** What the overview tells the window. */
    interface Window {
        void status(String text);

        void stats(QueryStats stats);

        void notice(String text);

        /** The data is readable again after a spell without it: every tab loads again. */
        void reloadViews();
    }

    private final LatestTaskRunner runner;
    private final ExecutorService checks;
    private final ConnectionBar bar;
    private final Window window;
    private final PauseTransition recheck = new PauseTransition(Duration.seconds(10));
    private Engine engine;
    private Runnable again;
    private boolean missing;

    DatasetOverview(LatestTaskRunner runner, ExecutorService checks, ConnectionBar bar, Window window) {
        this.runner = runner;
        this.checks = checks;
        this.bar = bar;
        this.window = window;
        recheck.setOnFinished(e -> {
            if (missing && engine != null && again != null) {
                again.run();
            }
        });
    }

    /**
     * Reads the overview of {@code on}.
     *
     * @param events  the call events, or null when the connection has none
     * @param profile the profile's name, for the command a notice names (null without one)
     */
    void load(Engine on, LogMapping mapping, EventSchema events, String profile) {
        engine = on;
        again = () -> load(on, mapping, events, profile);
        if (events != null && !events.canonical()) {
            // first the catalog: is there a summary `callscope accelerate` keeps for this mapping?
            read(
                    on,
                    Acceleration.findQuery(events),
                    rows -> rows.next() ? rows.getString(1) : "",
                    found -> countMappedCalls(on, mapping, events, found.value(), profile),
                    error -> eventsMissing(on, events));
            return;
        }
        if (mapping.logsOnly()) {
            LogSchema schema = mapping.schema();
            read(
                    on,
                    DatasetSize.logLines(schema),
                    rows -> rows.next() ? rows.getLong(1) : 0L,
                    result -> found(
                            String.format(Locale.ROOT, "%,d log lines in %s", result.value(), schema.qualifiedTable()),
                            result.stats()),
                    error -> explainMissing(
                            on,
                            () -> LogSchemaCheck.problems(on, schema),
                            "no logs table",
                            "The logs table " + schema.qualifiedTable() + " could not be read",
                            "The mapped logs table is not usable: "));
            return;
        }
        String db = LogMapping.CALLSCOPE_DATABASE;
        read(
                on,
                DatasetSize.ownTables(db),
                DatasetSize.COUNTS,
                result -> found(
                        String.format(
                                Locale.ROOT,
                                "%,d calls · %,d log lines",
                                result.value().calls(),
                                result.value().logLines()),
                        result.stats()),
                error -> explainMissing(
                        on,
                        () -> SchemaCheck.problems(on, db),
                        "no Callscope data",
                        "The Callscope tables could not be read",
                        "No Callscope data here: "));
    }

    /** One read in the overview's slot: a newer one supersedes it. */
    private <T> void read(
            Engine on, Query q, ResultHandler<T> handler, Consumer<QueryResult<T>> onResult, Consumer<String> onError) {
        runner.submit(on, scope -> scope.query(q, handler), onResult, onError);
    }

    /**
     * The calls of a mapped table, from its accelerated summary when there is one; without one,
     * says once, plainly, that the call tabs read the table as it is and how to change that.
     */
    private void countMappedCalls(
            Engine on, LogMapping mapping, EventSchema events, String accelerated, String profile) {
        LogSchema schema = mapping.schema();
        read(
                on,
                DatasetSize.mappedTables(events, accelerated, schema),
                DatasetSize.COUNTS,
                result -> {
                    found(
                            String.format(
                                    Locale.ROOT,
                                    "%,d calls in %s · %,d log lines",
                                    result.value().calls(),
                                    events.qualifiedTable(),
                                    result.value().logLines()),
                            result.stats());
                    if (accelerated.isEmpty()) {
                        window.notice(String.format(
                                Locale.ROOT,
                                "The call tabs read %s as it is: each query groups its rows "
                                        + "again (counting the calls read %,d rows in %d ms). For tabs as fast as on Callscope's own tables, "
                                        + "keep a summary on the server: callscope accelerate --profile \"%s\" --apply",
                                events.qualifiedTable(),
                                result.stats().rowsRead(),
                                result.stats().elapsed().toMillis(),
                                profile == null ? "NAME" : profile));
                    }
                },
                error -> eventsMissing(on, events));
    }

    private void eventsMissing(Engine on, EventSchema events) {
        explainMissing(
                on,
                () -> EventSchemaCheck.problems(on, events),
                "events not readable",
                "The events table " + events.qualifiedTable() + " or the logs could not be read",
                "The mapped events table is not usable: ");
    }

    /** Reconnect while the data is missing (the server itself answers): read the overview now. Returns whether it did. */
    boolean retryNow() {
        if (!missing || engine == null || again == null) {
            return false;
        }
        again.run();
        return true;
    }

    void stop() {
        runner.cancel();
        recheck.stop();
        engine = null;
    }

    private void found(String dataset, QueryStats stats) {
        bar.dataset(dataset);
        window.stats(stats);
        bar.reconnect.setVisible(
                bar.state() == ConnectionBar.State.OFFLINE || bar.state() == ConnectionBar.State.FAILED);
        if (missing) {
            missing = false;
            recheck.stop();
            window.status("The data can be read again; reloading the views.");
            window.reloadViews();
        }
    }

    /**
     * The overview failed: find out off the FX thread what the connection lacks (database, tables,
     * columns) and say it, with the short {@code label} in the bar; offer Reconnect and read again later.
     *
     * @param unreadable the sentence when nothing is missing, or the check itself fails
     * @param lacking    the sentence's start before the list of what is missing
     */
    private void explainMissing(
            Engine on, Supplier<List<String>> problems, String label, String unreadable, String lacking) {
        checks.submit(() -> {
            String text;
            try {
                List<String> found = problems.get();
                text = found.isEmpty() ? unreadable + "." : lacking + String.join("; ", found) + ".";
            } catch (RuntimeException e) {
                text = unreadable + ": " + e.getMessage();
            }
            String shown = text;
            Platform.runLater(() -> {
                if (engine == on) {
                    missing = true;
                    bar.reconnect.setVisible(true);
                    recheck.playFromStart();
                    window.status(shown);
                    bar.dataset(label);
                }
            });
        });
    }
}
