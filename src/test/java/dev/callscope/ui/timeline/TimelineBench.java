package dev.callscope.ui.timeline;

import dev.callscope.calls.FunctionDirectory;
import dev.callscope.demo.DemoOptions;
import dev.callscope.demo.DemoProgress;
import dev.callscope.demo.DemoWorkload;
import dev.callscope.engine.Engine;
import dev.callscope.testing.TestEngine;
import dev.callscope.timeline.CallRebuild;
import dev.callscope.timeline.GanttModel;
import dev.callscope.timeline.GanttViewport;
import dev.callscope.ui.common.Executors;
import dev.callscope.ui.common.TimeZoneChoice;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Timeline numbers: rebuilding the busiest function's busiest hour, one call by id, and the time
 * to draw a frame while panning and zooming a Gantt of at least 100,000 calls. Run with
 * {@code ./mvnw test -Dsurefire.excludedGroups= -Dgroups=bench -Dtest=TimelineBench}; add
 * {@code -Dcallscope.bench.dataDir=DIR -Dcallscope.bench.database=DB} to measure a dataset built by
 * {@code callscope bench} (for example the full-scale one) instead of generating 1M calls.
 */
@Tag("bench")
@ExtendWith(ApplicationExtension.class)
class TimelineBench {

    private static final int RUNS = 10;
    private static final String DB = System.getProperty("callscope.bench.database", "callscope");
    private TimelineView view;

    @BeforeAll
    static void dataset() {
        Engine engine = TestEngine.shared();
        if (!DemoWorkload.isLoaded(engine, DB)) {
            DemoWorkload.generate(
                    engine,
                    DemoOptions.defaults(1)
                            .withCalls(Integer.getInteger("callscope.bench.calls", 1_000_000))
                            .withEnd(Instant.now()),
                    DemoProgress.NONE);
        }
    }

    @Start
    void start(Stage stage) {
        view = new TimelineView(Executors.queries(), new TimeZoneChoice(), s -> {}, id -> {});
        stage.setScene(new Scene(view, 1600, 900));
        stage.show();
    }

    @Test
    void rebuildAndFrameTimes(FxRobot robot) throws Exception {
        Engine engine = TestEngine.shared();
        FunctionDirectory directory = new FunctionDirectory(DB);
        Instant newest = directory.newestEvent(engine);
        FunctionDirectory.FunctionInfo busiest = directory
                .functions(engine, newest.minus(Duration.ofHours(24)), newest)
                .getFirst();
        Instant hour = directory.busiestHour(engine, busiest.functionId());
        CallRebuild rebuild = new CallRebuild(DB);
        long[] hourNanos = new long[RUNS];
        CallRebuild.Result r = null;
        for (int i = -2; i < RUNS; i++) {
            long t0 = System.nanoTime();
            r = rebuild.forFunction(engine, busiest.functionId(), hour, hour.plus(Duration.ofHours(1)), 200_000);
            if (i >= 0) {
                hourNanos[i] = System.nanoTime() - t0;
            }
        }
        String callId = r.calls().get(r.calls().size() / 2).callId();
        long[] oneNanos = new long[RUNS];
        for (int i = -2; i < RUNS; i++) {
            long t0 = System.nanoTime();
            rebuild.forCall(engine, callId);
            if (i >= 0) {
                oneNanos[i] = System.nanoTime() - t0;
            }
        }
        System.out.printf(
                Locale.ROOT,
                "Rebuild %s busiest hour: %,d calls, %,d rows read, p50 %.1f ms, p90 %.1f ms%n",
                busiest.name(),
                r.calls().size(),
                r.stats().rowsRead(),
                pct(hourNanos, 0.5),
                pct(hourNanos, 0.9));
        System.out.printf(
                Locale.ROOT,
                "Rebuild one call by id: p50 %.1f ms, p90 %.1f ms%n",
                pct(oneNanos, 0.5),
                pct(oneNanos, 0.9));

        // at least 100k calls for the frame test: the busiest function over the whole day
        CallRebuild.Result day =
                rebuild.forFunction(engine, busiest.functionId(), newest.minus(Duration.ofHours(24)), newest, 200_000);
        long tModel = System.nanoTime();
        GanttModel model = GanttModel.of(day.calls(), newest, GanttModel.Grouping.BY_CALL);
        double modelMs = (System.nanoTime() - tModel) / 1e6;
        robot.interact(() -> view.canvas().setModel(model));
        WaitForAsyncUtils.waitForFxEvents();
        long[] frames = new long[600];
        robot.interact(() -> {
            GanttCanvas c = view.canvas();
            GanttViewport start =
                    c.view().zoom(0.05, (model.minTime() + model.maxTime()) / 2).withFirstRow(model.rows() / 2.0);
            c.setView(start);
            for (int i = 0; i < frames.length; i++) {
                GanttViewport v = i < 300
                        ? start.pan(i * 0.01)
                        : start.zoom(Math.pow(1.01, i - 300), (start.t0() + start.t1()) / 2);
                c.setView(v.withFirstRow(start.firstRow() + i));
                long t0 = System.nanoTime();
                c.paintForBenchmark();
                frames[i] = System.nanoTime() - t0;
            }
        });
        System.out.printf(
                Locale.ROOT,
                "Gantt of %,d calls (%,d rows, %,d segments; model built in %.0f ms): frame p50 %.2f ms, p99 %.2f ms, max %.2f ms over %d pan/zoom frames%n",
                model.calls().size(),
                model.rows(),
                model.segments(),
                modelMs,
                pct(frames, 0.5),
                pct(frames, 0.99),
                pct(frames, 1.0),
                frames.length);
    }

    private static double pct(long[] nanos, double q) {
        long[] s = nanos.clone();
        Arrays.sort(s);
        int i = (int) Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1));
        return s[i] / 1e6;
    }
}
