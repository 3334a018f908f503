package dev.callscope.ui.common;

import dev.callscope.engine.Engine;
import dev.callscope.engine.EngineException;
import dev.callscope.engine.Query;
import dev.callscope.engine.QueryExecutor;
import dev.callscope.engine.QueryResult;
import dev.callscope.engine.ResultHandler;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A view's slot for one piece of background work that may run several queries (a search that
 * walks time windows, say), where the latest submission wins: submitting again cancels the
 * running task, interrupting its thread and stopping its current query on the engine. Results
 * and partial results reach the FX thread only while the task is still the latest.
 */
public final class LatestTaskRunner {

    /** What a task runs its queries through; also how it hands partial results to the FX thread. */
    public interface Scope extends QueryExecutor {
        /** Runs {@code fxAction} on the FX thread if this task is still the latest by then. */
        void publish(Runnable fxAction);
    }

    private final ExecutorService executor;
    private final Executor fxThread;
    private Task current;

    public LatestTaskRunner(ExecutorService executor, Executor fxThread) {
        this.executor = executor;
        this.fxThread = fxThread;
    }

    private final class Task implements Scope {
        private final Engine engine;
        private volatile boolean cancelled;
        private volatile String runningQueryId;
        private Future<?> future;

        Task(Engine engine) {
            this.engine = engine;
        }

        @Override
        public <T> QueryResult<T> query(Query query, ResultHandler<T> handler) {
            if (cancelled) {
                throw new EngineException(EngineException.QUERY_WAS_CANCELLED, "Query was cancelled");
            }
            runningQueryId = query.id();
            try {
                if (cancelled) { // cancel() may have read the previous id just before this one was set
                    throw new EngineException(EngineException.QUERY_WAS_CANCELLED, "Query was cancelled");
                }
                return engine.query(query, handler);
            } finally {
                runningQueryId = null;
            }
        }

        @Override
        public void publish(Runnable fxAction) {
            fxThread.execute(() -> {
                if (isCurrent(this)) {
                    fxAction.run();
                }
            });
        }

        void cancel() {
            cancelled = true;
            if (future != null) {
                future.cancel(true);
            }
            String id = runningQueryId;
            if (id != null) {
                engine.cancel(id);
            }
        }
    }

    /**
     * Runs {@code work}, superseding the previous task. Exactly one of {@code onResult} and
     * {@code onError} is called on the FX thread, unless the task is superseded or cancelled.
     */
    public synchronized <T> void submit(
            Engine engine, Function<Scope, T> work, Consumer<T> onResult, Consumer<String> onError) {
        cancel();
        Task task = new Task(engine);
        current = task;
        task.future = executor.submit(() -> {
            try {
                T value = work.apply(task);
                finish(task, () -> onResult.accept(value));
            } catch (EngineException e) {
                if (!e.isCancelled() && !task.cancelled) {
                    finish(task, () -> onError.accept(e.getMessage()));
                }
            } catch (RuntimeException e) {
                if (!task.cancelled) {
                    finish(task, () -> onError.accept("Unexpected error: " + e.getMessage()));
                }
            }
        });
    }

    /** Whether a task is running (submitted and not yet delivered). */
    public synchronized boolean isBusy() {
        return current != null;
    }

    /** Cancels the running task, if any; its outcome will not be delivered. */
    public synchronized void cancel() {
        if (current != null) {
            current.cancel();
            current = null;
        }
    }

    private void finish(Task task, Runnable action) {
        fxThread.execute(() -> {
            if (clearIfCurrent(task)) {
                action.run();
            }
        });
    }

    private synchronized boolean isCurrent(Task task) {
        return current == task;
    }

    private synchronized boolean clearIfCurrent(Task task) {
        if (current == task) {
            current = null;
            return true;
        }
        return false;
    }
}
