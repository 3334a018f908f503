package dev.callscope.ui.timeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.callscope.engine.Query;
import dev.callscope.testing.DemoData;
import dev.callscope.testing.NonClosingEngine;
import dev.callscope.testing.TestEngine;
import dev.callscope.timeline.CallTimeline;
import dev.callscope.timeline.GanttModel;
import dev.callscope.timeline.GanttViewport;
import dev.callscope.ui.common.Executors;
import dev.callscope.ui.common.TimeZoneChoice;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.geometry.Point2D;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import org.w3c.dom.Document;

/** The Timeline tab on the real engine: loads the busiest function, opens a call from the Gantt, exports. */
@ExtendWith(ApplicationExtension.class)
class TimelineViewTest {

    private TimelineView view;
    private final List<String> openedInLogs = new ArrayList<>();

    @BeforeAll
    static void demoData() {
        DemoData.ensureLoaded(3000);
    }

    @Start
    void start(Stage stage) {
        view = new TimelineView(Executors.queries(), new TimeZoneChoice(), s -> {}, openedInLogs::add);
        stage.setScene(new Scene(view, 1200, 760));
        stage.show();
        view.setEngine(new NonClosingEngine(TestEngine.shared()));
    }

    private GanttModel loadedModel() throws Exception {
        WaitForAsyncUtils.waitFor(
                30,
                TimeUnit.SECONDS,
                () -> view.canvas().model() != null && view.canvas().model().rows() > 0);
        return view.canvas().model();
    }

    @Test
    void clickingABarOpensThatCall(FxRobot robot) throws Exception {
        GanttModel model = loadedModel();
        GanttViewport v = view.canvas().view();
        int row = 0;
        int seg = model.firstSegment(row);
        double x = v.xOf((model.start(seg) + model.end(seg)) / 2);
        double y = v.yOfRow(row) + v.rowHeight() / 2;
        Point2D screen = robot.lookup("#gantt-canvas").query().localToScreen(Math.max(1, x), y);
        robot.clickOn(screen);
        CallTimeline expected = model.calls().get(model.callOfRow(row));
        WaitForAsyncUtils.waitFor(
                10,
                TimeUnit.SECONDS,
                () -> robot.lookup("#call-title").queryAs(Label.class).getText().startsWith(expected.callId()));
        WaitForAsyncUtils.waitFor(
                20,
                TimeUnit.SECONDS,
                () -> !robot.lookup("#call-events")
                        .queryAs(ListView.class)
                        .getItems()
                        .isEmpty());
        String stages = robot.lookup("#call-stages").queryAs(Label.class).getText();
        assertTrue(stages.contains("queued") && stages.contains("running"), stages);
        robot.clickOn("#open-in-logs");
        assertEquals(List.of(expected.callId()), openedInLogs);
    }

    @Test
    void aCallAskedForByIdIsTheOneTheDetailShowsWithItsFunctionsName(FxRobot robot) throws Exception {
        GanttModel first = loadedModel();
        // a call other than the list's first, so a detail left on the old model's first row shows
        CallTimeline wanted = first.calls().get(first.calls().size() / 2);
        robot.interact(() -> view.showCallId(wanted.callId()));
        WaitForAsyncUtils.waitFor(
                20, TimeUnit.SECONDS, () -> view.canvas().model().calls().size() == 1);
        WaitForAsyncUtils.waitFor(
                10,
                TimeUnit.SECONDS,
                () -> robot.lookup("#call-title").queryAs(Label.class).getText().startsWith(wanted.callId()));
        String name = TestEngine.shared()
                .queryScalar(Query.of(
                                "SELECT any(function_name) FROM callscope.function_call_events WHERE function_id = {f:String}")
                        .bind("f", wanted.functionId()));
        String stages = robot.lookup("#call-stages").queryAs(Label.class).getText();
        assertTrue(stages.lines().findFirst().orElse("").contains(name), stages);
    }

    /** An input of a batch job says which in its detail, and "Batch job" opens the job; a call in no job has no such button. */
    @Test
    void anInputsDetailOpensItsBatchJob(FxRobot robot) throws Exception {
        loadedModel();
        List<String> opened = new ArrayList<>();
        view.onShowBatch(opened::add);
        String[] input = TestEngine.shared()
                .query(
                        Query.of(
                                "SELECT function_call_id, batch_id, input_index FROM callscope.function_call_events WHERE batch_id != ''"
                                        + " AND event_type = 'finished' ORDER BY function_call_id LIMIT 1"),
                        r -> r.next() ? new String[] {r.getString(1), r.getString(2), r.getString(3)} : null)
                .value();
        robot.interact(() -> view.showCallId(input[0]));
        WaitForAsyncUtils.waitFor(
                20, TimeUnit.SECONDS, () -> robot.lookup("#open-batch").query().isVisible());
        assertEquals(
                "Batch job (input " + input[2] + ")",
                robot.lookup("#open-batch").queryAs(Button.class).getText());
        robot.clickOn("#open-batch");
        assertEquals(List.of(input[1]), opened);
        String plain = TestEngine.shared()
                .queryScalar(Query.of(
                        "SELECT min(function_call_id) FROM callscope.function_call_events WHERE batch_id = '' AND root_call_id = ''"
                                + " AND event_type = 'finished'"));
        robot.interact(() -> view.showCallId(plain));
        WaitForAsyncUtils.waitFor(
                20,
                TimeUnit.SECONDS,
                () -> robot.lookup("#call-title").queryAs(Label.class).getText().startsWith(plain));
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(!robot.lookup("#open-batch").query().isVisible(), "no job for a call in none");
    }

    @Test
    void keyboardZoomsPansAndMovesTheSelection(FxRobot robot) throws Exception {
        loadedModel();
        robot.clickOn("#gantt-canvas");
        GanttViewport before = view.canvas().view();
        robot.type(KeyCode.W);
        GanttViewport zoomed = view.canvas().view();
        assertTrue(zoomed.t1() - zoomed.t0() < before.t1() - before.t0(), "W zooms in");
        robot.type(KeyCode.D);
        assertTrue(view.canvas().view().t0() > zoomed.t0(), "D pans later");
        robot.type(KeyCode.F);
        GanttViewport fit = view.canvas().view();
        assertTrue(fit.t1() - fit.t0() >= before.t1() - before.t0() * 0.99, "F fits again");
        robot.interact(() -> view.canvas().select(3));
        robot.type(KeyCode.DOWN);
        assertEquals(4, view.canvas().selectedRow());
    }

    @Test
    void groupingByContainerPutsAttemptsOnContainerRows(FxRobot robot) throws Exception {
        GanttModel byCall = loadedModel();
        robot.clickOn("#group-by-container");
        WaitForAsyncUtils.waitFor(
                20, TimeUnit.SECONDS, () -> view.canvas().model().grouping() == GanttModel.Grouping.BY_CONTAINER);
        GanttModel byContainer = view.canvas().model();
        assertEquals(byCall.calls().size(), byContainer.calls().size());
        assertTrue(byContainer.rows() < byCall.rows(), "containers are reused: fewer rows than calls");
        assertTrue(byContainer.rowLabel(0).startsWith("ta-")
                || byContainer.rowLabel(0).startsWith("("));
    }

    @Test
    void exportsPngAtTwiceTheSizeAndVectorSvg(FxRobot robot, @TempDir Path dir) throws Exception {
        loadedModel();
        GanttViewport v = view.canvas().view();
        Path png = dir.resolve("t.png");
        Path svg = dir.resolve("t.svg");
        CompletableFuture<String> pngDone = new CompletableFuture<>();
        CompletableFuture<String> svgDone = new CompletableFuture<>();
        robot.interact(() -> view.export(png, "png", 2, pngDone::complete));
        pngDone.get(30, TimeUnit.SECONDS);
        robot.interact(() -> view.export(svg, "svg", 1, svgDone::complete));
        svgDone.get(30, TimeUnit.SECONDS);
        BufferedImage image = ImageIO.read(png.toFile());
        assertEquals((int) Math.ceil((int) v.width() * 2.0), image.getWidth());
        assertEquals((int) Math.ceil((int) v.height() * 2.0), image.getHeight());
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(svg.toFile());
        assertEquals("svg", doc.getDocumentElement().getNodeName());
        assertTrue(doc.getElementsByTagName("rect").getLength() > 10, "bars are vector rectangles");
        assertTrue(doc.getElementsByTagName("text").getLength() >= 2, "axis labels are text");
        assertEquals(0, doc.getElementsByTagName("image").getLength(), "no embedded bitmap");
        try (var files = Files.list(dir)) {
            assertFalse(files.anyMatch(f -> f.getFileName().toString().endsWith(".part")), "no partial files left");
        }
    }

    /** The calls in view are priced on request, with the same query the Cost tab uses. */
    @Test
    void pricingTheCallsInView(FxRobot robot) throws Exception {
        Label line = robot.lookup("#timeline-cost").queryAs(Label.class);
        assertEquals("", line.getText(), "nothing is priced until asked");
        robot.clickOn("#timeline-price-view");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> line.getText().startsWith("Cost of the "));
        assertTrue(
                line.getText().matches("Cost of the [\\d,]+ calls in view: \\$[\\d,.]+ \\([\\d,.]+ GPU-s\\).*"),
                line.getText());
    }
}
