package dev.callscope.ui.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.callscope.app.ConnectionTarget;
import dev.callscope.app.Connector;
import dev.callscope.app.RemoteEngines;
import dev.callscope.calls.EventField;
import dev.callscope.calls.MappedEventsFixture;
import dev.callscope.engine.Engine;
import dev.callscope.engine.Query;
import dev.callscope.functions.FunctionRow;
import dev.callscope.logs.LogLine;
import dev.callscope.profiles.EventsMapping;
import dev.callscope.profiles.LogMapping;
import dev.callscope.profiles.Profile;
import dev.callscope.schema.Schema;
import dev.callscope.settings.Settings;
import dev.callscope.testing.ChdbHttpEndpoint;
import dev.callscope.testing.DemoData;
import dev.callscope.testing.NonClosingEngine;
import dev.callscope.testing.TestEngine;
import dev.callscope.ui.common.Executors;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
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
        window = new MainWindow(
                connector, Executors.connect(), Executors.queries(), Path.of("unused"), Settings.defaults(), s -> {});
        window.show(stage);
    }

    @Test
    void showsTheEngineVersionOnceConnected(FxRobot robot) throws Exception {
        robot.interact(() -> window.connect(new ConnectionTarget.Embedded(Path.of("unused"))));
        String version = TestEngine.shared().info().serverVersion();
        WaitForAsyncUtils.waitFor(
                20,
                TimeUnit.SECONDS,
                () -> robot.lookup("#server-version")
                        .queryAs(Label.class)
                        .getText()
                        .contains(version));
        assertTrue(
                robot.lookup("#connection-state").queryAs(Label.class).getText().contains("Connected"));
    }

    @Test
    void connectsToAServerOverHttp(FxRobot robot) throws Exception {
        try (ChdbHttpEndpoint server = ChdbHttpEndpoint.start("viewer", "pw")) {
            robot.interact(() -> window.connect(new ConnectionTarget.Remote(server.url(), "viewer", "pw", "default")));
            WaitForAsyncUtils.waitFor(
                    20,
                    TimeUnit.SECONDS,
                    () -> robot.lookup("#connection-state")
                            .queryAs(Label.class)
                            .getText()
                            .contains("Connected"));
            assertTrue(
                    robot.lookup("#endpoint").queryAs(Label.class).getText().contains(server.url()),
                    robot.lookup("#endpoint").queryAs(Label.class).getText());
            assertTrue(server.requests() > 0);
        }
    }

    @Test
    void aFailedConnectionShowsItsMessageAndTheWindowStaysUsable(FxRobot robot) throws Exception {
        List<String> settled = new CopyOnWriteArrayList<>();
        robot.interact(() -> window.onSettled(settled::add));
        robot.interact(() -> window.connect(new ConnectionTarget.Remote("http://127.0.0.1:9", "u", "secret", "db")));
        WaitForAsyncUtils.waitFor(
                20,
                TimeUnit.SECONDS,
                () -> robot.lookup("#problem").queryAs(Label.class).getText().contains("refused"));
        String shown = robot.lookup("#problem").queryAs(Label.class).getText();
        assertFalse(shown.contains("Exception"), "no stack traces or exception names: " + shown);
        assertFalse(shown.contains("secret"), "the password never shows");
        // the window still works: connecting again succeeds
        robot.interact(() -> window.connect(new ConnectionTarget.Embedded(Path.of("unused"))));
        WaitForAsyncUtils.waitFor(
                20,
                TimeUnit.SECONDS,
                () -> robot.lookup("#connection-state")
                        .queryAs(Label.class)
                        .getText()
                        .contains("Connected"));
        // what --ready-file reports: each attempt's outcome, in order
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> settled.size() == 2);
        assertTrue(settled.get(0).startsWith("failed: ") && settled.get(0).contains("refused"), settled::toString);
        assertTrue(settled.get(1).startsWith("connected Embedded chDB "), settled::toString);
    }

    /**
     * A profile mapping only ClickStack's otel_logs: the Logs tab searches that table, filters on
     * fields it lacks are refused with the reason, and the call tabs say why they are unavailable
     * instead of failing; Callscope's tables bring them back.
     */
    @Test
    void aLogsOnlyProfileSearchesItsTableAndSaysWhyTheCallTabsAreUnavailable(FxRobot robot) throws Exception {
        DemoData.ensureLoaded(3000);
        String db = TestEngine.freshDatabase("window_otel");
        Engine engine = TestEngine.shared();
        engine.execute(Query.of(Schema.resourceText(MainWindowTest.class, "/dev/callscope/logs/otel_logs.sql")
                .replace("{db}", db)
                .replace("{table}", "otel_logs")
                .replace("{index}", "INDEX idx_body Body TYPE tokenbf_v1(32768, 3, 0) GRANULARITY 8")));
        engine.execute(
                Query.of(
                        "INSERT INTO " + db + ".otel_logs (Timestamp, TraceId, SeverityText, ServiceName, Body) "
                                + "SELECT timestamp, function_call_id, toString(level), 'checkout-' || function_id, 'otel: ' || message FROM callscope.function_logs"));
        Profile otel = new Profile.Embedded("otel", "ClickStack", "unused", LogMapping.otelLogs(db, "otel_logs"), null);
        robot.interact(() -> window.connect(otel, null));
        WaitForAsyncUtils.waitFor(
                30, TimeUnit.SECONDS, () -> !table(robot).getItems().isEmpty());
        LogLine first = (LogLine) table(robot).getItems().getFirst();
        assertTrue(
                first.message().startsWith("otel: ") && first.functionId().startsWith("checkout-"), first.toString());
        String reason =
                robot.lookup("#unavailable-tab-functions").queryAs(Label.class).getText();
        assertTrue(
                reason.startsWith(
                        "This connection maps only logs (" + db + ".otel_logs): function calls are not available"),
                reason);
        assertTrue(robot.lookup("#unavailable-tab-timeline").tryQuery().isPresent());
        assertTrue(robot.lookup("#unavailable-tab-performance").tryQuery().isPresent());
        WaitForAsyncUtils.waitFor(
                10,
                TimeUnit.SECONDS,
                () -> robot.lookup("#dataset")
                        .tryQuery()
                        .map(n -> ((Label) n).getText().contains("log lines in " + db + ".otel_logs"))
                        .orElse(false));

        robot.interact(
                () -> robot.lookup("#log-search").queryAs(TextField.class).setText("error stream:stderr"));
        WaitForAsyncUtils.waitFor(
                10,
                TimeUnit.SECONDS,
                () -> robot.lookup("#search-error")
                        .queryAs(Label.class)
                        .getText()
                        .contains("has no stream column"));
        assertTrue(robot.lookup("#show-call").queryAs(Button.class).isDisabled(), "no Timeline to open a call in");

        robot.interact(() -> window.connect(new ConnectionTarget.Embedded(Path.of("unused"))));
        WaitForAsyncUtils.waitFor(
                20,
                TimeUnit.SECONDS,
                () -> robot.lookup("#unavailable-tab-functions").tryQuery().isEmpty());
        WaitForAsyncUtils.waitFor(
                30,
                TimeUnit.SECONDS,
                () -> !table(robot).getItems().isEmpty()
                        && !((LogLine) table(robot).getItems().getFirst())
                                .message()
                                .startsWith("otel: "));
        assertFalse(robot.lookup("#show-call").queryAs(Button.class).isDisabled());
    }

    /** A profile reading the user's own {@code calls} table (one row per call), with {@code fields} changed. */
    private static Profile ownCalls(Consumer<Map<EventField, String>> fields) {
        MappedEventsFixture f = MappedEventsFixture.get();
        Map<EventField, String> m = MappedEventsFixture.callsFields();
        m.put(EventField.CPU_CORES, "2");
        fields.accept(m);
        return new Profile.Embedded(
                "own", "Own calls", "unused", LogMapping.CANONICAL, EventsMapping.custom(f.db, "calls", m));
    }

    /** The ids of the call tabs showing a reason instead of their view, once the window settles on {@code p}. */
    private Set<String> unavailableTabs(FxRobot robot, Profile p) throws Exception {
        List<String> settled = new CopyOnWriteArrayList<>();
        robot.interact(() -> window.onSettled(settled::add));
        robot.interact(() -> window.connect(p, null));
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> !settled.isEmpty());
        WaitForAsyncUtils.waitForFxEvents();
        Set<String> out = new TreeSet<>();
        // looked up on the FX thread: a tab's content swapped while the test thread walks the scene
        // graph made the walk fail (IndexOutOfBoundsException inside JavaFX's child list)
        robot.interact(() -> {
            for (String tab : List.of("tab-functions", "tab-timeline", "tab-performance", "tab-cost")) {
                if (robot.lookup("#unavailable-" + tab).tryQuery().isPresent()) {
                    out.add(tab);
                }
            }
        });
        return out;
    }

    /**
     * The call tabs on a user's own calls table: each is on exactly when the mapping gives it the
     * fields it needs, and otherwise says which one is missing; the Functions tab shows the
     * table's functions with the counts its rows give.
     */
    @Test
    void eachCallTabFollowsWhatTheEventsMappingProvides(FxRobot robot) throws Exception {
        DemoData.ensureLoaded(3000); // Callscope's logs beside the user's calls
        assertEquals(Set.of(), unavailableTabs(robot, ownCalls(m -> {})));
        robot.clickOn("Functions"); // a call tab loads when first shown
        TableView<?> functions = robot.lookup("#functions-table").queryAs(TableView.class);
        try {
            WaitForAsyncUtils.waitFor(
                    30, TimeUnit.SECONDS, () -> functions.getItems().size() == 3);
        } catch (TimeoutException e) {
            throw new AssertionError(
                    "Functions: "
                            + robot.lookup("#functions-status")
                                    .queryAs(Label.class)
                                    .getText() + " rows " + functions.getItems().size() + " status "
                            + robot.lookup("#status-bar").query(),
                    e);
        }
        Set<String> shown = functions.getItems().stream()
                .map(r -> ((FunctionRow) r).functionId())
                .collect(Collectors.toSet());
        assertEquals(Set.copyOf(MappedEventsFixture.FUNCTIONS), shown);
        WaitForAsyncUtils.waitFor(
                10,
                TimeUnit.SECONDS,
                () -> robot.lookup("#dataset")
                        .tryQuery()
                        .map(n -> ((Label) n)
                                .getText()
                                .equals("900 calls in " + MappedEventsFixture.get().db + ".calls · "
                                        + String.format(Locale.ROOT, "%,d", logLines()) + " log lines"))
                        .orElse(false));
        String notice = robot.lookup("#notice").queryAs(Label.class).getText();
        assertTrue(
                notice.contains("read " + MappedEventsFixture.get().db + ".calls as it is")
                        && notice.contains("callscope accelerate --profile"),
                "a table read raw says so, and how to change it: " + notice);

        assertEquals(
                Set.of("tab-cost", "tab-functions", "tab-performance"),
                unavailableTabs(robot, ownCalls(m -> m.remove(EventField.FINISHED))));
        String why = robot.lookup("#unavailable-tab-performance")
                .queryAs(Label.class)
                .getText();
        assertTrue(why.startsWith("Performance needs a finish time, which the events mapping ("), why);
        assertEquals(Set.of("tab-functions"), unavailableTabs(robot, ownCalls(m -> m.remove(EventField.STATUS))));
        assertTrue(robot.lookup("#unavailable-tab-functions")
                .queryAs(Label.class)
                .getText()
                .startsWith("Functions needs a status"));
        assertEquals(Set.of("tab-cost"), unavailableTabs(robot, ownCalls(m -> m.remove(EventField.CPU_CORES))));
        assertEquals(
                Set.of("tab-cost", "tab-functions", "tab-performance"),
                unavailableTabs(robot, ownCalls(m -> m.remove(EventField.STARTED))));
        assertEquals(Set.of(), unavailableTabs(robot, ownCalls(m -> {})), "all back");
    }

    /**
     * Data that cannot be read (a table not there yet, a server restarting) is not a dead end: the
     * window says so, offers Reconnect, and tries again by itself; when the table appears, the
     * overview and the tabs come back without anyone opening Connections….
     */
    @Test
    void aConnectionWhoseDataCannotBeReadComesBackByItselfWhenItCan(FxRobot robot) throws Exception {
        DemoData.ensureLoaded(3000);
        String db = TestEngine.freshDatabase("later");
        Map<EventField, String> m = MappedEventsFixture.callsFields();
        Profile later = new Profile.Embedded(
                "later", "Later", "unused", LogMapping.CANONICAL, EventsMapping.custom(db, "calls", m));
        robot.interact(() -> window.connect(later, null));
        WaitForAsyncUtils.waitFor(
                30,
                TimeUnit.SECONDS,
                () -> robot.lookup("#dataset").queryAs(Label.class).getText().equals("events not readable"));
        assertTrue(robot.lookup("#reconnect").query().isVisible(), "the way out is shown");
        // the user's pipeline creates its table a moment later
        TestEngine.shared()
                .execute(Query.of("CREATE TABLE " + db + ".calls ENGINE = MergeTree ORDER BY (fn, queued)"
                        + " AS SELECT * FROM " + MappedEventsFixture.get().db + ".calls"));
        WaitForAsyncUtils.waitFor(
                30,
                TimeUnit.SECONDS,
                () -> robot.lookup("#dataset")
                        .queryAs(Label.class)
                        .getText()
                        .startsWith("900 calls in " + db + ".calls"));
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(robot.lookup("#reconnect").query().isVisible(), "connected and readable: nothing to reconnect");
    }

    private static long logLines() {
        return TestEngine.shared()
                .query(Query.of("SELECT count() FROM callscope.function_logs"), r -> r.next() ? r.getLong(1) : 0L)
                .value();
    }

    private static TableView<?> table(FxRobot robot) {
        return robot.lookup("#log-table").queryAs(TableView.class);
    }
}
