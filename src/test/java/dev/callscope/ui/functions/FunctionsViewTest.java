package dev.callscope.ui.functions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.callscope.chart.LineChart;
import dev.callscope.engine.Query;
import dev.callscope.functions.FunctionRow;
import dev.callscope.testing.DemoData;
import dev.callscope.testing.NonClosingEngine;
import dev.callscope.testing.TestEngine;
import dev.callscope.time.TimeRange;
import dev.callscope.ui.common.Executors;
import dev.callscope.ui.common.TimeZoneChoice;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javafx.scene.Scene;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The Functions tab on the real engine: table, filter, a function's scaling chart, links, export. */
@ExtendWith(ApplicationExtension.class)
class FunctionsViewTest {

    private FunctionsView view;
    private final List<String> logSearches = new ArrayList<>();
    private final List<String> timelines = new ArrayList<>();
    private final List<String> callGraphs = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void demoData() {
        DemoData.ensureLoaded(3000);
    }

    @Start
    void start(Stage stage) {
        view = new FunctionsView(
                Executors.queries(),
                new TimeZoneChoice(),
                s -> {},
                (fn, range) -> timelines.add(fn),
                logSearches::add,
                callGraphs::add);
        stage.setScene(new Scene(view, 1300, 800));
        stage.show();
        view.setEngine(new NonClosingEngine(TestEngine.shared()));
    }

    private TableView<FunctionRow> loaded() throws Exception {
        WaitForAsyncUtils.waitFor(
                30,
                TimeUnit.SECONDS,
                () -> !view.table().getItems().isEmpty()
                        && view.scalingChart().chart() != null
                        && view.table().getItems().stream()
                                .noneMatch(r -> r.noFinishEvent() == FunctionRow.NOT_COUNTED));
        return view.table();
    }

    @Test
    void filteringAndSelectingAFunctionShowsHowItScales(FxRobot robot) throws Exception {
        TableView<FunctionRow> table = loaded();
        int all = table.getItems().size();
        assertTrue(all >= 10, "functions: " + all);
        FunctionRow some = table.getItems().get(all / 2);
        robot.clickOn("#functions-filter").write(some.name());
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> table.getItems().size() < all);
        assertTrue(table.getItems().stream()
                .allMatch(r -> (r.name() + r.appName() + r.gpuType())
                        .toLowerCase()
                        .contains(some.name().toLowerCase())));
        robot.interact(() -> table.getSelectionModel().select(some));
        WaitForAsyncUtils.waitFor(
                20, TimeUnit.SECONDS, () -> view.scalingChart().chart().title().startsWith(some.name()));
        LineChart c = view.scalingChart().chart();
        assertEquals(
                List.of("succeeded", "failed", "enqueued"),
                c.series().stream().map(LineChart.Series::name).toList());
        robot.clickOn("#fn-open-logs");
        assertEquals(List.of("function:" + some.functionId()), logSearches);
        robot.clickOn("#fn-open-timeline");
        assertEquals(List.of(some.functionId()), timelines);
    }

    @Test
    void aFunctionsSlowestCallOpensInTheCallGraph(FxRobot robot) throws Exception {
        TableView<FunctionRow> table = loaded();
        FunctionRow busiest = table.getItems().getFirst();
        robot.interact(() -> table.getSelectionModel().select(busiest));
        AtomicReference<TimeRange> range = new AtomicReference<>();
        robot.interact(() -> range.set(view.range()));
        robot.clickOn("#fn-open-callgraph");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> !callGraphs.isEmpty());
        // by hand from the raw events: calls whose every attempt has a finish event, the last in [from, to);
        // the longest from first enqueue to last finish, ties by id (duplicated deliveries change nothing)
        String slowest = TestEngine.shared()
                .queryScalar(Query.of("""
                        SELECT function_call_id FROM callscope.function_call_events
                        WHERE function_id = {f:String} AND function_call_id != ''
                        GROUP BY function_call_id
                        HAVING uniqExactIf(attempt, event_type = 'finished') = uniqExact(attempt)
                           AND max(finished_at) >= {from:DateTime64(6, 'UTC')} AND max(finished_at) < {to:DateTime64(6, 'UTC')}
                        ORDER BY dateDiff('microsecond', min(enqueued_at), max(finished_at)) DESC, function_call_id
                        LIMIT 1""")
                        .bind("f", busiest.functionId())
                        .bind("from", range.get().from())
                        .bind("to", range.get().to()));
        assertEquals(List.of(slowest), callGraphs);
    }

    @Test
    void theScalingChartExportsItsPlottedData(FxRobot robot, @TempDir Path dir) throws Exception {
        loaded();
        Path csv = dir.resolve("s.csv");
        CompletableFuture<String> done = new CompletableFuture<>();
        robot.interact(() -> view.export(csv, "csv", 1, done::complete));
        done.get(30, TimeUnit.SECONDS);
        LineChart c = view.scalingChart().chart();
        List<String> lines = Files.readAllLines(csv);
        assertEquals(
                "bucket_start,calls,succeeded,succeeded_few_calls,failed,failed_few_calls,enqueued,enqueued_few_calls",
                lines.getFirst());
        assertEquals(c.buckets() + 1, lines.size());
        long failed = 0;
        for (int i = 0; i < c.buckets(); i++) {
            failed += (long) Double.parseDouble(lines.get(i + 1).split(",")[4]);
        }
        assertEquals((long) Arrays.stream(c.series().get(1).values()).sum(), failed);
    }
}
