package dev.callscope.testing;

import dev.callscope.demo.DemoOptions;
import dev.callscope.demo.DemoProgress;
import dev.callscope.demo.DemoWorkload;
import dev.callscope.engine.Engine;
import java.time.Instant;

/** The demo workload in the shared test engine's {@code callscope} database, as the app would have it. */
public final class DemoData {

    private DemoData() {}

    /** Loads a small demo workload ending now, unless one is there already. */
    public static synchronized void ensureLoaded(int calls) {
        Engine engine = TestEngine.shared();
        if (!DemoWorkload.isLoaded(engine, "callscope")) {
            DemoWorkload.generate(
                    engine,
                    DemoOptions.defaults(3).withCalls(calls).withLogsPerCall(4).withEnd(Instant.now()),
                    DemoProgress.NONE);
        }
    }
}
