package dev.callscope.ui.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.callscope.engine.Query;
import dev.callscope.logs.LogLine;
import dev.callscope.logs.LogPatterns;
import dev.callscope.testing.DemoData;
import dev.callscope.testing.NonClosingEngine;
import dev.callscope.testing.PatternOracle;
import dev.callscope.testing.StrictCsv;
import dev.callscope.testing.TestEngine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.stage.Stage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The Logs tab's Patterns mode on the demo data: counts equal a count made here, and a pattern opens its lines. */
@ExtendWith(ApplicationExtension.class)
class PatternsViewTest {

    private LogsView view;

    @TempDir
    Path dir;

    @BeforeAll
    static void demoData() {
        DemoData.ensureLoaded(3000);
    }

    @Start
    void start(Stage stage) {
        view = DemoLogsStage.show(stage);
    }

    private static TableView<LogLine> lines(FxRobot robot) {
        return DemoLogsStage.lines(robot);
    }

    @Test
    void patternsCountEveryMatchAndOneOpensExactlyItsLines(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(
                30, TimeUnit.SECONDS, () -> !lines(robot).getItems().isEmpty());
        robot.interact(() -> view.search("-level:debug"));
        robot.clickOn("#patterns-mode");
        PatternsPane pane = view.patternsPane();
        WaitForAsyncUtils.waitFor(
                60,
                TimeUnit.SECONDS,
                () -> pane.shown() != null
                        && pane.shown().complete()
                        && robot.lookup("#patterns-status")
                                .queryAs(Label.class)
                                .getText()
                                .contains("patterns over"));
        LogPatterns.Result shown = pane.shown();

        // independently: the lines of the same range, grouped here by their pattern computed in Java
        Map<String, Long> expected = new TreeMap<>();
        TestEngine.shared()
                .query(
                        Query.of("""
                SELECT message FROM callscope.function_logs WHERE level != 'DEBUG'
                  AND timestamp >= {f:DateTime64(6, 'UTC')} AND timestamp < {t:DateTime64(6, 'UTC')}""")
                                .bind("f", shown.range().from())
                                .bind("t", shown.range().to()),
                        r -> {
                            while (r.next()) {
                                expected.merge(PatternOracle.of(r.getString(1)), 1L, Long::sum);
                            }
                            return null;
                        });
        Map<String, Long> onScreen = new TreeMap<>();
        pane.table().getItems().forEach(p -> onScreen.put(p.text(), p.count()));
        assertTrue(expected.size() > 5, "kinds of lines: " + expected.size());
        assertEquals(expected, onScreen);

        // the second most frequent: open it, and the lines are exactly its own
        LogPatterns.Pattern chosen = pane.table().getItems().get(1);
        robot.interact(() -> pane.table().getSelectionModel().select(chosen));
        robot.clickOn("#pattern-open");
        String box = robot.lookup("#log-search").queryAs(TextField.class).getText();
        assertEquals(
                "-level:debug " + LogPatterns.searchTerm(chosen.text()),
                box,
                "a term the language expresses, in the box");
        assertTrue(robot.lookup("#lines-mode").queryAs(ToggleButton.class).isSelected(), "back to the lines");
        // the count and the lines are two answers: the count may show while the previous search's lines still do
        WaitForAsyncUtils.waitFor(
                30,
                TimeUnit.SECONDS,
                () -> robot.lookup("#match-summary")
                                .queryAs(Label.class)
                                .getText()
                                .startsWith(String.format(Locale.ROOT, "%,d matches", chosen.count()))
                        && !lines(robot).getItems().isEmpty()
                        && lines(robot).getItems().stream()
                                .allMatch(l -> PatternOracle.of(l.message()).equals(chosen.text())));
        assertTrue(
                lines(robot).getItems().stream()
                        .allMatch(l -> PatternOracle.of(l.message()).equals(chosen.text())),
                "every line shown has the pattern");

        // opening another pattern replaces the term rather than piling them up
        robot.clickOn("#patterns-mode");
        WaitForAsyncUtils.waitFor(
                60,
                TimeUnit.SECONDS,
                () -> pane.shown() != null
                        && pane.shown().complete()
                        && pane.table().getItems().size() == 1);
        robot.interact(() -> pane.table().getSelectionModel().select(0));
        robot.clickOn("#pattern-open");
        assertEquals(box, robot.lookup("#log-search").queryAs(TextField.class).getText());
    }

    @Test
    void patternsExportAsCsvFromTheTable(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(
                30, TimeUnit.SECONDS, () -> !lines(robot).getItems().isEmpty());
        robot.clickOn("#patterns-mode");
        PatternsPane pane = view.patternsPane();
        WaitForAsyncUtils.waitFor(
                60, TimeUnit.SECONDS, () -> pane.shown() != null && pane.shown().complete());
        Path out = dir.resolve("patterns.csv");
        CompletableFuture<String> done = new CompletableFuture<>();
        robot.interact(() -> pane.export(new NonClosingEngine(TestEngine.shared()), out, done::complete));
        assertTrue(done.get(30, TimeUnit.SECONDS).startsWith("Exported"), done.get());
        var rows = StrictCsv.parse(Files.readString(out));
        assertEquals(pane.shown().patterns().size() + 1, rows.size());
        assertEquals(
                pane.shown().total(),
                rows.stream().skip(1).mapToLong(r -> Long.parseLong(r.get(1))).sum());
    }
}
