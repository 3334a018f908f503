package dev.callscope.ui.batches;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.callscope.batches.BatchInputsCsv;
import dev.callscope.batches.BatchSummary;
import dev.callscope.engine.Query;
import dev.callscope.testing.DemoData;
import dev.callscope.testing.NonClosingEngine;
import dev.callscope.testing.TestEngine;
import dev.callscope.ui.common.Executors;
import dev.callscope.ui.common.TimeZoneChoice;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.event.ActionEvent;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The Batches tab on the demo: its jobs counted as the events say, one opened, its failed inputs' logs, its exports. */
@ExtendWith(ApplicationExtension.class)
class BatchesViewTest {

    private BatchesView view;
    private final List<String> logSearches = new ArrayList<>();

    @BeforeAll
    static void demoData() {
        DemoData.ensureLoaded(3000);
    }

    @Start
    void start(Stage stage) {
        view = new BatchesView(Executors.queries(), new TimeZoneChoice(), s -> {}, logSearches::add, id -> {});
        stage.setScene(new Scene(view, 1400, 850));
        stage.show();
        view.setEngine(new NonClosingEngine(TestEngine.shared()));
    }

    private static long scalar(String sql) {
        return Long.parseLong(TestEngine.shared().queryScalar(Query.of(sql)));
    }

    /** The calls of {@code batch} whose last attempt failed, counted from the raw events. */
    private static Set<String> failedCalls(String batch) {
        return new TreeSet<>(TestEngine.shared()
                .query(Query.of("""
                SELECT function_call_id FROM callscope.function_call_events
                WHERE batch_id = {b:String}
                GROUP BY function_call_id
                HAVING maxIf(attempt, event_type = 'finished') = max(attempt)
                   AND argMaxIf(toString(status), attempt, event_type = 'finished') IN ('failure', 'timeout', 'init_failure', 'terminated')""").bind("b", batch), rows -> {
                    List<String> out = new ArrayList<>();
                    while (rows.next()) {
                        out.add(rows.getString(1));
                    }
                    return out;
                })
                .value());
    }

    @Test
    void theJobsAreCountedAsTheEventsSayAndOneOpensWithItsFailedInputsLogs(FxRobot robot, @TempDir Path dir)
            throws Exception {
        WaitForAsyncUtils.waitFor(
                30, TimeUnit.SECONDS, () -> view.table().getItems().size() == 2 && view.shownJob() != null);
        List<BatchSummary> jobs = List.copyOf(view.table().getItems());
        for (BatchSummary s : jobs) {
            assertEquals(
                    scalar("SELECT uniqExact(function_call_id) FROM callscope.function_call_events WHERE batch_id = '"
                            + s.batchId() + "'"),
                    s.inputs(),
                    "inputs of " + s.batchId());
            assertEquals(
                    scalar("SELECT uniqExact(function_call_id, attempt) - uniqExact(function_call_id) FROM"
                            + " callscope.function_call_events WHERE batch_id = '" + s.batchId() + "'"),
                    s.retries(),
                    "retries of " + s.batchId());
        }
        BatchSummary running = jobs.getFirst();
        assertTrue(running.pending() > 0, "the newest job is still running: " + running);
        assertTrue(robot.lookup("#batches-status")
                .queryAs(Label.class)
                .getText()
                .startsWith("2 jobs with an input enqueued in"));

        // the older job: done, with inputs that failed for good
        BatchSummary finished = jobs.getLast();
        robot.interact(() -> view.table().getSelectionModel().select(finished));
        WaitForAsyncUtils.waitFor(
                30,
                TimeUnit.SECONDS,
                () -> view.shownJob() != null && view.shownJob().batchId().equals(finished.batchId()));
        var job = view.shownJob();
        assertEquals(
                List.of(finished.done(), finished.failed(), finished.pending()),
                List.of(job.done(), job.failed(), job.pending()));
        Set<String> failed = failedCalls(finished.batchId());
        assertEquals(failed.size(), job.failed());
        assertTrue(job.failed() > 0 && job.failed() <= BatchDetailPane.LOGS_OF_AT_MOST, "failed: " + job.failed());
        robot.clickOn("#batch-failed-logs");
        assertEquals(1, logSearches.size());
        assertEquals(
                failed,
                new TreeSet<>(Arrays.stream(logSearches.getFirst().split(" OR "))
                        .map(t -> t.substring("call:".length()))
                        .toList()));
        String numbers = robot.lookup("#batch-numbers").queryAs(Label.class).getText();
        assertTrue(
                numbers.startsWith(String.format(
                        Locale.ROOT,
                        "%,d inputs · %,d done · %,d failed · 0 pending",
                        job.inputs().size(),
                        job.done(),
                        job.failed())),
                numbers);
        assertTrue(numbers.contains("finished in"), numbers);

        // the chart on screen as CSV: its last bucket has every input done or failed
        Path chart = dir.resolve("progress.csv");
        CompletableFuture<String> done = new CompletableFuture<>();
        robot.interact(() -> view.export(chart, "csv", 1, done::complete));
        assertTrue(done.get(20, TimeUnit.SECONDS).startsWith("Exported"), done.get());
        List<String> rows = Files.readAllLines(chart);
        String[] header = rows.getFirst().split(",");
        String[] last = rows.getLast().split(",");
        int d = Arrays.asList(header).indexOf("done");
        int f = Arrays.asList(header).indexOf("failed");
        int p = Arrays.asList(header).indexOf("pending");
        assertEquals(
                job.inputs().size(), Double.parseDouble(last[d]) + Double.parseDouble(last[f]), 0, rows.getFirst());
        assertEquals(0, Double.parseDouble(last[p]), 0);

        Path inputs = dir.resolve("inputs.csv");
        CompletableFuture<String> inputsDone = new CompletableFuture<>();
        robot.interact(() -> view.exportInputs(inputs, inputsDone::complete));
        assertTrue(inputsDone.get(20, TimeUnit.SECONDS).startsWith("Exported"), inputsDone.get());
        List<String> lines = Files.readAllLines(inputs);
        assertEquals(BatchInputsCsv.HEADER, lines.getFirst());
        assertEquals(job.inputs().size() + 1, lines.size(), "a row per input");
    }

    /** A job asked for by id (the Timeline's "Batch job") is shown, listed in the range or not. */
    @Test
    void aJobAskedForByIdIsShownInTheRangeOrOutsideIt(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(
                30, TimeUnit.SECONDS, () -> view.table().getItems().size() == 2 && view.shownJob() != null);
        String older = view.table().getItems().getLast().batchId();
        robot.interact(() -> view.showBatch(older));
        WaitForAsyncUtils.waitFor(
                30,
                TimeUnit.SECONDS,
                () -> view.shownJob() != null && view.shownJob().batchId().equals(older));
        // a range of the last 10 minutes lists only the running job; the older one is still shown when asked for
        robot.interact(() -> {
            var range = robot.lookup("#batches-range").queryAs(TextField.class);
            range.setText("10m");
            range.fireEvent(new ActionEvent());
        });
        WaitForAsyncUtils.waitFor(
                30, TimeUnit.SECONDS, () -> view.table().getItems().size() == 1);
        robot.interact(() -> view.showBatch(older));
        WaitForAsyncUtils.waitFor(
                30,
                TimeUnit.SECONDS,
                () -> view.shownJob() != null && view.shownJob().batchId().equals(older));
        assertEquals(
                scalar("SELECT uniqExact(function_call_id) FROM callscope.function_call_events WHERE batch_id = '"
                        + older + "'"),
                view.shownJob().inputs().size());
    }
}
