package dev.callscope.ui.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.callscope.engine.Query;
import dev.callscope.testing.TestEngine;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A view slot running one query at a time: a new request supersedes the running one, the engine stops it and only the latest outcome arrives. */
class LatestTaskRunnerOneQueryTest {

    @Test
    void supersededQueryIsCancelledInTheEngineAndNeverDelivered() throws Exception {
        var engine = TestEngine.shared();
        LinkedBlockingQueue<Runnable> fxQueue = new LinkedBlockingQueue<>();
        LatestTaskRunner runner = new LatestTaskRunner(Executors.queries(), fxQueue::add);
        List<String> delivered = new CopyOnWriteArrayList<>();

        Query slow = Query.of("SELECT count() FROM numbers(100000000000) WHERE sipHash64(number) % 7 = 1");
        runner.submit(
                engine,
                scope -> scope.query(slow, rows -> rows.next() ? rows.getString(1) : ""),
                r -> delivered.add("slow"),
                delivered::add);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!running(slow.id()) && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertTrue(running(slow.id()), "the slow query should be running in the engine");

        Query fast = Query.of("SELECT {v:String}").bind("v", "latest");
        runner.submit(
                engine,
                scope -> scope.query(fast, rows -> rows.next() ? rows.getString(1) : ""),
                r -> delivered.add(r.value()),
                delivered::add);

        Runnable onFx = fxQueue.poll(20, TimeUnit.SECONDS);
        onFx.run();
        assertEquals(List.of("latest"), delivered);
        deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (running(slow.id()) && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertTrue(!running(slow.id()), "the superseded query must stop in the engine");
        Runnable late = fxQueue.poll(2, TimeUnit.SECONDS);
        if (late != null) {
            late.run();
        }
        assertEquals(List.of("latest"), delivered, "the superseded query's outcome is never delivered");
    }

    private static boolean running(String id) {
        return !"0"
                .equals(TestEngine.shared()
                        .queryScalar(Query.of(
                                        "SELECT count() FROM system.processes WHERE position(query, {id:String}) > 0 AND query_id != queryID()")
                                .bind("id", id)));
    }
}
