package dev.callscope.ui.callgraph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.callscope.callgraph.Waterfall;
import dev.callscope.engine.Query;
import dev.callscope.testing.DemoData;
import dev.callscope.testing.NonClosingEngine;
import dev.callscope.testing.TestEngine;
import dev.callscope.ui.common.Executors;
import dev.callscope.ui.common.TimeZoneChoice;
import dev.callscope.ui.timeline.TimelineView;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.event.ActionEvent;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** A call tree of the demo opened from the Timeline's call detail, a fan-out expanded, its numbers those of its calls. */
@ExtendWith(ApplicationExtension.class)
class CallGraphViewTest {

    private TimelineView timeline;
    private CallGraphView graph;

    @BeforeAll
    static void demoData() {
        DemoData.ensureLoaded(3000);
    }

    @Start
    void start(Stage stage) {
        timeline = new TimelineView(Executors.queries(), new TimeZoneChoice(), s -> {}, id -> {});
        graph = new CallGraphView(Executors.queries(), new TimeZoneChoice(), s -> {}, id -> {});
        timeline.onShowTree(graph::showCall);
        HBox both = new HBox(timeline, graph);
        HBox.setHgrow(timeline, Priority.ALWAYS);
        HBox.setHgrow(graph, Priority.ALWAYS);
        timeline.setPrefWidth(700);
        graph.setPrefWidth(900);
        stage.setScene(new Scene(both, 1600, 800));
        stage.show();
        timeline.setEngine(new NonClosingEngine(TestEngine.shared()));
        graph.setEngine(new NonClosingEngine(TestEngine.shared()));
    }

    @Test
    void theWaterfallOnScreenExportsAsSvgAndItsTreeAsCsv(FxRobot robot, @org.junit.jupiter.api.io.TempDir Path dir)
            throws Exception {
        String root = TestEngine.shared()
                .queryScalar(Query.of(
                        "SELECT any(root_call_id) FROM callscope.function_call_events WHERE root_call_id != ''"));
        robot.interact(() -> graph.showCall(root));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> graph.waterfall() != null);
        Path svg = dir.resolve("g.svg");
        CompletableFuture<String> done = new CompletableFuture<>();
        robot.interact(() -> graph.export(svg, "svg", 1, done::complete));
        assertTrue(done.get(20, TimeUnit.SECONDS).startsWith("Exported"), done.get());
        assertTrue(Files.readString(svg).contains(">chat_stream<"));
        Path csv = dir.resolve("g.csv");
        CompletableFuture<String> csvDone = new CompletableFuture<>();
        robot.interact(() -> graph.export(csv, "csv", 1, csvDone::complete));
        assertTrue(csvDone.get(20, TimeUnit.SECONDS).startsWith("Exported"), csvDone.get());
        assertEquals(
                graph.waterfall().tree().nodes().size() + 1,
                Files.readAllLines(csv).size(),
                "a row per call");
    }

    @Test
    void findingInTheTreeMarksRowsAndOpensTheFanOutThatHoldsACall(FxRobot robot) throws Exception {
        String root = TestEngine.shared().queryScalar(Query.of("""
                SELECT root_call_id FROM callscope.function_call_events WHERE root_call_id != ''
                GROUP BY root_call_id ORDER BY uniqExact(function_call_id) DESC, root_call_id LIMIT 1"""));
        robot.interact(() -> graph.showCall(root));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> graph.waterfall() != null);
        robot.interact(
                () -> robot.lookup("#callgraph-find").queryAs(TextField.class).setText("RERANK"));
        assertEquals(
                "1 row",
                robot.lookup("#callgraph-found").queryAs(Label.class).getText(),
                "one rerank per pipeline, case ignored");
        Waterfall w = graph.waterfall();
        Waterfall.Row group =
                w.rows().stream().filter(Waterfall.Row::isGroup).findFirst().orElseThrow();
        int member = group.members()[group.members().length - 1];
        String id = w.tree().nodes().get(member).call().callId();
        robot.interact(() -> {
            var box = robot.lookup("#callgraph-find").queryAs(TextField.class);
            box.setText(id);
            box.fireEvent(new ActionEvent());
        });
        WaitForAsyncUtils.waitFor(
                10,
                TimeUnit.SECONDS,
                () -> graph.waterfall() != w
                        && graph.waterfall().rows().stream().anyMatch(r -> !r.isGroup() && r.node() == member));
        assertEquals(
                "1 row", robot.lookup("#callgraph-found").queryAs(Label.class).getText());
    }

    @Test
    void aCallInsideAFanOutOpensWithItsFanOutOpenAndItselfSelected(FxRobot robot) throws Exception {
        String root = TestEngine.shared().queryScalar(Query.of("""
                SELECT root_call_id FROM callscope.function_call_events WHERE root_call_id != ''
                GROUP BY root_call_id ORDER BY uniqExact(function_call_id) DESC, root_call_id LIMIT 1"""));
        robot.interact(() -> graph.showCall(root));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> graph.waterfall() != null);
        Waterfall grouped = graph.waterfall();
        Waterfall.Row group = grouped.rows().stream()
                .filter(Waterfall.Row::isGroup)
                .findFirst()
                .orElseThrow();
        int member = group.members()[group.members().length / 2];
        String id = grouped.tree().nodes().get(member).call().callId();
        // asked for by id (as the Functions tab's slowest call is): its row shows, and its numbers
        robot.interact(() -> graph.showCall(id));
        WaitForAsyncUtils.waitFor(
                30,
                TimeUnit.SECONDS,
                () -> graph.waterfall() != grouped
                        && robot.lookup("#callgraph-detail")
                                .queryAs(Label.class)
                                .getText()
                                .contains(id));
        assertTrue(graph.waterfall().rows().stream().anyMatch(r -> !r.isGroup() && r.node() == member));
    }

    @Test
    void aTreeOpensFromATimelineCallAndItsFanOutExpands(FxRobot robot) throws Exception {
        // the demo's tree with the most calls, and how many it has, counted here from the events
        String[] biggest = TestEngine.shared()
                .query(Query.of("""
                SELECT root_call_id, uniqExact(function_call_id) AS n FROM callscope.function_call_events
                WHERE root_call_id != '' GROUP BY root_call_id ORDER BY n DESC, root_call_id LIMIT 1"""), r -> r.next() ? new String[] {r.getString(1), r.getString(2)} : null)
                .value();
        assertTrue(biggest != null && Integer.parseInt(biggest[1]) > Waterfall.FAN_OUT, "a tree with a fan-out");
        robot.interact(() -> timeline.showCallId(biggest[0]));
        WaitForAsyncUtils.waitFor(
                30,
                TimeUnit.SECONDS,
                () -> robot.lookup("#call-title").queryAs(Label.class).getText().startsWith(biggest[0]));
        robot.clickOn("#open-call-graph");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> graph.waterfall() != null);
        Waterfall w = graph.waterfall();
        assertEquals(Integer.parseInt(biggest[1]), w.tree().nodes().size(), "every call of the tree");
        WaitForAsyncUtils.waitFor(
                10,
                TimeUnit.SECONDS,
                () -> robot.lookup("#callgraph-status")
                        .queryAs(Label.class)
                        .getText()
                        .startsWith(String.format(Locale.ROOT, "%,d calls", Integer.parseInt(biggest[1]))));
        assertTrue(
                robot.lookup("#callgraph-path").queryAs(Label.class).getText().startsWith("Critical path"));
        int group = -1;
        for (int i = 0; i < w.rows().size(); i++) {
            if (w.rows().get(i).isGroup()) {
                group = i;
                break;
            }
        }
        assertTrue(group > 0, "the fan-out is one row");
        int members = w.rows().get(group).members().length;
        int rowsBefore = w.rows().size();
        int at = group;
        robot.interact(() -> graph.expandRow(at));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> graph.waterfall() != w);
        Set<Integer> shown = new HashSet<>();
        graph.waterfall().rows().stream().filter(r -> !r.isGroup()).forEach(r -> shown.add(r.node()));
        for (int m : w.rows().get(at).members()) {
            assertTrue(shown.contains(m), "each call of the opened fan-out has its row");
        }
        assertTrue(graph.waterfall().rows().size() >= rowsBefore - 1 + members);
        if (graph.waterfall().rows().stream().noneMatch(Waterfall.Row::isGroup)) {
            assertEquals(
                    w.tree().nodes().size(), graph.waterfall().rows().size(), "with no group left, a row per call");
        }
    }

    /** A call selected in the tree lists its own log lines, oldest first, as many as the logs table has for it. */
    @Test
    void aSelectedCallListsItsLogLines(FxRobot robot) throws Exception {
        String root = TestEngine.shared()
                .queryScalar(
                        Query.of(
                                "SELECT any(root_call_id) FROM callscope.function_call_events WHERE root_call_id != '' AND event_type = 'finished'"));
        robot.interact(() -> graph.showCall(root));
        WaitForAsyncUtils.waitFor(
                30,
                TimeUnit.SECONDS,
                () -> graph.waterfall() != null && !graph.nodeLogs().isEmpty());
        long lines = Long.parseLong(TestEngine.shared()
                .queryScalar(Query.of("SELECT count() FROM callscope.function_logs WHERE function_call_id = {c:String}")
                        .bind("c", root)));
        assertEquals(Math.min(lines, CallNodePane.MAX_LINES), graph.nodeLogs().size(), "the root's lines");
        List<String> shown = graph.nodeLogs();
        assertTrue(
                shown.getFirst().compareTo(shown.getLast()) <= 0,
                "oldest first: " + shown.getFirst() + " / " + shown.getLast());
        WaitForAsyncUtils.waitForFxEvents();
        // each line whole: wrapped to the list's width, its cell as tall as the wrapped text (a plain cell cut it)
        robot.interact(() -> {
            ListView<?> list = robot.lookup("#callgraph-logs").queryAs(ListView.class);
            int checked = 0;
            for (Node n : list.lookupAll(".list-cell")) {
                ListCell<?> cell = (ListCell<?>) n;
                if (cell.isEmpty() || cell.getItem() == null || !cell.isVisible()) {
                    continue;
                }
                Text text = assertInstanceOf(Text.class, cell.getGraphic(), "a line is drawn as wrapping text");
                assertEquals(cell.getItem(), text.getText());
                assertTrue(
                        text.getLayoutBounds().getWidth() <= list.getWidth(), "wider than the list: " + text.getText());
                assertTrue(
                        cell.getHeight() + 0.5 >= text.getLayoutBounds().getHeight(),
                        "cut: a cell of " + cell.getHeight() + " px for "
                                + text.getLayoutBounds().getHeight());
                checked++;
            }
            assertTrue(checked > 0, "no line on screen");
        });
    }
}
