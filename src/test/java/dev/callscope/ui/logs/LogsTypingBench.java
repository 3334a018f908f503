package dev.callscope.ui.logs;

import dev.callscope.demo.DemoOptions;
import dev.callscope.demo.DemoProgress;
import dev.callscope.demo.DemoWorkload;
import dev.callscope.engine.Engine;
import dev.callscope.testing.NonClosingEngine;
import dev.callscope.testing.TestEngine;
import dev.callscope.ui.common.Executors;
import dev.callscope.ui.common.TimeZoneChoice;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * How long the FX thread is blocked while a user types searches over the demo dataset: a probe
 * posts a task to the FX thread every 2 ms and records how late each one runs. Run with
 * {@code ./mvnw test -Dgroups=bench -Dtest=LogsTypingBench [-Dcallscope.bench.calls=1000000]}.
 */
@Tag("bench")
@ExtendWith(ApplicationExtension.class)
class LogsTypingBench {

    private LogsView view;

    @org.junit.jupiter.api.BeforeAll
    static void dataset() {
        if (Boolean.getBoolean("callscope.bench.pulses")) {
            System.setProperty("javafx.pulseLogger", "true");
            System.setProperty("javafx.pulseLogger.threshold", "40");
        }
        Engine engine = TestEngine.shared();
        int calls = Integer.getInteger("callscope.bench.calls", 1_000_000);
        if (!DemoWorkload.isLoaded(engine, "callscope")) {
            DemoWorkload.generate(
                    engine, DemoOptions.defaults(1).withCalls(calls).withEnd(Instant.now()), DemoProgress.NONE);
        }
    }

    @Start
    void start(Stage stage) {
        Engine engine = TestEngine.shared();
        view = new LogsView(Executors.queries(), new TimeZoneChoice(), s -> {});
        stage.setScene(new Scene(view, 1400, 850));
        stage.show();
        view.setEngine(new NonClosingEngine(engine));
    }

    private static long gcMillis() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(GarbageCollectorMXBean::getCollectionTime)
                .sum();
    }

    @Test
    void fxThreadStaysResponsiveWhileTyping(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(
                120,
                TimeUnit.SECONDS,
                () -> robot.lookup("#match-summary")
                        .queryAs(Label.class)
                        .getText()
                        .contains("matches"));
        List<Long> lateness = Collections.synchronizedList(new ArrayList<>());
        Thread[] fx = new Thread[1];
        robot.interact(() -> fx[0] = Thread.currentThread());
        List<String> stalls = Collections.synchronizedList(new ArrayList<>());
        Thread probe = Thread.ofPlatform().daemon().start(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                long posted = System.nanoTime();
                AtomicBoolean ran = new AtomicBoolean();
                Platform.runLater(() -> {
                    ran.set(true);
                    lateness.add(System.nanoTime() - posted);
                });
                if (Boolean.getBoolean("callscope.bench.stalls")) {
                    try {
                        Thread.sleep(40);
                    } catch (InterruptedException e) {
                        return;
                    }
                    if (!ran.get()) {
                        StringBuilder trace = new StringBuilder("FX thread busy > 40 ms:\n");
                        for (StackTraceElement el : fx[0].getStackTrace()) {
                            trace.append("    ").append(el).append('\n');
                        }
                        stalls.add(trace.toString());
                    }
                }
                try {
                    Thread.sleep(2);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        String before = robot.lookup("#match-summary").queryAs(Label.class).getText();
        List<Long> pulses = Collections.synchronizedList(new ArrayList<>());
        long[] pulseStart = new long[1];
        Scene scene = view.getScene();
        robot.interact(() -> {
            scene.addPreLayoutPulseListener(() -> pulseStart[0] = System.nanoTime());
            scene.addPostLayoutPulseListener(() -> pulses.add(System.nanoTime() - pulseStart[0]));
        });
        long gcBefore = gcMillis();
        String typed = "error timeout -retrying level:error OR cuda";
        long start = System.nanoTime();
        for (char c : typed.toCharArray()) {
            robot.interact(() -> {
                TextField box = robot.lookup("#log-search").queryAs(TextField.class);
                box.appendText(String.valueOf(c));
            });
            Thread.sleep(90); // a quick typist
        }
        WaitForAsyncUtils.waitFor(
                60,
                TimeUnit.SECONDS,
                () -> robot.lookup("#table-footer")
                                .queryAs(Label.class)
                                .getText()
                                .startsWith("Showing")
                        && !robot.lookup("#match-summary")
                                .queryAs(Label.class)
                                .getText()
                                .equals(before));
        long typingMs = (System.nanoTime() - start) / 1_000_000;
        probe.interrupt();
        long gc = gcMillis() - gcBefore;
        stalls.stream().limit(5).forEach(System.out::println);
        long slowestPulse = pulses.stream().mapToLong(Long::longValue).max().orElse(0);
        System.out.println("slowest pulses (ms): "
                + pulses.stream()
                        .sorted(Collections.reverseOrder())
                        .limit(6)
                        .map(n -> String.format(Locale.ROOT, "%.1f", n / 1e6))
                        .toList());
        List<Long> sorted = new ArrayList<>(lateness);
        Collections.sort(sorted);
        System.out.printf(
                Locale.ROOT,
                "FX thread lateness while typing %d chars over %d ms (%d probes): p50 %.1f ms, p99 %.1f ms, "
                        + "max %.1f ms; slowest CSS+layout pulse %.1f ms of %d; GC %d ms; %s%n",
                typed.length(),
                typingMs,
                sorted.size(),
                sorted.get(sorted.size() / 2) / 1e6,
                sorted.get((int) (sorted.size() * 0.99)) / 1e6,
                sorted.getLast() / 1e6,
                slowestPulse / 1e6,
                pulses.size(),
                gc,
                robot.lookup("#match-summary").queryAs(Label.class).getText());
    }
}
