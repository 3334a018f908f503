package dev.callscope.testing;

import dev.callscope.engine.Engine;
import dev.callscope.engine.EngineInfo;
import dev.callscope.engine.Query;
import dev.callscope.engine.QueryResult;
import dev.callscope.engine.QueryStats;
import dev.callscope.engine.ResultHandler;
import java.io.InputStream;
import java.util.List;

/**
 * The real engine behind a seam a test can watch through (which queries ran, which were
 * cancelled); closing it leaves the shared test engine open.
 */
public class DelegatingEngine implements Engine {

    private final Engine delegate;

    public DelegatingEngine(Engine delegate) {
        this.delegate = delegate;
    }

    @Override
    public EngineInfo info() {
        return delegate.info();
    }

    @Override
    public <T> QueryResult<T> query(Query query, ResultHandler<T> handler) {
        return delegate.query(query, handler);
    }

    @Override
    public QueryStats execute(Query statement) {
        return delegate.execute(statement);
    }

    @Override
    public long insert(String table, List<String> columns, String format, InputStream data) {
        return delegate.insert(table, columns, format, data);
    }

    @Override
    public void cancel(String queryId) {
        delegate.cancel(queryId);
    }

    @Override
    public void close() {
        // the shared test engine stays open
    }
}
