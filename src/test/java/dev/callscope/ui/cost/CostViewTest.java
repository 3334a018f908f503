package dev.callscope.ui.cost;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.callscope.cli.CallscopeCommand;
import dev.callscope.cost.CostQueryTest;
import dev.callscope.cost.PriceFiles;
import dev.callscope.cost.PriceStore;
import dev.callscope.cost.Prices;
import dev.callscope.testing.ChdbHttpEndpoint;
import dev.callscope.testing.NonClosingEngine;
import dev.callscope.testing.TestEngine;
import dev.callscope.time.TimeRange;
import dev.callscope.ui.common.Executors;
import dev.callscope.ui.common.TimeZoneChoice;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.event.ActionEvent;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The Cost tab on the hand-computed fixture of {@link CostQueryTest} (same prices): its total row
 * equals the hand numbers to the cent, its CSV equals the CLI's byte for byte, and editing prices
 * re-computes (or, when a price is not one, says so and changes nothing).
 */
@ExtendWith(ApplicationExtension.class)
class CostViewTest {

    private static final TimeRange TWO_DAYS =
            new TimeRange(CostQueryTest.DAY1, CostQueryTest.DAY1.plusSeconds(2 * 86_400));
    private static final String KEY = "fixture";

    @TempDir
    Path config;

    private PriceStore store;
    private CostView view;

    @Start
    void start(Stage stage) throws Exception {
        String db = CostQueryTest.fixture();
        store = new PriceStore(config);
        store.save(KEY, CostQueryTest.PRICES);
        view = new CostView(Executors.queries(), new TimeZoneChoice(), store, db);
        stage.setScene(new Scene(view, 1300, 800));
        stage.show();
        view.setEngine(new NonClosingEngine(TestEngine.shared()), KEY);
    }

    /** Waits for the setup, then shows the fixture's two days and waits for their costs. */
    private void showTwoDays(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(
                30, TimeUnit.SECONDS, () -> view.statusLabel().getText().contains("days with costs"));
        robot.interact(() -> view.showRange(TWO_DAYS));
        waitForTotal();
    }

    private void waitForTotal() throws Exception {
        WaitForAsyncUtils.waitFor(
                30,
                TimeUnit.SECONDS,
                () -> view.statusLabel().getText().contains("days with costs")
                        && !view.table().getItems().isEmpty());
        WaitForAsyncUtils.waitForFxEvents();
    }

    private String total(String column) {
        CostTable t = view.table();
        assertTrue(CostTable.isTotal(t.getItems().getLast()), "the last row is the total");
        return t.cell(t.getItems().size() - 1, column);
    }

    @Test
    void totalRowIsTheHandNumbersAndTheCsvIsTheClis(FxRobot robot, @TempDir Path dir) throws Exception {
        showTwoDays(robot);
        assertFalse(view.examplesLabel().isVisible(), "the saved table is not the examples");
        // by hand (CostQueryTest): A 0.24024, B 0.17408 + 0.01536; idle 0.24024 + 0.00896 + 0.01536
        assertEquals("$0.43", total("Cost"));
        assertEquals("$0.26", total("Idle cost"));
        assertEquals("5", total("Calls"), "A's three attempts, B's two");
        assertEquals("3", total("OK"));
        assertEquals("950 s", total("GPU-s"), "A 210 s, B 680 + 60 s, one GPU each");
        assertEquals("$0.14", total("Per OK"), "0.42968 / 3");
        assertEquals("$0.24", view.table().cell(0, "Cost"), "A, the most expensive, first");
        assertEquals("generate", view.table().cell(0, "Function"));
        assertTrue(
                view.statusLabel().getText().startsWith("Total $0.43 billed + $0.26 idle"),
                view.statusLabel().getText());

        Path tab = dir.resolve("tab.csv");
        CompletableFuture<String> done = new CompletableFuture<>();
        robot.interact(() -> view.export(tab, "csv", 1, done::complete));
        assertTrue(done.get(30, TimeUnit.SECONDS).startsWith("Exported"), "export finished");
        Path prices = dir.resolve("prices.json");
        PriceFiles.write(prices, CostQueryTest.PRICES);
        Path cli = dir.resolve("cli.csv");
        try (var server = ChdbHttpEndpoint.start("default", "")) {
            assertEquals(0, CallscopeCommand.run(new String[] {
                "export",
                "cost",
                "--database",
                CostQueryTest.fixture(),
                "--from",
                TWO_DAYS.from().toString(),
                "--to",
                TWO_DAYS.to().toString(),
                "--prices",
                prices.toString(),
                "--out",
                cli.toString(),
                "--url",
                server.url(),
                "--quiet"
            }));
        }
        assertArrayEquals(Files.readAllBytes(cli), Files.readAllBytes(tab), "the tab's CSV is the CLI's");

        robot.interact(() -> view.byAppToggle().fire());
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("costs", view.table().cell(0, "App"));
        assertEquals("$0.43", total("Cost"), "grouping changes rows, not the total");
    }

    @Test
    void editingAPriceRecomputesAndSavesIt(FxRobot robot) throws Exception {
        showTwoDays(robot);
        robot.interact(() -> {
            view.editor().gpuField("H100").setText("0.002");
            view.editor().apply();
        });
        // A now costs 0.002144 $/s: 210 s is 0.45024; with B's 0.18944 the total is 0.63968
        WaitForAsyncUtils.waitFor(
                30,
                TimeUnit.SECONDS,
                () -> !view.table().getItems().isEmpty() && total("Cost").equals("$0.64"));
        assertEquals(0.002, view.prices().gpuPerSecond().get("H100"));
        WaitForAsyncUtils.waitFor(
                10, TimeUnit.SECONDS, () -> store.load(KEY).prices().equals(view.prices()));
    }

    @Test
    void anInvalidPriceIsNamedAndChangesNothing(FxRobot robot) throws Exception {
        showTwoDays(robot);
        Prices before = view.prices();
        for (String bad : new String[] {"abc", "-0.001", "NaN"}) {
            robot.interact(() -> {
                view.editor().gpuField("H100").setText(bad);
                view.editor().apply();
            });
            String error = view.editor().errorLabel().getText();
            assertTrue(error.startsWith("H100:") && error.contains("unchanged"), error);
            assertEquals(before, view.prices(), "the prices in use are kept");
            assertEquals(bad, view.editor().gpuField("H100").getText(), "the typed text stays for correcting");
        }
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("$0.43", total("Cost"));
        assertEquals(CostQueryTest.PRICES, store.load(KEY).prices(), "nothing saved");
    }

    @Test
    void aCorruptPriceFileIsSetAsideAndTheTabSaysSoUntilPricesAreSaved(FxRobot robot) throws Exception {
        Path file = store.file(KEY);
        byte[] corrupt = {0x7b, (byte) 0xff, (byte) 0xfe, 0x00, 0x22}; // "{", then bytes no UTF-8 text has
        Files.write(file, corrupt);
        robot.interact(() -> view.setEngine(new NonClosingEngine(TestEngine.shared()), KEY));
        WaitForAsyncUtils.waitFor(
                30, TimeUnit.SECONDS, () -> view.statusLabel().getText().contains("days with costs"));
        WaitForAsyncUtils.waitForFxEvents();
        String note = view.examplesLabel().getText();
        assertTrue(view.examplesLabel().isVisible(), "example prices are labelled as such");
        assertTrue(
                note.contains("could not be read") && note.contains("not a text file") && note.contains(".corrupt-"),
                note);
        assertEquals(Prices.EXAMPLES, view.prices());
        Path aside;
        try (var files = Files.list(file.getParent())) {
            aside = files.filter(f -> f.getFileName().toString().startsWith(KEY + ".json.corrupt-"))
                    .findFirst()
                    .orElseThrow();
        }
        assertArrayEquals(corrupt, Files.readAllBytes(aside), "the user's file is kept as it was");

        robot.interact(() -> {
            view.editor().gpuField("H100").setText("0.002");
            view.editor().apply();
        });
        WaitForAsyncUtils.waitFor(
                10,
                TimeUnit.SECONDS,
                () -> Files.exists(file) && store.load(KEY).prices().equals(view.prices()));
        assertArrayEquals(corrupt, Files.readAllBytes(aside), "saving new prices never overwrites the old file");
        assertFalse(view.examplesLabel().isVisible(), "saved prices are no longer examples");
    }

    @Test
    void aCallIdRangeShowsItsCost(FxRobot robot) throws Exception {
        showTwoDays(robot);
        var calls = CostQueryTest.calls();
        robot.interact(() -> {
            view.fromCallField().setText(calls.get(0).substring(3).toLowerCase(Locale.ROOT)); // no prefix, any case
            view.fromCallField().fireEvent(new ActionEvent());
        });
        WaitForAsyncUtils.waitFor(
                30, TimeUnit.SECONDS, () -> view.callsCostLabel().getText().startsWith("$"));
        // call 1 alone: 120 s at $0.001144
        assertTrue(
                view.callsCostLabel().getText().startsWith("$0.14 for 1 attempts"),
                view.callsCostLabel().getText());
        robot.interact(() -> {
            view.fromCallField().setText("fc-nope");
            view.fromCallField().fireEvent(new ActionEvent());
        });
        assertTrue(
                view.callsCostLabel().getText().startsWith("Not a call id"),
                view.callsCostLabel().getText());
    }

    @Test
    void examplePricesAreLabelled(FxRobot robot) throws Exception {
        robot.interact(() -> view.setEngine(new NonClosingEngine(TestEngine.shared()), "never-saved"));
        WaitForAsyncUtils.waitFor(
                30, TimeUnit.SECONDS, () -> view.statusLabel().getText().contains("days with costs"));
        assertTrue(view.prices().examples());
        assertTrue(view.examplesLabel().isVisible());
    }
}
