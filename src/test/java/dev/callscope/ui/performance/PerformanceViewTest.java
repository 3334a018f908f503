package dev.callscope.ui.performance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.callscope.chart.LineChart;
import dev.callscope.engine.Engine;
import dev.callscope.engine.Query;
import dev.callscope.engine.QueryResult;
import dev.callscope.engine.ResultHandler;
import dev.callscope.testing.DelegatingEngine;
import dev.callscope.testing.DemoData;
import dev.callscope.testing.TestEngine;
import dev.callscope.ui.common.Executors;
import dev.callscope.ui.common.TimeZoneChoice;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.scene.Scene;
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

/** The Performance tab on the real engine: series toggles redraw without querying; exports match the screen. */
@ExtendWith(ApplicationExtension.class)
class PerformanceViewTest {

    private static final AtomicInteger queries = new AtomicInteger();
    private PerformanceView view;

    @BeforeAll
    static void demoData() {
        DemoData.ensureLoaded(3000);
    }

    /** The real engine, counting queries. */
    private static final class Counting extends DelegatingEngine {
        Counting(Engine delegate) {
            super(delegate);
        }

        @Override
        public <T> QueryResult<T> query(Query query, ResultHandler<T> handler) {
            queries.incrementAndGet();
            return super.query(query, handler);
        }
    }

    @Start
    void start(Stage stage) {
        view = new PerformanceView(Executors.queries(), new TimeZoneChoice(), s -> {});
        stage.setScene(new Scene(view, 1200, 700));
        stage.show();
        view.setEngine(new Counting(TestEngine.shared()));
    }

    private LineChart loaded() throws Exception {
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> view.chartCanvas().chart() != null);
        return view.chartCanvas().chart();
    }

    @Test
    void togglingASeriesRedrawsWithoutAQuery(FxRobot robot) throws Exception {
        LineChart before = loaded();
        assertEquals(
                List.of("p50", "p90", "p99"),
                before.series().stream().map(LineChart.Series::name).toList());
        WaitForAsyncUtils.waitForFxEvents();
        int queriesBefore = queries.get();
        robot.clickOn("#perf-max");
        robot.clickOn("#perf-p90");
        LineChart after = view.chartCanvas().chart();
        assertEquals(
                List.of("p50", "p99", "max"),
                after.series().stream().map(LineChart.Series::name).toList());
        assertEquals(queriesBefore, queries.get(), "no query for a toggle");
        assertTrue(before.buckets() >= 100, "about 200 buckets: " + before.buckets());
    }

    @Test
    void comparingWithThePreviousPeriodAddsDashedSeries(FxRobot robot) throws Exception {
        loaded();
        robot.clickOn("#perf-compare");
        WaitForAsyncUtils.waitFor(
                30, TimeUnit.SECONDS, () -> view.chartCanvas().chart().series().size() == 6);
        LineChart c = view.chartCanvas().chart();
        assertTrue(
                c.series().stream().filter(s -> s.name().endsWith("(previous)")).allMatch(LineChart.Series::dashed));
    }

    @Test
    void exportsCsvOfThePlottedDataPngAndVectorSvg(FxRobot robot, @TempDir Path dir) throws Exception {
        LineChart c = loaded();
        Path csv = dir.resolve("p.csv");
        Path svg = dir.resolve("p.svg");
        Path png = dir.resolve("p.png");
        for (Object[] job : new Object[][] {{csv, "csv", 1}, {svg, "svg", 1}, {png, "png", 2}}) {
            CompletableFuture<String> done = new CompletableFuture<>();
            robot.interact(() -> view.export((Path) job[0], (String) job[1], (Integer) job[2], done::complete));
            done.get(30, TimeUnit.SECONDS);
        }
        List<String> lines = Files.readAllLines(csv);
        assertEquals(
                "bucket_start,calls,p50_ms,p50_few_calls,p90_ms,p90_few_calls,p99_ms,p99_few_calls", lines.getFirst());
        assertEquals(c.buckets() + 1, lines.size());
        for (int i = 0; i < c.buckets(); i++) {
            String[] f = lines.get(i + 1).split(",", -1);
            assertEquals(c.samples()[i], Long.parseLong(f[1]));
            double p50 = c.series().getFirst().values()[i];
            assertEquals(Double.isNaN(p50) ? "" : String.format(Locale.ROOT, "%.3f", p50), f[2]);
        }
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(svg.toFile());
        assertTrue(doc.getElementsByTagName("polyline").getLength() >= 3, "series are vector lines");
        assertTrue(doc.getElementsByTagName("text").getLength() > 5, "axis labels are text");
        BufferedImage image = ImageIO.read(png.toFile());
        assertEquals((int) Math.ceil((int) view.chartCanvas().getWidth() * 2.0), image.getWidth());
    }
}
