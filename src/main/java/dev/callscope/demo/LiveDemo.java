package dev.callscope.demo;

import dev.callscope.engine.Engine;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;

/**
 * A {@link LiveFeed} running beside the window (`callscope --live-demo`): the embedded demo keeps
 * receiving calls, events and log lines as they happen, so live tail and the charts have something
 * to follow. It runs on a daemon thread until {@link #stop()} or until the engine refuses its
 * inserts (closed).
 */
public final class LiveDemo {

    private static final Logger LOG = Logger.getLogger(LiveDemo.class.getName());

    private final AtomicBoolean stop = new AtomicBoolean();
    private final Thread thread;

    private LiveDemo(LiveFeed feed) {
        thread = Thread.ofPlatform().name("live-demo").daemon().unstarted(() -> {
            try {
                feed.run(Duration.ofDays(3650), stop, (rows, rate, age) -> {});
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                LOG.info("The live demo stopped: " + e.getMessage());
            } finally {
                stop.set(true);
            }
        });
    }

    /** Starts feeding {@code database} (a loaded demo workload) about {@code callsPerSecond} calls a second. */
    public static LiveDemo start(Engine engine, String database, double callsPerSecond) {
        LiveDemo demo = new LiveDemo(
                new LiveFeed(engine, database, callsPerSecond, DemoOptions.DEFAULT_LOGS_PER_CALL, System.nanoTime()));
        demo.thread.start();
        return demo;
    }

    /** Stops the feed and waits for its last insert. */
    public void stop() throws InterruptedException {
        stop.set(true);
        thread.join();
    }

    public boolean running() {
        return thread.isAlive();
    }
}
