package dev.callscope.engine;

import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The one way every view, command and test talks to ClickHouse, embedded or remote.
 *
 * <p>SQL text comes from the application; user values travel only as {@link Query#bind bound
 * parameters} ({@code {name:Type}} placeholders resolved by the engine). Implementations are
 * safe for concurrent callers, and every query can be cancelled by its {@link Query#id()}.
 */
public interface Engine extends QueryExecutor, AutoCloseable {

    /** What this engine is and which ClickHouse version serves it. */
    EngineInfo info();

    /**
     * Runs a query and hands its rows to {@code handler} as they are decoded; the cursor is only
     * valid inside the handler.
     *
     * @throws EngineException with ClickHouse's code and message when the query fails or is cancelled
     */
    @Override
    <T> QueryResult<T> query(Query query, ResultHandler<T> handler);

    /** Runs a statement whose result is not needed (DDL, INSERT ... SELECT) and returns its statistics. */
    QueryStats execute(Query statement);

    /**
     * Streams pre-encoded rows into a table.
     *
     * @param table   a plain identifier, optionally {@code database.table}
     * @param columns the columns {@code data} holds, in order
     * @param format  a ClickHouse input format name such as {@code RowBinary}
     * @return the number of rows written, when the engine reports it (else -1)
     */
    long insert(String table, List<String> columns, String format, InputStream data);

    /**
     * As {@link #insert(String, List, String, InputStream)}, with server settings for this insert
     * (a pipeline's {@code async_insert}). Only a server takes them: the embedded engine refuses any.
     */
    default long insert(
            String table, List<String> columns, String format, InputStream data, Map<String, String> settings) {
        if (!settings.isEmpty()) {
            throw new UnsupportedOperationException("This engine takes no settings on an insert: " + settings.keySet());
        }
        return insert(table, columns, format, data);
    }

    /** Asks the engine to stop the query with this id; returns at once, and is harmless if it already ended. */
    void cancel(String queryId);

    /**
     * How far the running query with this id has got, asked of the server on a separate request;
     * empty when it is not running (or the engine cannot tell). Blocking: call it off the FX thread.
     */
    default Optional<QueryProgress> progress(String queryId) {
        return Optional.empty();
    }

    /** Whether the server is reachable, as the latest queries found. */
    default ConnectionHealth health() {
        return ConnectionHealth.CONNECTED;
    }

    /**
     * Calls {@code listener} on the thread that notices each change of {@link #health()}.
     * Engines whose health never changes ignore it.
     */
    default void onHealthChange(Consumer<ConnectionHealth> listener) {}

    /** Closes connections; further calls fail. */
    @Override
    void close();

    /** Convenience: the first column of the first row as text, or null when there is no row. */
    default String queryScalar(Query query) {
        return query(query, rows -> rows.next() ? rows.getString(1) : null).value();
    }
}
