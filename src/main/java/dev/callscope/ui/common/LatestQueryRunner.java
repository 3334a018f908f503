package dev.callscope.ui.common;

import dev.callscope.engine.Engine;
import dev.callscope.engine.EngineException;
import dev.callscope.engine.Query;
import dev.callscope.engine.QueryResult;
import dev.callscope.engine.ResultHandler;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * A view's query slot where the latest request wins: submitting a new query cancels the one still
 * running (its thread is interrupted and the engine is told to stop it), and only the latest
 * query's outcome reaches the FX thread. Rows are turned into a view model on the query thread by
 * the handler; the finished model crosses to the FX thread in one hand-off.
 */
public final class LatestQueryRunner {

    private final ExecutorService executor;
    private final Executor fxThread;
    private Running current;

    private record Running(Engine engine, Query query, Future<?> future) {
        void cancel() {
            future.cancel(true);
            engine.cancel(query.id());
        }
    }

    /**
     * @param executor where queries run
     * @param fxThread how results reach the UI ({@code Platform::runLater} in the app)
     */
    public LatestQueryRunner(ExecutorService executor, Executor fxThread) {
        this.executor = executor;
        this.fxThread = fxThread;
    }

    /**
     * Runs {@code query}, superseding the previous one. Exactly one of {@code onResult} and
     * {@code onError} is called on the FX thread, unless the query is superseded or cancelled.
     */
    public synchronized <T> void submit(
            Engine engine,
            Query query,
            ResultHandler<T> handler,
            Consumer<QueryResult<T>> onResult,
            Consumer<String> onError) {
        cancel();
        Future<?> future = executor.submit(() -> {
            try {
                QueryResult<T> result = engine.query(query, handler);
                deliver(query, () -> onResult.accept(result));
            } catch (EngineException e) {
                if (!e.isCancelled()) {
                    deliver(query, () -> onError.accept(e.getMessage()));
                }
            } catch (RuntimeException e) {
                deliver(query, () -> onError.accept("Unexpected error: " + e.getMessage()));
            }
        });
        current = new Running(engine, query, future);
    }

    /** Cancels the running query, if any; its outcome will not be delivered. */
    public synchronized void cancel() {
        if (current != null) {
            current.cancel();
            current = null;
        }
    }

    /** The id of the query whose outcome will be delivered, if one is running. */
    public synchronized String currentQueryId() {
        return current == null ? null : current.query().id();
    }

    private void deliver(Query query, Runnable action) {
        fxThread.execute(() -> {
            if (isCurrent(query)) {
                clear(query);
                action.run();
            }
        });
    }

    private synchronized boolean isCurrent(Query query) {
        return current != null && current.query() == query;
    }

    private synchronized void clear(Query query) {
        if (current != null && current.query() == query) {
            current = null;
        }
    }
}
