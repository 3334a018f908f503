package dev.callscope.ui.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.callscope.engine.Engine;
import dev.callscope.engine.Query;
import dev.callscope.engine.QueryResult;
import dev.callscope.engine.ResultHandler;
import dev.callscope.logs.FunctionNames;
import dev.callscope.logs.LogExport;
import dev.callscope.logs.LogField;
import dev.callscope.logs.LogLine;
import dev.callscope.logs.LogSchema;
import dev.callscope.testing.DelegatingEngine;
import dev.callscope.testing.DemoData;
import dev.callscope.testing.TestEngine;
import dev.callscope.ui.common.Executors;
import dev.callscope.ui.common.TimeZoneChoice;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Labeled;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The Logs tab on the real engine: typing searches, stale searches are cancelled, errors show inline. */
@ExtendWith(ApplicationExtension.class)
class LogsViewTest {

    private static final Set<String> cancelled = ConcurrentHashMap.newKeySet();
    private static final Set<String> held = ConcurrentHashMap.newKeySet();
    private static final CountDownLatch release = new CountDownLatch(1);
    private LogsView view;

    @BeforeAll
    static void demoData() {
        DemoData.ensureLoaded(3000);
    }

    /** The real engine, holding regex searches in flight and noting which queries the view cancels. */
    private static final class Watching extends DelegatingEngine {
        Watching(Engine delegate) {
            super(delegate);
        }

        @Override
        public <T> QueryResult<T> query(Query query, ResultHandler<T> handler) {
            if (query.sql().contains("match(message")) {
                // holds regex searches until the test lets them go, so superseding is deterministic
                held.add(query.id());
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return super.query(query, handler);
        }

        @Override
        public void cancel(String queryId) {
            cancelled.add(queryId);
            super.cancel(queryId);
        }
    }

    @Start
    void start(Stage stage) {
        view = new LogsView(Executors.queries(), new TimeZoneChoice(), stats -> {});
        Scene scene = new Scene(view, 1200, 700);
        scene.getStylesheets()
                .add(LogsView.class
                        .getResource("/dev/callscope/ui/callscope.css")
                        .toExternalForm());
        stage.setScene(scene);
        stage.show();
        view.setEngine(new Watching(TestEngine.shared()));
    }

    @SuppressWarnings("unchecked")
    private TableView<LogLine> table(FxRobot robot) {
        return robot.lookup("#log-table").queryAs(TableView.class);
    }

    private static String text(FxRobot robot, String id) {
        return robot.lookup(id).queryAs(Label.class).getText();
    }

    @Test
    void typingFindsMatchingLinesAndSupersedesTheStaleSearch(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(
                30, TimeUnit.SECONDS, () -> !table(robot).getItems().isEmpty());
        robot.clickOn("#log-search").write("level:error");
        WaitForAsyncUtils.waitFor(
                30,
                TimeUnit.SECONDS,
                () -> !table(robot).getItems().isEmpty()
                        && table(robot).getItems().stream()
                                .allMatch(l -> l.level().equals("ERROR")));
        WaitForAsyncUtils.waitFor(
                30, TimeUnit.SECONDS, () -> text(robot, "#match-summary").contains("matches"));

        // a slow search, then more typing: the slow one must be cancelled on the engine. Both sets start empty here,
        // so the wait below sees this search's own query in flight, not one an earlier test left in the set
        cancelled.clear();
        held.clear();
        robot.interact(() -> view.search("/time(out|d out)/"));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !held.isEmpty());
        robot.interact(() -> view.search("level:error timeout"));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> held.stream().anyMatch(cancelled::contains));
        release.countDown();
        WaitForAsyncUtils.waitFor(
                30,
                TimeUnit.SECONDS,
                () -> !table(robot).getItems().isEmpty()
                        && table(robot).getItems().stream()
                                .allMatch(l -> l.level().equals("ERROR")
                                        && l.message().toLowerCase().contains("timeout")));
        assertTrue(held.stream().anyMatch(cancelled::contains), "the superseded search was cancelled on the engine");
    }

    @Test
    void aSyntaxErrorShowsUnderTheBoxAndKeepsTheResults(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(
                30, TimeUnit.SECONDS, () -> !table(robot).getItems().isEmpty());
        int before = table(robot).getItems().size();
        robot.clickOn("#log-search").write("\"unterminated");
        WaitForAsyncUtils.waitFor(
                10, TimeUnit.SECONDS, () -> text(robot, "#search-error").contains("Missing closing quote"));
        assertEquals(before, table(robot).getItems().size());
        robot.interact(
                () -> robot.lookup("#log-search").queryAs(TextField.class).clear());
        WaitForAsyncUtils.waitFor(
                10, TimeUnit.SECONDS, () -> text(robot, "#search-error").isEmpty());
    }

    /** The Function column and the detail show the names people know; the id stays on hover, in the detail and in Copy. */
    @Test
    void functionsShowByNameWithTheirIdsKept(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(
                30, TimeUnit.SECONDS, () -> !table(robot).getItems().isEmpty());
        LogLine first = table(robot).getItems().getFirst();
        String name = TestEngine.shared()
                .queryScalar(Query.of("SELECT any(function_name) FROM callscope.function_call_events"
                                + " WHERE function_id = {f:String}")
                        .bind("f", first.functionId()));
        assertTrue(!name.isEmpty() && !name.equals(first.functionId()));
        WaitForAsyncUtils.waitFor(
                10,
                TimeUnit.SECONDS,
                () -> robot.lookup(".table-cell").queryAll().stream()
                        .anyMatch(c -> name.equals(((Labeled) c).getText())));
        robot.interact(() -> table(robot).getSelectionModel().select(0));
        WaitForAsyncUtils.waitForFxEvents();
        List<String> detail = robot.lookup(".log-mono").queryAll().stream()
                .filter(n -> n instanceof Label)
                .map(n -> ((Label) n).getText())
                .toList();
        int at = detail.indexOf(name);
        assertTrue(
                at >= 0 && first.functionId().equals(detail.get(at + 1)),
                "the detail: the name, then the id: " + detail);
        String copied = LogsText.asText(
                first, new TimeZoneChoice(), new FunctionNames(Map.of(first.functionId(), name), Map.of()));
        assertTrue(copied.contains(name + " (" + first.functionId() + ")"), copied);
    }

    @Test
    void selectingALineShowsItInFull(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(
                30, TimeUnit.SECONDS, () -> !table(robot).getItems().isEmpty());
        robot.interact(() -> table(robot).getSelectionModel().select(0));
        LogLine first = table(robot).getItems().getFirst();
        String shown = robot.lookup("#detail-message").queryAs(TextArea.class).getText();
        assertEquals(first.message(), shown);
        assertTrue(text(robot, "#table-footer").startsWith("Showing"));
    }

    @Test
    void exportWritesEveryMatchOfTheCurrentSearch(FxRobot robot, @org.junit.jupiter.api.io.TempDir Path dir)
            throws Exception {
        robot.interact(() -> view.search("level:warning"));
        WaitForAsyncUtils.waitFor(
                30,
                TimeUnit.SECONDS,
                () -> text(robot, "#match-summary").contains("matches")
                        && !table(robot).getItems().isEmpty()
                        && table(robot).getItems().stream()
                                .allMatch(l -> l.level().equals("WARNING")));
        long total = Long.parseLong(text(robot, "#match-summary").split(" ")[0].replace(",", ""));
        Path out = dir.resolve("warnings.csv");
        robot.interact(() -> view.export(LogExport.Format.CSV, out));
        WaitForAsyncUtils.waitFor(
                60, TimeUnit.SECONDS, () -> text(robot, "#table-footer").startsWith("Exported"));
        List<String> lines = Files.readAllLines(out);
        long rows = lines.stream().filter(l -> l.startsWith("\"20")).count();
        assertEquals(total, rows, "one row per match, beyond the loaded page");
        assertTrue(total > table(robot).getItems().size() || total <= 200);
    }

    /** A user's own table with some fields absent: their columns hide, filters on them are refused, links turn off. */
    @Test
    void aCustomMappingHidesWhatTheTableLacks(FxRobot robot) throws Exception {
        String db = TestEngine.freshDatabase("view_mine");
        TestEngine.shared()
                .execute(Query.of(
                        "CREATE TABLE " + db + ".my_logs (ts DateTime64(3), msg String, sev String, svc String) "
                                + "ENGINE = MergeTree ORDER BY ts"));
        TestEngine.shared()
                .execute(Query.of("INSERT INTO " + db + ".my_logs SELECT timestamp, concat('mine: ', message), "
                        + "lower(toString(level)), function_id FROM callscope.function_logs"));
        Map<LogField, String> columns = new EnumMap<>(LogField.class);
        columns.put(LogField.TIME, "ts");
        columns.put(LogField.MESSAGE, "msg");
        columns.put(LogField.LEVEL, "sev");
        columns.put(LogField.FUNCTION, "svc");
        robot.interact(() -> {
            view.setSchema(LogSchema.custom(db, "my_logs", columns), "No call events here");
            view.setEngine(TestEngine.shared());
        });
        WaitForAsyncUtils.waitFor(
                30,
                TimeUnit.SECONDS,
                () -> !table(robot).getItems().isEmpty()
                        && table(robot).getItems().getFirst().message().startsWith("mine: "));
        Map<String, Boolean> visible = new HashMap<>();
        table(robot).getColumns().forEach(c -> visible.put(c.getText(), c.isVisible()));
        assertEquals(
                Map.of(
                        "Time",
                        true,
                        "Level",
                        true,
                        "Function",
                        true,
                        "Call",
                        false,
                        "Container",
                        false,
                        "Message",
                        true),
                visible);
        assertTrue(robot.lookup("#filter-call").queryAs(Button.class).isDisabled());
        assertTrue(robot.lookup("#show-call").queryAs(Button.class).isDisabled());

        robot.interact(() -> view.search("level:warning"));
        WaitForAsyncUtils.waitFor(
                30,
                TimeUnit.SECONDS,
                () -> !table(robot).getItems().isEmpty()
                        && table(robot).getItems().stream()
                                .allMatch(l -> l.level().equals("warning")));
        robot.interact(() -> view.search("timeout container:ta-1"));
        WaitForAsyncUtils.waitFor(
                10,
                TimeUnit.SECONDS,
                () -> text(robot, "#search-error")
                        .equals("This table (" + db
                                + ".my_logs) has no container column, so container: cannot be searched"));
        assertTrue(
                table(robot).getItems().stream().allMatch(l -> l.level().equals("warning")), "the last results stay");
    }
}
