package dev.callscope.ui;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.callscope.app.ConnectionTarget;
import dev.callscope.app.Connector;
import dev.callscope.app.RemoteEngines;
import dev.callscope.testing.ChdbHttpEndpoint;
import dev.callscope.engine.Engine;
import dev.callscope.settings.Settings;
import dev.callscope.testing.NonClosingEngine;
import dev.callscope.testing.TestEngine;
import dev.callscope.ui.common.Executors;
import dev.callscope.ui.shell.MainWindow;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The shell opens on the real embedded engine and shows what it is connected to. */
@ExtendWith(ApplicationExtension.class)
class MainWindowTest {

    private MainWindow window;

    @Start
    void start(Stage stage) {
        Connector connector = (target, progress) -> switch (target) {
            case ConnectionTarget.Embedded e -> new NonClosingEngine(TestEngine.shared());
            case ConnectionTarget.Remote r -> RemoteEngines.open(r, progress);
        };
        window = new MainWindow(connector, Executors.connect(), Executors.queries(), Path.of("unused"),
                Settings.defaults(), s -> { });
        window.show(stage);
    }

    @Test
    void showsTheEngineVersionOnceConnected(FxRobot robot) throws Exception {
        robot.interact(() -> window.connect(new ConnectionTarget.Embedded(Path.of("unused"))));
        String version = TestEngine.shared().info().serverVersion();
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS,
                () -> robot.lookup("#server-version").queryAs(Label.class).getText().contains(version));
        assertTrue(robot.lookup("#connection-state").queryAs(Label.class).getText().contains("Connected"));
    }

    @Test
    void connectsToAServerOverHttp(FxRobot robot) throws Exception {
        try (ChdbHttpEndpoint server = ChdbHttpEndpoint.start("viewer", "pw")) {
            robot.interact(() -> window.connect(new ConnectionTarget.Remote(server.url(), "viewer", "pw", "default")));
            WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS,
                    () -> robot.lookup("#connection-state").queryAs(Label.class).getText().contains("Connected"));
            assertTrue(robot.lookup("#endpoint").queryAs(Label.class).getText().contains(server.url()),
                    robot.lookup("#endpoint").queryAs(Label.class).getText());
            assertTrue(server.requests() > 0);
        }
    }

    @Test
    void aFailedConnectionShowsItsMessageAndTheWindowStaysUsable(FxRobot robot) throws Exception {
        List<String> settled = new CopyOnWriteArrayList<>();
        robot.interact(() -> window.onSettled(settled::add));
        robot.interact(() -> window.connect(new ConnectionTarget.Remote("http://127.0.0.1:9", "u", "secret", "db")));
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS,
                () -> robot.lookup("#problem").queryAs(Label.class).getText().contains("refused"));
        String shown = robot.lookup("#problem").queryAs(Label.class).getText();
        assertFalse(shown.contains("Exception"), "no stack traces or exception names: " + shown);
        assertFalse(shown.contains("secret"), "the password never shows");
        // the window still works: connecting again succeeds
        robot.interact(() -> window.connect(new ConnectionTarget.Embedded(Path.of("unused"))));
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS,
                () -> robot.lookup("#connection-state").queryAs(Label.class).getText().contains("Connected"));
        // what --ready-file reports: each attempt's outcome, in order
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> settled.size() == 2);
        assertTrue(settled.get(0).startsWith("failed: ") && settled.get(0).contains("refused"), settled::toString);
        assertTrue(settled.get(1).startsWith("connected Embedded chDB "), settled::toString);
    }
}
