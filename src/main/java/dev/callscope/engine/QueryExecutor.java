package dev.callscope.engine;

/**
 * Something that runs queries: an {@link Engine}, or a view's cancellable scope around one, so
 * data-layer code that runs several queries for one answer can be cancelled as a whole.
 */
public interface QueryExecutor {
    <T> QueryResult<T> query(Query query, ResultHandler<T> handler);
}
