package dev.callscope.ui.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.callscope.app.ConnectionTarget;
import dev.callscope.app.Connector;
import dev.callscope.app.RemoteEngines;
import dev.callscope.testing.ChdbHttpEndpoint;
import dev.callscope.testing.DemoData;
import dev.callscope.testing.NonClosingEngine;
import dev.callscope.testing.TestEngine;
import dev.callscope.ui.common.Executors;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.RadioButton;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The connection dialog reads pasted JDBC URLs and its Test says what the server lacks. */
@ExtendWith(ApplicationExtension.class)
class ConnectionDialogTest {

    private ConnectionDialog dialog;

    @Start
    void start(Stage stage) {
        DemoData.ensureLoaded(3000);
        Connector connector = (target, progress) -> switch (target) {
            case ConnectionTarget.Embedded e -> new NonClosingEngine(TestEngine.shared());
            case ConnectionTarget.Remote r -> RemoteEngines.open(r, progress);
        };
        dialog = new ConnectionDialog(Path.of("unused"), connector, Executors.connect());
        dialog.show();
    }

    @Test
    void aPastedJdbcUrlFillsTheFormAndTestChecksTheTables(FxRobot robot) throws Exception {
        try (ChdbHttpEndpoint server = ChdbHttpEndpoint.start("viewer", "pw")) {
            robot.interact(() -> robot.lookup(n -> n instanceof RadioButton r && r.getText().startsWith("ClickHouse server"))
                    .queryAs(RadioButton.class).setSelected(true));
            TextField url = robot.lookup(n -> n instanceof TextField t && t.getPromptText() != null
                    && t.getPromptText().startsWith("https://your-host")).queryAs(TextField.class);
            robot.interact(() -> url.setText("jdbc:clickhouse:" + server.url() + "/default?user=viewer&password=pw"));
            WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> url.getText().equals(server.url()));
            assertEquals("viewer", robot.lookup(n -> n instanceof TextField t && "default".equals(t.getPromptText())
                    && "viewer".equals(t.getText())).queryAs(TextField.class).getText());
            assertEquals("pw", robot.lookup(n -> n instanceof PasswordField).queryAs(PasswordField.class).getText());
            robot.clickOn("#test-connection");
            WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS,
                    () -> robot.lookup("#test-result").queryAs(Label.class).getText().startsWith("Connected"));
            String shown = robot.lookup("#test-result").queryAs(Label.class).getText();
            assertTrue(shown.contains("Callscope's tables are there"), shown);
        }
    }
}
