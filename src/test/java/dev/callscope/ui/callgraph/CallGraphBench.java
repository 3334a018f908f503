package dev.callscope.ui.callgraph;

import dev.callscope.callgraph.CallTree;
import dev.callscope.callgraph.CallTreeQuery;
import dev.callscope.callgraph.Waterfall;
import dev.callscope.callgraph.WaterfallPainter;
import dev.callscope.calls.FunctionDirectory;
import dev.callscope.chart.Palette;
import dev.callscope.cost.Prices;
import dev.callscope.demo.BenchTree;
import dev.callscope.engine.Engine;
import dev.callscope.testing.DemoData;
import dev.callscope.testing.TestEngine;
import dev.callscope.time.DataNow;
import dev.callscope.ui.common.CanvasSurface;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Locale;
import java.util.Set;
import javafx.scene.Scene;
import javafx.scene.canvas.Canvas;
import javafx.scene.layout.Pane;
import javafx.stage.Stage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * Call graph numbers on a tree of 100,000 calls: reading it, laying it out (off the FX thread in the tab), and the
 * time to draw a frame on the FX thread while panning and zooming it, fan-out grouped, then expanded and scrolled
 * through. Run with {@code ./mvnw test -Dsurefire.excludedGroups= -Dgroups=bench -Dtest=CallGraphBench}; add
 * {@code -Dcallscope.bench.dataDir=DIR -Dcallscope.bench.database=DB} for a dataset built by {@code callscope bench}
 * (the full-scale one has its 100k tree); otherwise the test workload gets one.
 */
@Tag("bench")
@ExtendWith(ApplicationExtension.class)
class CallGraphBench {

    private static final String DB = System.getProperty("callscope.bench.database", "callscope");
    private static final int WARMUPS = Integer.getInteger("callscope.bench.warmups", 5);
    private static final int RUNS = 20;
    private Canvas canvas;

    @BeforeAll
    static void tree() {
        if (DB.equals("callscope")) {
            DemoData.ensureLoaded(3000);
            BenchTree.ensure(TestEngine.shared(), DB);
        }
    }

    @Start
    void start(Stage stage) {
        canvas = new Canvas(1600, 900);
        stage.setScene(new Scene(new Pane(canvas), 1600, 900));
        stage.show();
    }

    @Test
    void loadLayoutAndFrameTimes(FxRobot robot) {
        Engine engine = TestEngine.shared();
        String root = BenchTree.largest(engine, DB, 1);
        Instant now = DataNow.of(new FunctionDirectory(DB).newestEvent(engine), Instant.now());
        long[] loads = new long[RUNS];
        CallTree tree = null;
        for (int i = -WARMUPS; i < RUNS; i++) {
            long t0 = System.nanoTime();
            tree = new CallTreeQuery(DB)
                    .load(engine, root, now, Prices.EXAMPLES)
                    .tree();
            if (i >= 0) {
                loads[i] = System.nanoTime() - t0;
            }
        }
        long t1 = System.nanoTime();
        Waterfall grouped = Waterfall.of(tree, Set.of(), true);
        double groupedMs = (System.nanoTime() - t1) / 1e6;
        Waterfall.Row fanOut = grouped.rows().stream()
                .filter(Waterfall.Row::isGroup)
                .max(Comparator.comparingInt(r -> r.members().length))
                .orElseThrow();
        long t2 = System.nanoTime();
        Waterfall open = Waterfall.of(tree, Set.of(grouped.groupKey(fanOut)), true);
        double openMs = (System.nanoTime() - t2) / 1e6;
        long[] groupedFrames = frames(robot, grouped, false);
        long[] openFrames = frames(robot, open, true);
        System.out.printf(
                Locale.ROOT,
                "Call tree of %,d calls: loaded p50 %.0f ms, p90 %.0f ms; laid out %.0f ms grouped (%,d rows), "
                        + "%.0f ms with the %,d-call fan-out open (%,d rows)%n",
                tree.nodes().size(),
                pct(loads, 0.5),
                pct(loads, 0.9),
                groupedMs,
                grouped.rows().size(),
                openMs,
                fanOut.members().length,
                open.rows().size());
        System.out.printf(
                Locale.ROOT,
                "Frames, grouped, pan and zoom: p50 %.2f ms, p99 %.2f ms, max %.2f ms over %d%n",
                pct(groupedFrames, 0.5),
                pct(groupedFrames, 0.99),
                pct(groupedFrames, 1.0),
                groupedFrames.length);
        System.out.printf(
                Locale.ROOT,
                "Frames, fan-out open, pan, zoom and scroll: p50 %.2f ms, p99 %.2f ms, max %.2f ms over %d%n",
                pct(openFrames, 0.5),
                pct(openFrames, 0.99),
                pct(openFrames, 1.0),
                openFrames.length);
    }

    /** 200 pans, 200 zooms and (when {@code scroll}) 200 steps down the rows, each frame drawn on the FX thread. */
    private long[] frames(FxRobot robot, Waterfall w, boolean scroll) {
        long[] out = new long[scroll ? 600 : 400];
        robot.interact(() -> {
            var g = canvas.getGraphicsContext2D();
            WaterfallPainter.View start = WaterfallPainter.View.fit(w, canvas.getWidth(), canvas.getHeight())
                    .zoom(0.2, 0.5);
            Palette p = Palette.darkTheme();
            for (int i = 0; i < out.length; i++) {
                WaterfallPainter.View v = i < 200
                        ? start.pan(i * 0.005)
                        : i < 400
                                ? start.zoom(Math.pow(1.01, i - 200), 0.5)
                                : start.scrollTo((i - 400) * (w.rows().size() / 200));
                long t0 = System.nanoTime();
                g.clearRect(0, 0, canvas.getWidth(), canvas.getHeight());
                WaterfallPainter.paint(new CanvasSurface(g), w, v, p, -1, ZoneOffset.UTC);
                out[i] = System.nanoTime() - t0;
            }
        });
        return out;
    }

    private static double pct(long[] nanos, double q) {
        long[] s = nanos.clone();
        Arrays.sort(s);
        int i = (int) Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1));
        return s[i] / 1e6;
    }
}
