package dev.callscope.ui.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.callscope.app.ConnectionTarget;
import dev.callscope.app.Connector;
import dev.callscope.app.RemoteEngines;
import dev.callscope.calls.FunctionDirectory.FunctionInfo;
import dev.callscope.engine.Guardrails;
import dev.callscope.engine.TlsTrust;
import dev.callscope.profiles.Profile;
import dev.callscope.profiles.ProfileBook;
import dev.callscope.profiles.ProfileStore;
import dev.callscope.profiles.Profiles;
import dev.callscope.profiles.SavedPasswords;
import dev.callscope.secrets.PlainSecretFile;
import dev.callscope.settings.Settings;
import dev.callscope.testing.ChdbHttpEndpoint;
import dev.callscope.testing.DemoData;
import dev.callscope.testing.FaultyServer;
import dev.callscope.testing.NonClosingEngine;
import dev.callscope.testing.TestCertificate;
import dev.callscope.testing.TestEngine;
import dev.callscope.ui.common.Executors;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The window against a server that misbehaves, through real sockets: a stalled server leaves the
 * window responsive and the running queries cancellable from the status bar; a server that goes
 * away shows Offline, and when it is back every view shows again what it showed; an unverified
 * certificate is a visible warning; start-up reconnects to the last profile.
 */
@ExtendWith(ApplicationExtension.class)
class WindowFaultsTest {

    @TempDir
    static Path dir;

    private static ChdbHttpEndpoint upstream;
    private MainWindow window;
    private Profiles profiles;
    private Path config;

    @BeforeAll
    static void startServer() {
        DemoData.ensureLoaded(3000);
        upstream = ChdbHttpEndpoint.start("viewer", "pw");
    }

    @AfterAll
    static void stopServer() {
        upstream.close();
    }

    @Start
    void start(Stage stage) throws Exception {
        config = Files.createTempDirectory(dir, "cfg");
        profiles = new Profiles(
                new ProfileStore(config, Path.of("/data/demo")),
                new SavedPasswords(() -> ConnectionDialogTest.NO_KEYRING, new PlainSecretFile(config)));
        Connector connector = (target, progress) -> switch (target) {
            case ConnectionTarget.Embedded e -> new NonClosingEngine(TestEngine.shared());
            case ConnectionTarget.Remote r -> RemoteEngines.open(r, progress);
        };
        window = new MainWindow(
                connector,
                Executors.connect(),
                Executors.queries(),
                Path.of("/data/demo"),
                Settings.defaults(),
                s -> {},
                profiles);
        window.show(stage);
    }

    private static String text(FxRobot robot, String id) {
        return robot.lookup("#" + id).queryAs(Label.class).getText();
    }

    private static void waitFor(int seconds, Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, condition);
    }

    /** Waits for a label to read as expected; on timeout, fails showing what it reads. */
    private static void waitForText(FxRobot robot, String id, int seconds, Predicate<String> ok) throws Exception {
        try {
            WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, () -> ok.test(text(robot, id)));
        } catch (TimeoutException e) {
            throw new AssertionError("#" + id + " still reads: " + text(robot, id), e);
        }
    }

    private void connectAndWaitForLogs(FxRobot robot, String url) throws Exception {
        robot.interact(() -> window.connect(new ConnectionTarget.Remote(url, "viewer", "pw", "default")));
        waitFor(
                30,
                () -> text(robot, "connection-state").equals("Connected")
                        && text(robot, "match-summary").contains("matches"));
    }

    /** Selects the tab named {@code title} (a click on the text could hit a button of the same name). */
    private static void showTab(FxRobot robot, String title) {
        TabPane tabs = robot.lookup(".tab-pane").queryAs(TabPane.class);
        robot.interact(() -> tabs.getSelectionModel()
                .select(tabs.getTabs().stream()
                        .filter(t -> t.getText().equals(title))
                        .findFirst()
                        .orElseThrow()));
    }

    /** How long the FX thread takes to run a trivial task: it must never wait on the network. */
    private static Duration fxRoundTrip(FxRobot robot) {
        long t = System.nanoTime();
        robot.interact(() -> {});
        return Duration.ofNanos(System.nanoTime() - t);
    }

    @Test
    void aStalledServerLeavesTheWindowResponsiveAndCancelStopsItsQueries(FxRobot robot) throws Exception {
        try (FaultyServer server = FaultyServer.start(FaultyServer.Fault.RELAY, upstream.url())) {
            connectAndWaitForLogs(robot, server.url());
            server.setFault(FaultyServer.Fault.STALL);
            TextField search = robot.lookup("#log-search").queryAs(TextField.class);
            robot.interact(() -> search.setText("error"));
            waitFor(10, () -> robot.lookup("#query-activity").query().isVisible());
            assertTrue(text(robot, "query-progress").startsWith("Running"), text(robot, "query-progress"));

            // the window works while the server says nothing
            for (int i = 0; i < 5; i++) {
                assertTrue(fxRoundTrip(robot).compareTo(Duration.ofSeconds(1)) < 0, "the FX thread answered");
            }
            TabPane tabs = robot.lookup(".tab-pane").queryAs(TabPane.class);
            robot.clickOn("Functions");
            assertEquals("Functions", tabs.getSelectionModel().getSelectedItem().getText());
            robot.clickOn("Logs");
            robot.interact(() -> search.setText("error OR warn"));
            assertEquals("error OR warn", search.getText());

            long cancelled = System.nanoTime();
            robot.clickOn("#cancel-queries");
            try {
                waitFor(10, () -> !robot.lookup("#query-activity").query().isVisible());
            } catch (TimeoutException e) {
                throw new AssertionError(
                        "still running: " + text(robot, "query-progress") + " / " + text(robot, "match-summary") + " / "
                                + window.debugRunning(),
                        e);
            }
            Duration took = Duration.ofNanos(System.nanoTime() - cancelled);
            assertTrue(took.compareTo(Duration.ofSeconds(5)) < 0, "cancel took " + took);
            waitForText(robot, "match-summary", 10, t -> t.contains("you cancelled"));
            // the search's page or its histogram, whichever ended last, says so; or, when the stall made the
            // connection look lost and then back (so the view began reading the table again), that read does
            assertTrue(
                    text(robot, "match-summary")
                            .matches(
                                    "(Search failed|Histogram failed|Could not read the logs table): Stopped: you cancelled this query\\..*"),
                    text(robot, "match-summary"));
            server.setFault(FaultyServer.Fault.RELAY);
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void whenTheServerComesBackEveryViewShowsWhatItShowedBefore(FxRobot robot) throws Exception {
        try (FaultyServer server = FaultyServer.start(FaultyServer.Fault.RELAY, upstream.url())) {
            connectAndWaitForLogs(robot, server.url());
            TextField search = robot.lookup("#log-search").queryAs(TextField.class);
            robot.interact(() -> search.setText("level:error"));
            waitFor(20, () -> text(robot, "match-summary").contains("matches"));
            showTab(robot, "Timeline");
            ComboBox<FunctionInfo> function = robot.lookup("#timeline-function").queryAs(ComboBox.class);
            waitFor(20, () -> function.getItems().size() > 1 && function.getValue() != null);
            FunctionInfo second = function.getItems().get(1);
            robot.interact(() -> function.getSelectionModel().select(second));
            waitFor(20, () -> text(robot, "timeline-summary").contains("calls"));

            server.stop();
            robot.clickOn("Logs");
            robot.interact(() -> search.setText("level:warning"));
            waitFor(30, () -> text(robot, "connection-state").startsWith("Offline"));
            assertTrue(robot.lookup("#reconnect").query().isVisible());
            // the bar can go offline on another view's query first; the search says why once its
            // own retries (0.5 + 1 + 2 s) are spent
            waitForText(robot, "match-summary", 30, t -> t.contains("refused"));

            server.restart();
            // a probe or a view's retry may reach the server first (the window then hides Reconnect
            // itself); under load that race is real, so click it only while it is still offered
            robot.interact(() -> {
                Node reconnect = robot.lookup("#reconnect").query();
                if (reconnect.isVisible()) {
                    ((Button) reconnect).fire();
                }
            });
            waitFor(30, () -> text(robot, "connection-state").equals("Connected"));
            waitFor(30, () -> text(robot, "match-summary").contains("matches"));
            assertEquals("level:warning", search.getText(), "the search stays");
            showTab(robot, "Timeline"); // a call tab reloads when next shown
            waitFor(30, () -> function.getValue() != null);
            assertEquals(second.functionId(), function.getValue().functionId(), "the Timeline's function stays");
            waitFor(30, () -> text(robot, "timeline-summary").contains("calls"));
            assertFalse(robot.lookup("#reconnect").query().isVisible());
        }
    }

    @Test
    void anUnverifiedCertificateIsAVisibleWarning(FxRobot robot) throws Exception {
        TestCertificate cert =
                TestCertificate.selfSigned(Files.createTempDirectory(dir, "tls"), "selfsigned", "ip:127.0.0.1");
        try (ChdbHttpEndpoint https = ChdbHttpEndpoint.startHttps("viewer", "pw", cert.serverContext())) {
            robot.interact(() -> window.connect(new ConnectionTarget.Remote(https.url(), "viewer", "pw", "default")));
            waitFor(30, () -> !text(robot, "problem").isEmpty());
            assertTrue(
                    text(robot, "problem").contains("the server's certificate is not trusted"), text(robot, "problem"));
            assertFalse(robot.lookup("#insecure-badge").query().isVisible());

            robot.interact(() -> window.connect(new ConnectionTarget.Remote(
                    https.url(), "viewer", "pw", "default", TlsTrust.NONE, Guardrails.DEFAULTS)));
            waitFor(30, () -> text(robot, "connection-state").startsWith("Connected"));
            assertEquals("Connected", text(robot, "connection-state"));
            Node badge = robot.lookup("#insecure-badge").query();
            assertTrue(badge.isVisible());
            assertTrue(
                    robot.lookup(".status-dot").query().getStyleClass().contains("status-insecure"),
                    "the dot is amber, not green");
        }
    }

    @Test
    void startUpReconnectsToTheLastProfileWithItsSavedPassword(FxRobot robot) throws Exception {
        Profile server = new Profile.Server(
                "srv",
                "Loopback server",
                "127.0.0.1",
                Integer.parseInt(upstream.url().replaceAll(".*:", "")),
                false,
                "viewer",
                "default",
                null,
                null,
                Profile.PasswordStorage.PLAIN_FILE,
                null);
        profiles.save(
                ProfileBook.defaults(Path.of("/data/demo")).withSaved(server).withLastUsed("srv"));
        profiles.passwords().remember(server, "pw");
        robot.interact(() -> window.start());
        waitFor(30, () -> text(robot, "connection-state").equals("Connected"));
        assertEquals("Loopback server ·", text(robot, "profile-name"));
        assertEquals(upstream.url(), text(robot, "endpoint"));
    }

    @Test
    void aProfileWhosePasswordIsNotKeptAsksForItAtStartUp(FxRobot robot) throws Exception {
        Profile server = new Profile.Server(
                "ask",
                "Asks",
                "127.0.0.1",
                Integer.parseInt(upstream.url().replaceAll(".*:", "")),
                false,
                "viewer",
                "default",
                null,
                null,
                Profile.PasswordStorage.KEYRING,
                null);
        profiles.save(
                ProfileBook.defaults(Path.of("/data/demo")).withSaved(server).withLastUsed("ask"));
        robot.interact(() -> window.start());
        waitFor(20, () -> robot.lookup("#profile-message").tryQuery().isPresent());
        String note = text(robot, "profile-message");
        assertTrue(note.startsWith("Enter the password for Asks to connect. No keyring was found"), note);
        robot.interact(() ->
                robot.lookup("#profile-password").queryAs(PasswordField.class).setText("pw"));
        robot.clickOn("#profile-connect");
        waitFor(30, () -> text(robot, "connection-state").equals("Connected"));
        assertFalse(Files.readString(profiles.file()).contains("\"pw\""));
        assertFalse(Files.exists(config.resolve("passwords.json")), "without a keyring nothing is written");
    }

    @Test
    void anUnreadableProfilesFileIsReportedInTheWindow(FxRobot robot) throws Exception {
        Path broken = Files.createTempDirectory(dir, "broken");
        Files.writeString(broken.resolve("profiles.json"), "{ not json");
        Profiles damaged = new Profiles(
                new ProfileStore(broken, Path.of("/data/demo")),
                new SavedPasswords(() -> ConnectionDialogTest.NO_KEYRING, new PlainSecretFile(broken)));
        robot.interact(() -> {
            MainWindow other = new MainWindow(
                    (t, p) -> new NonClosingEngine(TestEngine.shared()),
                    Executors.connect(),
                    Executors.queries(),
                    Path.of("/data/demo"),
                    Settings.defaults(),
                    s -> {},
                    damaged);
            other.show(new Stage());
        });
        waitFor(
                10,
                () -> robot.lookup("#notice").queryAllAs(Label.class).stream()
                        .anyMatch(l -> !l.getText().isEmpty()));
        String notice = robot.lookup("#notice").queryAllAs(Label.class).stream()
                .map(Label::getText)
                .filter(t -> !t.isEmpty())
                .findFirst()
                .orElseThrow();
        assertTrue(
                notice.startsWith(
                        "Your connection profiles could not be read, so the defaults are loaded. The old file is kept as "),
                notice);
    }
}
