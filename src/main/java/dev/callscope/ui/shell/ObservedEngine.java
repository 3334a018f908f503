package dev.callscope.ui.shell;

import dev.callscope.engine.ConnectionHealth;
import dev.callscope.engine.Engine;
import dev.callscope.engine.EngineException;
import dev.callscope.engine.EngineInfo;
import dev.callscope.engine.Query;
import dev.callscope.engine.QueryProgress;
import dev.callscope.engine.QueryResult;
import dev.callscope.engine.QueryStats;
import dev.callscope.engine.ResultHandler;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The engine as the views see it: the same engine, with the queries in flight known, so the
 * status bar can show their progress and cancel them all. A query the user cancels there ends
 * with a message the view shows ("cancelled"), not silently as a superseded query does. It only
 * reads: statements and inserts are refused.
 */
final class ObservedEngine implements Engine {

    static final String CANCELLED_BY_USER =
            "Stopped: you cancelled this query. Change the range or search to run it again.";

    private final Engine engine;
    private final Map<String, Long> running = new ConcurrentHashMap<>();
    private final Set<String> stoppedByUser = ConcurrentHashMap.newKeySet();

    ObservedEngine(Engine engine) {
        this.engine = engine;
    }

    Engine unwrap() {
        return engine;
    }

    /** The queries running now, with when each started ({@link System#nanoTime}). */
    Map<String, Long> running() {
        return Map.copyOf(running);
    }

    /** Cancels every query running now, as the user asked. */
    void cancelAll() {
        for (String id : List.copyOf(running.keySet())) {
            stoppedByUser.add(id);
            engine.cancel(id);
        }
    }

    @Override
    public <T> QueryResult<T> query(Query query, ResultHandler<T> handler) {
        running.put(query.id(), System.nanoTime());
        try {
            return engine.query(query, handler);
        } catch (EngineException e) {
            if (e.isCancelled() && stoppedByUser.contains(query.id())) {
                throw new EngineException(0, CANCELLED_BY_USER, e); // not a cancel code: the view shows it
            }
            throw e;
        } finally {
            running.remove(query.id());
            stoppedByUser.remove(query.id());
        }
    }

    @Override
    public EngineInfo info() {
        return engine.info();
    }

    /** The window never writes: only the demo and schema commands do, after a confirmation. */
    @Override
    public QueryStats execute(Query statement) {
        throw new UnsupportedOperationException("The window only reads");
    }

    @Override
    public long insert(String table, List<String> columns, String format, InputStream data) {
        throw new UnsupportedOperationException("The window only reads");
    }

    @Override
    public void cancel(String queryId) {
        engine.cancel(queryId);
    }

    @Override
    public Optional<QueryProgress> progress(String queryId) {
        return engine.progress(queryId);
    }

    @Override
    public ConnectionHealth health() {
        return engine.health();
    }

    @Override
    public void onHealthChange(Consumer<ConnectionHealth> listener) {
        engine.onHealthChange(listener);
    }

    /** The window owns the real engine and closes it; views never close this one. */
    @Override
    public void close() {}
}
