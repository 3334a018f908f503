package dev.callscope.engine.remote;

import com.clickhouse.client.api.query.QueryResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.logging.Logger;

/**
 * The reads a remote engine has in flight, by query id: sent and waiting for their answer to
 * begin, or reading it; and each read's deadline. At the deadline an answer still coming in is
 * closed, so a thread blocked reading a trickle stops at once, and the read ends as a time-out.
 */
final class InFlightReads {

    private static final Logger LOG = Logger.getLogger(InFlightReads.class.getName());

    /** Deadlines of all remote engines: one daemon thread that only closes answers. */
    private static final ScheduledExecutorService DEADLINES = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("callscope-deadlines").daemon().factory());

    private final Map<String, QueryResponse> open = new ConcurrentHashMap<>();
    /** Requests sent whose answer has not begun: a cancel releases their caller at once. */
    private final Map<String, CompletableFuture<QueryResponse>> waiting = new ConcurrentHashMap<>();
    /** Reads whose deadline passed: their answer was closed, and they end with a time-out, not a network error. */
    private final Set<String> expired = ConcurrentHashMap.newKeySet();

    /** Sent: the caller waits on {@code answer}. */
    void waiting(String id, CompletableFuture<QueryResponse> answer) {
        waiting.put(id, answer);
    }

    /** The answer began. */
    void reading(String id, QueryResponse response) {
        waiting.remove(id);
        open.put(id, response);
    }

    boolean expired(String id) {
        return expired.contains(id);
    }

    /** At {@code deadline} from now, expires the read ({@code killOnServer} is told when its answer was closed); null for none. */
    Future<?> deadline(String id, Duration deadline, Consumer<String> killOnServer) {
        return deadline == null
                ? null
                : DEADLINES.schedule(() -> expire(id, killOnServer), deadline.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * The deadline passed: close an answer still coming in, so a blocked read ends now. An answer
     * not begun is left a second more to the socket's time-out, which names a silent server better
     * ("did not answer in time"); after that the caller is let go all the same (headers trickled).
     */
    private void expire(String id, Consumer<String> killOnServer) {
        CompletableFuture<QueryResponse> w = waiting.get(id);
        if (w != null && open.get(id) == null) {
            DEADLINES.schedule(
                    () -> {
                        CompletableFuture<QueryResponse> still = waiting.get(id);
                        if (still != null && open.get(id) == null) {
                            expired.add(id);
                            still.completeExceptionally(new TimeoutException("deadline"));
                        }
                    },
                    1,
                    TimeUnit.SECONDS);
            return;
        }
        expired.add(id);
        closeAnswer(id);
        killOnServer.accept(id); // and the server should stop too
    }

    /** Cancelled: a caller still waiting for the answer to begin is let go, and an answer coming in is closed. */
    void cancel(String id) {
        CompletableFuture<QueryResponse> pending = waiting.remove(id);
        if (pending != null) {
            pending.cancel(true);
        }
        closeAnswer(id);
    }

    /** Closes the answer of {@code id} still coming in, so a thread blocked reading it stops at once. */
    private void closeAnswer(String id) {
        QueryResponse response = open.get(id);
        if (response != null) {
            try {
                response.close();
            } catch (Exception e) {
                LOG.fine(() -> "closing an answer failed: " + e.getMessage());
            }
        }
    }

    /** The read is over, however it ended. */
    void done(String id, Future<?> timer) {
        if (timer != null) {
            timer.cancel(false);
        }
        waiting.remove(id);
        open.remove(id);
        expired.remove(id);
    }
}
