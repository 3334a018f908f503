package dev.callscope.ui.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.callscope.engine.Query;
import dev.callscope.engine.QueryExecutor;
import dev.callscope.testing.NonClosingEngine;
import dev.callscope.testing.TestEngine;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The latest submission wins, on the real engine: a superseded task's query is stopped on the engine and its outcome
 * never delivered; exactly one of result and error reaches the "FX thread" (here one thread of its own).
 */
class LatestTaskRunnerTest {

    /** A read of about four seconds that the engine checks at every row, so a cancel stops it at once. */
    private static final String SLOW = "SELECT sum(sleepEachRow(0.1)) FROM numbers(40) SETTINGS max_block_size = 1";

    private final ExecutorService work = Executors.newFixedThreadPool(2);
    private final ExecutorService fx = Executors.newSingleThreadExecutor();
    private final List<String> delivered = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        work.shutdownNow();
        fx.shutdownNow();
    }

    private static String scalar(QueryExecutor s, Query q) {
        return s.query(q, r -> r.next() ? r.getString(1) : null).value();
    }

    /** Polls the engine until the slow query is (or is no longer) running; fails after 3 s (it would run 4 s). */
    private static void awaitSlow(boolean running) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
        while (System.nanoTime() < deadline) {
            boolean now = !"0"
                    .equals(
                            scalar(
                                    TestEngine.shared(),
                                    Query.of(
                                            "SELECT count() FROM system.processes"
                                                    + " WHERE query LIKE '%sleepEachRow(0.1)%' AND query NOT LIKE '%system.processes%'")));
            if (now == running) {
                return;
            }
            Thread.onSpinWait();
        }
        throw new AssertionError(running ? "the slow query never started" : "the slow query still runs on the engine");
    }

    private void settle() throws Exception {
        fx.submit(() -> {}).get(10, TimeUnit.SECONDS);
    }

    @Test
    void theLatestWinsAndTheSupersededQueryStopsOnTheEngine() throws Exception {
        var engine = new NonClosingEngine(TestEngine.shared());
        LatestTaskRunner runner = new LatestTaskRunner(work, fx);
        long t0 = System.nanoTime();
        runner.submit(
                engine,
                s -> scalar(s, Query.of(SLOW)),
                v -> delivered.add("slow " + v),
                e -> delivered.add("slow error " + e));
        awaitSlow(true);
        runner.submit(
                engine,
                s -> scalar(s, Query.of("SELECT 42")),
                v -> delivered.add("fast " + v),
                e -> delivered.add("error " + e));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (delivered.isEmpty() && System.nanoTime() < deadline) {
            settle();
        }
        assertEquals(List.of("fast 42"), delivered);
        assertFalse(runner.isBusy());
        // the superseded query is stopped on the engine, not left to run out its 4 s
        awaitSlow(false);
        assertTrue(
                System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(3), "the slow query ran on after it was superseded");
        runner.submit(
                engine,
                s -> scalar(s, Query.of("SELECT 7")),
                v -> delivered.add("third " + v),
                e -> delivered.add("error " + e));
        while (delivered.size() < 2 && System.nanoTime() < deadline) {
            settle();
        }
        assertEquals(List.of("fast 42", "third 7"), delivered);
    }

    @Test
    void anErrorIsDeliveredOnceAndACancelledTaskNotAtAll() throws Exception {
        var engine = new NonClosingEngine(TestEngine.shared());
        LatestTaskRunner runner = new LatestTaskRunner(work, fx);
        runner.submit(
                engine,
                s -> scalar(s, Query.of("SELECT no_such_column")),
                v -> delivered.add("value " + v),
                e -> delivered.add("error " + e));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (delivered.isEmpty() && System.nanoTime() < deadline) {
            settle();
        }
        assertEquals(1, delivered.size());
        assertTrue(
                delivered.getFirst().startsWith("error ")
                        && delivered.getFirst().contains("no_such_column"),
                delivered.getFirst());

        runner.submit(
                engine,
                s -> {
                    s.publish(() -> delivered.add("partial"));
                    return scalar(s, Query.of(SLOW));
                },
                v -> delivered.add("late " + v),
                e -> delivered.add("late error " + e));
        awaitSlow(true);
        assertTrue(runner.isBusy());
        runner.cancel();
        assertFalse(runner.isBusy());
        awaitSlow(false); // stopped on the engine: whatever the task would deliver is on the FX thread's queue by now
        settle();
        assertEquals(
                1,
                delivered.size() - (delivered.contains("partial") ? 1 : 0),
                "nothing after the cancel: " + delivered);
        assertFalse(delivered.stream().anyMatch(d -> d.startsWith("late")), delivered.toString());
    }
}
