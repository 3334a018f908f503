package dev.callscope.ui.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.callscope.app.ConnectionTarget;
import dev.callscope.app.Connector;
import dev.callscope.app.RemoteEngines;
import dev.callscope.calls.MappedEventsFixture;
import dev.callscope.engine.Query;
import dev.callscope.engine.TlsTrust;
import dev.callscope.profiles.EventsMapping;
import dev.callscope.profiles.LogMapping;
import dev.callscope.profiles.Profile;
import dev.callscope.profiles.ProfileStore;
import dev.callscope.profiles.Profiles;
import dev.callscope.profiles.SavedPasswords;
import dev.callscope.schema.Schema;
import dev.callscope.secrets.KeyringSecretStore;
import dev.callscope.secrets.PlainSecretFile;
import dev.callscope.testing.ChdbHttpEndpoint;
import dev.callscope.testing.DemoData;
import dev.callscope.testing.HostileText;
import dev.callscope.testing.NonClosingEngine;
import dev.callscope.testing.TestEngine;
import dev.callscope.ui.common.Executors;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The connections dialog on real profiles in a temporary config directory, without a keyring (as
 * on this build machine): profiles are saved, renamed and deleted through the file, pasted URLs
 * fill the form, Test names what a real endpoint lacks, and bad input is named and kept.
 */
@ExtendWith(ApplicationExtension.class)
class ConnectionDialogTest {

    static final KeyringSecretStore.Detection NO_KEYRING =
            new KeyringSecretStore.Detection(Optional.empty(), "No keyring was found on this computer (test).");

    @TempDir
    static Path config;

    private Profiles profiles;
    private ConnectionDialog dialog;
    private final ExecutorService writer = java.util.concurrent.Executors.newSingleThreadExecutor();

    @Start
    void start(Stage stage) throws Exception {
        DemoData.ensureLoaded(3000);
        Path dir = Files.createTempDirectory(config, "cfg");
        profiles = new Profiles(
                new ProfileStore(dir, Path.of("/data/demo")),
                new SavedPasswords(() -> NO_KEYRING, new PlainSecretFile(dir)));
        Connector connector = (target, progress) -> switch (target) {
            case ConnectionTarget.Embedded e -> new NonClosingEngine(TestEngine.shared());
            case ConnectionTarget.Remote r -> RemoteEngines.open(r, progress);
        };
        dialog = new ConnectionDialog(
                profiles, connector, Executors.connect(), writer, Path.of("/data/demo"), null, null);
        dialog.show();
    }

    @AfterEach
    void close(FxRobot robot) {
        robot.interact(dialog::close);
        writer.shutdown();
    }

    private void waitForWrites() throws Exception {
        writer.submit(() -> {}).get(10, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private TextField field(FxRobot robot, String id) {
        return robot.lookup("#" + id).queryAs(TextField.class);
    }

    private void type(FxRobot robot, String id, String text) {
        TextField f = field(robot, id);
        robot.interact(() -> f.setText(text));
    }

    /** Presses a button without moving the mouse (the fuzz presses hundreds). */
    private static void fire(FxRobot robot, String id) {
        Button b = robot.lookup("#" + id).queryAs(Button.class);
        robot.interact(b::fire);
    }

    private String message(FxRobot robot) {
        return robot.lookup("#profile-message").queryAs(Label.class).getText();
    }

    private List<String> savedNames() throws Exception {
        return new ProfileStore(profiles.file().getParent(), Path.of("/data/demo"))
                .load().book().profiles().stream().map(Profile::name).toList();
    }

    @Test
    void aProfileIsSavedRenamedAndDeleted(FxRobot robot) throws Exception {
        robot.clickOn("#profile-new-server");
        type(robot, "profile-name", "Production");
        type(robot, "profile-host", "abc.eu-west-1.aws.clickhouse.cloud");
        type(robot, "profile-user", "viewer");
        type(robot, "limit-time", "45");
        robot.clickOn("#profile-save");
        waitForWrites();
        assertEquals(List.of("Embedded demo", "Production"), savedNames());
        assertTrue(message(robot).startsWith("Saved Production."), message(robot));
        Profile.Server saved = (Profile.Server) profiles.book().profiles().get(1);
        assertEquals("https://abc.eu-west-1.aws.clickhouse.cloud:8443", saved.url());
        assertEquals(45, saved.limits().maxExecutionSeconds());

        type(robot, "profile-name", "Production EU");
        robot.clickOn("#profile-save");
        waitForWrites();
        assertEquals(List.of("Embedded demo", "Production EU"), savedNames());
        assertEquals(saved.id(), profiles.book().profiles().get(1).id(), "a rename keeps the profile's identity");

        robot.clickOn("#profile-delete");
        assertEquals(List.of("Embedded demo", "Production EU"), savedNames(), "the first click only asks");
        robot.clickOn("#profile-delete");
        waitForWrites();
        assertEquals(List.of("Embedded demo"), savedNames());
        assertEquals(
                1,
                robot.lookup("#profile-list").queryAs(ListView.class).getItems().size());
    }

    @Test
    void aPastedJdbcUrlFillsTheFormAndTestChecksTheTables(FxRobot robot) throws Exception {
        try (ChdbHttpEndpoint server = ChdbHttpEndpoint.start("viewer", "pw")) {
            robot.clickOn("#profile-new-server");
            type(robot, "profile-url", "jdbc:clickhouse:" + server.url() + "/default?user=viewer&password=pw");
            assertEquals("127.0.0.1", field(robot, "profile-host").getText());
            assertEquals(
                    Integer.toString(server.port()),
                    field(robot, "profile-port").getText());
            assertFalse(robot.lookup("#profile-https").queryAs(CheckBox.class).isSelected());
            assertEquals("viewer", field(robot, "profile-user").getText());
            assertEquals(
                    "pw",
                    robot.lookup("#profile-password")
                            .queryAs(PasswordField.class)
                            .getText());
            robot.clickOn("#test-connection");
            WaitForAsyncUtils.waitFor(
                    20,
                    TimeUnit.SECONDS,
                    () -> robot.lookup("#test-result")
                            .queryAs(Label.class)
                            .getText()
                            .startsWith("Connected"));
            String shown = robot.lookup("#test-result").queryAs(Label.class).getText();
            assertTrue(shown.contains("Callscope's tables are there"), shown);

            // the wrong password: the diagnosis says so, and never shows it
            robot.interact(() -> robot.lookup("#profile-password")
                    .queryAs(PasswordField.class)
                    .setText("nope-123"));
            robot.clickOn("#test-connection");
            WaitForAsyncUtils.waitFor(
                    20,
                    TimeUnit.SECONDS,
                    () -> robot.lookup("#test-result")
                            .queryAs(Label.class)
                            .getText()
                            .startsWith("Failed"));
            shown = robot.lookup("#test-result").queryAs(Label.class).getText();
            assertTrue(shown.startsWith("Failed: Wrong user name or password for " + server.url()), shown);
            assertFalse(shown.contains("nope-123"));
        }
    }

    @Test
    void testChecksTheMappedLogsTableAgainstTheCatalog(FxRobot robot) throws Exception {
        String db = TestEngine.freshDatabase("dialog_otel");
        TestEngine.shared()
                .execute(Query.of(Schema.resourceText(ConnectionDialogTest.class, "/dev/callscope/logs/otel_logs.sql")
                        .replace("{db}", db)
                        .replace("{table}", "otel_logs")
                        .replace("{index}", "INDEX idx_body Body TYPE tokenbf_v1(32768, 3, 0) GRANULARITY 8")));
        try (ChdbHttpEndpoint server = ChdbHttpEndpoint.start("viewer", "pw")) {
            robot.clickOn("#profile-new-server");
            type(robot, "profile-url", "jdbc:clickhouse:" + server.url() + "/default?user=viewer&password=pw");
            robot.interact(() ->
                    robot.lookup("#profile-schema").queryAs(ChoiceBox.class).setValue(LogMapping.Kind.OTEL_LOGS));
            assertEquals(
                    "otel_logs", field(robot, "profile-logs-table").getText(), "the preset's table name is filled in");
            type(robot, "profile-logs-database", db);
            assertEquals("Connected", testResult(robot));
            String shown = robot.lookup("#test-result").queryAs(Label.class).getText();
            assertTrue(shown.contains("the logs table has every mapped column"), shown);

            robot.interact(() ->
                    robot.lookup("#profile-schema").queryAs(ChoiceBox.class).setValue(LogMapping.Kind.CUSTOM));
            type(robot, "map-time", "Timestamp");
            type(robot, "map-message", "Body");
            type(robot, "map-level", "severity");
            type(robot, "map-container", "ResourceAttributes['k8s.pod.name']");
            assertEquals("Connected", testResult(robot));
            shown = robot.lookup("#test-result").queryAs(Label.class).getText();
            assertTrue(shown.contains("lacks column severity (for level)"), shown);

            type(robot, "map-message", "Body; DROP TABLE x");
            fire(robot, "test-connection");
            assertTrue(message(robot).startsWith("Logs: message: Unexpected ';'"), message(robot));
        }
    }

    /**
     * The Events section maps a user's own calls table: Check connects and reads the table as
     * mapped, a missing column is named with its field and the field is outlined, and a second
     * statement is refused before anything is sent.
     */
    @Test
    void checkReadsTheMappedEventsTableAndMarksTheFieldsItNames(FxRobot robot) throws Exception {
        String db = MappedEventsFixture.get().db;
        try (ChdbHttpEndpoint server = ChdbHttpEndpoint.start("viewer", "pw")) {
            robot.clickOn("#profile-new-server");
            type(robot, "profile-url", "jdbc:clickhouse:" + server.url() + "/default?user=viewer&password=pw");
            robot.interact(() ->
                    robot.lookup("#profile-events").queryAs(ChoiceBox.class).setValue(EventsMapping.Kind.CUSTOM));
            type(robot, "profile-events-database", db);
            type(robot, "profile-events-table", "calls");
            type(robot, "events-call", "id");
            type(robot, "events-function", "fn");
            type(robot, "events-enqueued", "queued");
            type(robot, "events-started", "begun");
            type(robot, "events-finished", "ended");
            type(robot, "events-status", MappedEventsFixture.STATUS);
            assertEquals("Connected", checkResult(robot));
            String shown = robot.lookup("#test-result").queryAs(Label.class).getText();
            assertTrue(shown.contains("the events table reads as mapped"), shown);

            type(robot, "events-finished", "finished_at");
            assertEquals("Connected", checkResult(robot));
            shown = robot.lookup("#test-result").queryAs(Label.class).getText();
            assertTrue(shown.contains("events: Table " + db + ".calls lacks column finished_at (for finished)"), shown);
            assertTrue(danger(field(robot, "events-finished")), "the field named is outlined");
            assertFalse(danger(field(robot, "events-started")));

            type(robot, "events-finished", "ended; DROP TABLE calls");
            fire(robot, "profile-events-check");
            assertTrue(
                    message(robot).startsWith("Events: finished: Only one expression: ';' is not allowed"),
                    message(robot));
        }
    }

    private static boolean danger(TextField f) {
        return f.getPseudoClassStates().stream()
                .anyMatch(p -> p.getPseudoClassName().equals("danger"));
    }

    /** Presses the Events section's Check and waits for the verdict; returns its first word. */
    private String checkResult(FxRobot robot) throws Exception {
        robot.interact(() -> robot.lookup("#test-result").queryAs(Label.class).setText(""));
        fire(robot, "profile-events-check");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> {
            String t = robot.lookup("#test-result").queryAs(Label.class).getText();
            return t.startsWith("Connected") || t.startsWith("Failed");
        });
        return robot.lookup("#test-result").queryAs(Label.class).getText().split("[: ]")[0];
    }

    /** Presses Test and waits for its verdict; returns its first word. */
    private String testResult(FxRobot robot) throws Exception {
        robot.interact(() -> robot.lookup("#test-result").queryAs(Label.class).setText(""));
        fire(robot, "test-connection");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> {
            String t = robot.lookup("#test-result").queryAs(Label.class).getText();
            return t.startsWith("Connected") || t.startsWith("Failed");
        });
        return robot.lookup("#test-result").queryAs(Label.class).getText().split("[: ]")[0];
    }

    @Test
    void badInputIsNamedKeptAndNothingIsWritten(FxRobot robot) throws Exception {
        robot.clickOn("#profile-new-server");
        type(robot, "profile-host", "my host");
        type(robot, "profile-port", "99999");
        type(robot, "limit-bytes", "lots");
        robot.clickOn("#profile-save");
        waitForWrites();
        String shown = message(robot);
        assertTrue(shown.contains("Host: Not a valid host name"), shown);
        assertTrue(shown.contains("Port: A port is a number from 1 to 65535"), shown);
        assertTrue(shown.contains("Max result size: Enter a size like 2 GiB"), shown);
        assertEquals("my host", field(robot, "profile-host").getText(), "what was typed stays");
        assertEquals("99999", field(robot, "profile-port").getText());
        assertFalse(Files.exists(profiles.file()), "nothing saved");
        assertTrue(
                robot.lookup("#profile-port").queryAs(TextField.class).getPseudoClassStates().stream()
                        .anyMatch(p -> p.getPseudoClassName().equals("danger")),
                "the field is marked");
    }

    @Test
    void turningVerificationOffIsSpelledOut(FxRobot robot) {
        robot.clickOn("#profile-new-server");
        assertFalse(robot.lookup("#insecure-note").queryAs(Label.class).isVisible());
        robot.interact(
                () -> robot.lookup("#profile-tls").queryAs(ChoiceBox.class).setValue(TlsTrust.Kind.NO_VERIFY));
        assertTrue(robot.lookup("#insecure-note").queryAs(Label.class).isVisible());
        assertTrue(robot.lookup("#keyring-note").queryAs(Label.class).getText().startsWith("No keyring was found"));
    }

    /** Hostile text in every field of the dialog, saved: no crash, a reason for what is refused, nothing lost. */
    @Test
    void hostileInputInEveryFieldOfTheDialog(FxRobot robot) throws Exception {
        List<Throwable> crashes = new CopyOnWriteArrayList<>();
        Thread.UncaughtExceptionHandler before = Thread.getDefaultUncaughtExceptionHandler();
        Thread.setDefaultUncaughtExceptionHandler((t, e) -> crashes.add(e));
        try {
            Random random = new Random(11);
            List<String> hostile = HostileText.SAMPLES;
            String[] ids = {
                "profile-name",
                "profile-data-dir",
                "profile-url",
                "profile-host",
                "profile-port",
                "profile-user",
                "profile-database",
                "profile-ca-file",
                "limit-time",
                "limit-rows",
                "limit-bytes",
                "limit-memory"
            };
            int refused = 0;
            int saved = 0;
            for (int i = 0; i < 40; i++) {
                fire(robot, random.nextBoolean() ? "profile-new-server" : "profile-new-embedded");
                type(robot, "profile-name", "Fuzz " + i);
                type(robot, "profile-host", "db" + i + ".internal");
                String id = ids[random.nextInt(ids.length)];
                String text = hostile.get(random.nextInt(hostile.size()));
                type(robot, id, text);
                String held = field(robot, id).getText(); // a text field drops line breaks and tabs itself
                boolean https = random.nextBoolean();
                robot.interact(() ->
                        robot.lookup("#profile-https").queryAs(CheckBox.class).setSelected(https));
                robot.interact(() -> robot.lookup("#profile-tls")
                        .queryAs(ChoiceBox.class)
                        .setValue(TlsTrust.Kind.values()[random.nextInt(3)]));
                fire(robot, "profile-save");
                waitForWrites();
                String shown = message(robot);
                if (shown.startsWith("Saved ")) {
                    saved++;
                } else {
                    refused++;
                    assertFalse(shown.isBlank(), "a refused form says why");
                    assertFalse(shown.contains("Exception"), shown);
                    if (!id.equals("profile-url")) {
                        assertEquals(held, field(robot, id).getText(), "what was typed stays in " + id);
                    }
                }
            }
            assertTrue(crashes.isEmpty(), "uncaught: " + crashes);
            assertTrue(saved > 5 && refused > 5, saved + " saved, " + refused + " refused");
            // everything saved is in the file, the first profile included: nothing lost
            ProfileStore.Loaded again = new ProfileStore(profiles.file().getParent(), Path.of("/data/demo")).load();
            assertTrue(again.problem().isEmpty(), again.problem().toString());
            assertEquals(profiles.book(), again.book());
            assertEquals("Embedded demo", again.book().profiles().getFirst().name());
            assertEquals(saved + 1, again.book().profiles().size());
        } finally {
            Thread.setDefaultUncaughtExceptionHandler(before);
        }
    }

    @Test
    void connectSavesTheProfileAsLastUsedAndHandsOverTheTypedPassword(FxRobot robot) throws Exception {
        robot.clickOn("#profile-new-server");
        type(robot, "profile-name", "Staging");
        type(robot, "profile-host", "staging.internal");
        robot.interact(() ->
                robot.lookup("#profile-password").queryAs(PasswordField.class).setText("typed"));
        robot.clickOn("#profile-connect");
        waitForWrites();
        assertEquals(List.of("Embedded demo", "Staging"), savedNames());
        Profile staging = profiles.book().profiles().get(1);
        assertEquals(staging.id(), profiles.book().lastUsed());
        ConnectionDialog.Choice choice = dialog.getResult();
        assertEquals(staging, choice.profile());
        assertEquals(Optional.of("typed"), choice.typedPassword());
        assertFalse(Files.readString(profiles.file()).contains("typed"), "no password in the profiles file");
        assertFalse(robot.lookup("#profile-connect")
                .tryQuery()
                .map(n -> n.getScene().getWindow().isShowing())
                .orElse(false));
        assertTrue(robot.lookup(".button").queryAllAs(Button.class).stream()
                .noneMatch(b -> "profile-connect".equals(b.getId())
                        && b.getScene().getWindow().isShowing()));
    }
}
