package dev.callscope.engine.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.callscope.engine.Engine;
import dev.callscope.engine.EngineContractTest;
import dev.callscope.engine.EngineException;
import dev.callscope.engine.Query;
import dev.callscope.testing.TestEngine;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ChdbEngineTest extends EngineContractTest {

    @Override
    protected Engine engine() {
        return TestEngine.shared();
    }

    @Override
    protected String freshDatabase(String prefix) {
        return TestEngine.freshDatabase(prefix);
    }

    @Test
    void dataSurvivesARestartOnTheSameDirectory() {
        String db = TestEngine.freshDatabase("restart");
        Engine engine = engine();
        engine.execute(Query.of("CREATE TABLE " + db + ".t (n UInt64) ENGINE = MergeTree ORDER BY n"));
        engine.execute(Query.of("INSERT INTO " + db + ".t SELECT number FROM numbers(1234)"));
        ChdbEngine reopened = TestEngine.restart();
        assertEquals("1234", reopened.queryScalar(Query.of("SELECT count() FROM " + db + ".t")));
        assertTrue(
                reopened.info().serverVersion().startsWith("26."),
                reopened.info().serverVersion());
    }

    /**
     * Closing while a statement runs must wait until it has left the engine: freeing a connection
     * under a running statement crashed the process (the window closing while its first queries ran).
     * Some connections are idle meanwhile, which once fooled the wait into stopping early.
     */
    @Test
    void closeWaitsForARunningStatementBeforeFreeingItsConnection() throws Exception {
        ChdbEngine engine = TestEngine.shared();
        Query slow = Query.of("SELECT count() FROM numbers(1000000000000) WHERE sipHash64(number) = 1");
        CompletableFuture<Throwable> outcome = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            try {
                engine.query(slow, rows -> null);
                outcome.complete(null);
            } catch (Throwable t) {
                outcome.complete(t);
            }
        });
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (engine.progress(slow.id()).isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertTrue(engine.progress(slow.id()).isPresent(), "the slow statement never showed as running");

        TestEngine.restart(); // close(), then open again for the other tests

        assertTrue(outcome.isDone(), "close() returned while a statement was still inside the engine");
        EngineException ended = assertInstanceOf(EngineException.class, outcome.get());
        assertTrue(ended.isCancelled(), ended.getMessage());
    }
}
