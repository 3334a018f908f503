package dev.callscope.ui.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.callscope.cost.PriceStore;
import dev.callscope.engine.Guardrails;
import dev.callscope.engine.remote.Network;
import dev.callscope.engine.remote.RemoteEndpoint;
import dev.callscope.engine.remote.RemoteEngine;
import dev.callscope.testing.ChdbHttpEndpoint;
import dev.callscope.testing.FaultyServer;
import dev.callscope.ui.common.Executors;
import dev.callscope.ui.common.TimeZoneChoice;
import dev.callscope.ui.cost.CostView;
import dev.callscope.ui.functions.FunctionsView;
import dev.callscope.ui.performance.PerformanceView;
import dev.callscope.ui.timeline.TimelineView;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * A connected server that stops answering: while a tab's first read waits, it says it is reading. It used to keep
 * "Not connected." under a header that said Connected (issue 22).
 */
@ExtendWith(ApplicationExtension.class)
class TabsDuringAStallTest {

    private static ChdbHttpEndpoint upstream;
    private static FaultyServer server;
    private static RemoteEngine engine;

    private FunctionsView functions;
    private PerformanceView performance;
    private TimelineView timeline;
    private CostView cost;

    @BeforeAll
    static void stalledServer() {
        upstream = ChdbHttpEndpoint.start("viewer", "pw");
        server = FaultyServer.start(FaultyServer.Fault.RELAY, upstream.url());
        engine = RemoteEngine.open(
                RemoteEndpoint.of(server.url(), "viewer", "pw", "default"),
                Guardrails.DEFAULTS.withMaxExecutionTime(Duration.ofSeconds(60)),
                Network.DEFAULTS);
        server.setFault(FaultyServer.Fault.STALL); // connected, then silent
    }

    @AfterAll
    static void stop() {
        engine.close();
        server.close();
        upstream.close();
    }

    @org.junit.jupiter.api.io.TempDir
    static Path config;

    @Start
    void start(Stage stage) {
        functions = new FunctionsView(
                Executors.queries(), new TimeZoneChoice(), s -> {}, (fn, range) -> {}, q -> {}, id -> {});
        performance = new PerformanceView(Executors.queries(), new TimeZoneChoice(), s -> {});
        timeline = new TimelineView(Executors.queries(), new TimeZoneChoice(), s -> {}, id -> {});
        cost = new CostView(Executors.queries(), new TimeZoneChoice(), new PriceStore(config));
        TabPane tabs = new TabPane();
        for (Node view : List.of(functions, performance, timeline, cost)) {
            tabs.getTabs().add(new Tab(view.getClass().getSimpleName(), view));
        }
        stage.setScene(new Scene(tabs, 1200, 700));
        stage.show();
    }

    @Test
    void everyTabSaysItIsReadingWhileTheServerIsSilent(FxRobot robot) throws Exception {
        robot.interact(() -> {
            functions.setEngine(engine);
            performance.setEngine(engine);
            timeline.setEngine(engine);
            cost.setEngine(engine, null);
        });
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> server.connections() >= 4);
        assertEquals(
                List.of(
                        "Finding the newest event…",
                        "Finding functions…",
                        "Finding functions…",
                        "Loading prices and functions…"),
                List.of(
                        text(robot, "functions-status"),
                        text(robot, "perf-status"),
                        text(robot, "timeline-summary"),
                        text(robot, "cost-status")));
    }

    private static String text(FxRobot robot, String id) {
        return robot.lookup("#" + id).queryAs(Label.class).getText();
    }
}
