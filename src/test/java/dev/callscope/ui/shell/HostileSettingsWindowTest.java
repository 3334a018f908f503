package dev.callscope.ui.shell;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.callscope.app.ConnectionTarget;
import dev.callscope.app.Connector;
import dev.callscope.settings.Settings;
import dev.callscope.settings.SettingsStore;
import dev.callscope.testing.NonClosingEngine;
import dev.callscope.testing.TestEngine;
import dev.callscope.ui.common.Executors;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The window opens whatever settings.json holds: sizes no screen has are fitted to the screen, and
 * the window says what it reset, as the app does at start-up (CallscopeApp).
 */
@ExtendWith(ApplicationExtension.class)
class HostileSettingsWindowTest {

    @TempDir
    Path config;

    private Stage stage;

    @org.junit.jupiter.api.AfterEach
    void closeWindow(FxRobot robot) {
        if (stage != null) {
            robot.interact(stage::close);
        }
    }

    @Test
    void aWidthOf1e308OpensAWindowThatFitsTheScreenAndSaysSo(FxRobot robot) throws Exception {
        Files.writeString(
                config.resolve("settings.json"),
                "{\"theme\": \"dark\", \"windowWidth\": 1e308, \"windowHeight\": 20000}");
        MainWindow window = open(robot);
        double screenWidth = WindowSize.largestScreen().getWidth();
        double screenHeight = WindowSize.largestScreen().getHeight();
        assertTrue(stage.isShowing());
        assertTrue(
                stage.getScene().getWidth() <= screenWidth && stage.getScene().getHeight() <= screenHeight,
                stage.getScene().getWidth() + "x" + stage.getScene().getHeight() + " on " + screenWidth + "x"
                        + screenHeight);
        String notice = robot.from(stage.getScene().getRoot())
                .lookup("#notice")
                .queryAs(Label.class)
                .getText();
        assertTrue(notice.contains("windowWidth") && notice.contains("windowHeight"), notice);
        // and it works: it connects and shows the engine
        robot.interact(() -> window.connect(new ConnectionTarget.Embedded(Path.of("unused"))));
        WaitForAsyncUtils.waitFor(
                30,
                TimeUnit.SECONDS,
                () -> robot.from(stage.getScene().getRoot())
                        .lookup("#connection-state")
                        .queryAs(Label.class)
                        .getText()
                        .contains("Connected"));
    }

    @Test
    void anUnreadableFileIsSetAsideAndTheWindowOpensWithDefaults(FxRobot robot) throws Exception {
        Files.writeString(config.resolve("settings.json"), "{\"windowWidth\": [1e308]");
        open(robot);
        String notice = robot.from(stage.getScene().getRoot())
                .lookup("#notice")
                .queryAs(Label.class)
                .getText();
        assertTrue(notice.contains("settings.json.corrupt-"), notice);
        try (var files = Files.list(config)) {
            assertTrue(files.anyMatch(p -> p.getFileName().toString().startsWith("settings.json.corrupt-")));
        }
    }

    private MainWindow open(FxRobot robot) {
        SettingsStore store = new SettingsStore(config);
        Settings settings = store.load();
        Connector connector = (target, progress) -> new NonClosingEngine(TestEngine.shared());
        MainWindow[] window = new MainWindow[1];
        robot.interact(() -> {
            window[0] = new MainWindow(
                    connector, Executors.connect(), Executors.queries(), Path.of("unused"), settings, s -> {});
            stage = new Stage();
            window[0].show(stage);
            store.lastProblem().ifPresent(window[0]::showNotice);
        });
        return window[0];
    }
}
