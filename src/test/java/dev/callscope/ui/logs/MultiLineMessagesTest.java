package dev.callscope.ui.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.callscope.logs.LogLine;
import dev.callscope.testing.DemoData;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import javafx.scene.Node;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** A Python traceback in the Logs tab: its row says what went wrong, opens in place, and the detail holds it whole. */
@ExtendWith(ApplicationExtension.class)
class MultiLineMessagesTest {

    private LogsView view;

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

    /** Looked up on the FX thread: from the test thread a cell recycled mid-lookup made TestFX fail with a NullPointerException. */
    private static boolean shows(FxRobot robot, Predicate<String> text) {
        try {
            return WaitForAsyncUtils.asyncFx(() -> robot.lookup("#log-table").lookup(".log-text").queryAll().stream()
                            .filter(MultiLineMessagesTest::shown)
                            .map(n -> ((Text) n).getText())
                            .anyMatch(text))
                    .get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** In a scene and visible with all its parents (the table keeps spare cells hidden). */
    private static boolean shown(Node n) {
        if (n.getScene() == null) {
            return false;
        }
        for (Node at = n; at != null; at = at.getParent()) {
            if (!at.isVisible()) {
                return false;
            }
        }
        return true;
    }

    @Test
    void aTracebackShowsItsExceptionOpensInPlaceAndIsWholeInTheDetail(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(
                30, TimeUnit.SECONDS, () -> !lines(robot).getItems().isEmpty());
        robot.interact(() -> view.search("\"Traceback (most recent call last)\""));
        WaitForAsyncUtils.waitFor(
                30,
                TimeUnit.SECONDS,
                () -> !lines(robot).getItems().isEmpty()
                        && lines(robot).getItems().stream()
                                .allMatch(l -> l.message().startsWith("Traceback")));
        LogLine first = lines(robot).getItems().getFirst();
        String[] all = first.message().strip().split("\n");
        String exception = all[all.length - 1].strip();
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> shows(robot, exception::equals));
        assertFalse(
                shows(robot, "Traceback (most recent call last):"::equals),
                "the line that says nothing is not what the row shows");
        long more = first.message().chars().filter(c -> c == '\n').count();
        // the first row's marker (the table keeps spare cells out of sight: only a shown one counts);
        // rows are redrawn as results arrive, so it is looked up afresh until a click lands
        LogTable table = (LogTable) lines(robot);
        for (int tries = 0; tries < 5 && !table.isExpanded(first); tries++) {
            WaitForAsyncUtils.waitForFxEvents();
            Node marker = robot.lookup(".more-lines").queryAll().stream()
                    .filter(n -> shown(n) && ((Text) n).getText().equals("▸ +" + more + " "))
                    .min(Comparator.comparingDouble(
                            n -> n.localToScene(n.getBoundsInLocal()).getMinY()))
                    .orElseThrow();
            robot.clickOn(marker);
            WaitForAsyncUtils.waitForFxEvents();
        }
        assertTrue(table.isExpanded(first), "the marker opens the message");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> shows(robot, t -> t.contains(all[1].strip())));
        assertTrue(shows(robot, t -> t.contains(exception)), "the whole traceback in the row, to its last line");

        robot.interact(() -> lines(robot).getSelectionModel().select(first));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(
                first.message(),
                robot.lookup("#detail-message").queryAs(TextArea.class).getText(),
                "the detail: whole");

        robot.interact(() -> view.search("\"Traceback (most recent call last)\" -level:debug"));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> !shows(robot, t -> t.contains(all[1].strip())));
    }
}
