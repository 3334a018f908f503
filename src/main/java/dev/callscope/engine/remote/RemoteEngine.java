package dev.callscope.engine.remote;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.insert.InsertResponse;
import com.clickhouse.client.api.insert.InsertSettings;
import com.clickhouse.client.api.query.QueryResponse;
import com.clickhouse.client.api.query.QuerySettings;
import com.clickhouse.data.ClickHouseFormat;
import dev.callscope.engine.Engine;
import dev.callscope.engine.EngineException;
import dev.callscope.engine.EngineInfo;
import dev.callscope.engine.Identifiers;
import dev.callscope.engine.Query;
import dev.callscope.engine.QueryResult;
import dev.callscope.engine.QueryStats;
import dev.callscope.engine.ResultHandler;
import dev.callscope.engine.RowCursor;
import java.io.InputStream;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.logging.Logger;

/**
 * A ClickHouse server over HTTP(S), through the ClickHouse Java client (the transport under
 * clickhouse-jdbc), which sends {@code {name:Type}} values as {@code param_<name>} for the server
 * to bind and decodes {@code RowBinaryWithNamesAndTypes} as the rows stream in.
 *
 * <p>Reads run under {@link Guardrails}; DDL and inserts ({@link #execute}, {@link #insert}) do
 * not, because only the schema and demo commands use them. Cancelling closes the response and
 * kills the query on the server by its id.
 */
public final class RemoteEngine implements Engine {

    private static final Logger LOG = Logger.getLogger(RemoteEngine.class.getName());

    private final Client client;
    private final RemoteEndpoint endpoint;
    private final Guardrails guardrails;
    private final Map<String, QueryResponse> open = new ConcurrentHashMap<>();
    private final Set<String> running = ConcurrentHashMap.newKeySet();
    private final Set<String> cancelled = ConcurrentHashMap.newKeySet();
    private final EngineInfo info;

    private RemoteEngine(Client client, RemoteEndpoint endpoint, Guardrails guardrails) {
        this.client = client;
        this.endpoint = endpoint;
        this.guardrails = guardrails;
        this.info = new EngineInfo(EngineInfo.Kind.REMOTE, endpoint.url(), queryScalar(Query.of("SELECT version()")));
    }

    /**
     * Connects and asks the server for its version.
     *
     * @throws EngineException with the server's code (516 for wrong credentials, 81 for a missing
     *                         database) or code 0 and a plain reason for network and TLS failures
     */
    public static RemoteEngine open(RemoteEndpoint endpoint, Guardrails guardrails) {
        Client client = new Client.Builder()
                .addEndpoint(endpoint.url())
                .setUsername(endpoint.user())
                .setPassword(endpoint.password())
                .setDefaultDatabase(endpoint.database())
                .compressServerResponse(endpoint.compress())
                .useTimeZone("UTC")
                .setConnectTimeout(10, ChronoUnit.SECONDS)
                // the server enforces max_execution_time; the socket limit only catches dead peers
                .setSocketTimeout(guardrails.maxExecutionTime().plusSeconds(30).toMillis())
                .setMaxRetries(0)
                // query and values in the body: a URL has a length limit, a bound value has none
                .useHttpFormDataForQuery(true)
                .setClientName("callscope")
                .build();
        try {
            return new RemoteEngine(client, endpoint, guardrails);
        } catch (RuntimeException e) {
            client.close();
            throw e;
        }
    }

    public RemoteEndpoint endpoint() {
        return endpoint;
    }

    @Override
    public EngineInfo info() {
        return info;
    }

    @Override
    public <T> QueryResult<T> query(Query query, ResultHandler<T> handler) {
        Map<String, String> settings = new HashMap<>(guardrails.readQuerySettings());
        settings.putAll(query.settings());
        return run(query, settings, handler);
    }

    @Override
    public QueryStats execute(Query statement) {
        return run(statement, statement.settings(), rows -> null).stats();
    }

    private <T> QueryResult<T> run(Query query, Map<String, String> serverSettings, ResultHandler<T> handler) {
        String id = query.id();
        if (cancelled.remove(id)) {
            throw cancelledError(null);
        }
        QuerySettings settings = new QuerySettings()
                .setQueryId(id)
                .setFormat(ClickHouseFormat.RowBinaryWithNamesAndTypes)
                .setUseTimeZone("UTC")
                .serverSetting("session_timezone", "UTC");
        serverSettings.forEach(settings::serverSetting);
        long started = System.nanoTime();
        running.add(id);
        try (QueryResponse response = await(client.query(query.sql(), encodedParams(query), settings))) {
            open.put(id, response);
            if (cancelled.contains(id)) {
                throw cancelledError(null);
            }
            RowCursor rows = RowCursor.decoding(response.getInputStream());
            T value = handler.handle(rows);
            Duration elapsed = response.getServerTime() > 0
                    ? Duration.ofNanos(response.getServerTime())
                    : Duration.ofNanos(System.nanoTime() - started);
            return new QueryResult<>(value, new QueryStats(response.getReadRows(), response.getReadBytes(),
                    rows.rowCount(), elapsed));
        } catch (EngineException e) {
            throw e;
        } catch (Exception e) {
            throw translate(e, id);
        } finally {
            open.remove(id);
            running.remove(id);
            cancelled.remove(id);
        }
    }

    /**
     * Our values are already in ClickHouse's parameter text form; the client escapes text it is
     * given as strings again, so each value goes as an object whose {@code toString} is the text.
     */
    private static Map<String, Object> encodedParams(Query query) {
        Map<String, Object> params = new HashMap<>();
        query.params().forEach((name, text) -> params.put(name, new EncodedValue(text)));
        return params;
    }

    private record EncodedValue(String text) {
        @Override
        public String toString() {
            return text;
        }
    }

    @Override
    public long insert(String table, List<String> columns, String format, InputStream data) {
        Identifiers.require(table);
        columns.forEach(Identifiers::require);
        ClickHouseFormat f;
        try {
            f = ClickHouseFormat.valueOf(format);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Unknown input format: " + format);
        }
        try (InsertResponse response = await(client.insert(table, columns, data, f, new InsertSettings()))) {
            return response.getWrittenRows();
        } catch (EngineException e) {
            throw e;
        } catch (Exception e) {
            throw translate(e, "insert");
        }
    }

    @Override
    public void cancel(String queryId) {
        if (!Identifiers.isQueryId(queryId)) {
            return;
        }
        cancelled.add(queryId);
        if (!running.contains(queryId)) {
            return;
        }
        // Kill on the server first (the query may still be computing, with no bytes sent yet),
        // then drop the response so a reading thread stops at once.
        Thread.ofVirtual().name("callscope-cancel").start(() -> {
            try {
                Query kill = Query.of("KILL QUERY WHERE query_id = {id:String} ASYNC").bind("id", queryId);
                run(kill, Map.of(), rows -> null);
            } catch (RuntimeException e) {
                LOG.fine(() -> "KILL QUERY failed: " + e.getMessage());
            }
        });
        QueryResponse response = open.get(queryId);
        if (response != null) {
            try {
                response.close();
            } catch (Exception e) {
                LOG.fine(() -> "closing a cancelled response failed: " + e.getMessage());
            }
        }
    }

    @Override
    public void close() {
        running.forEach(this::cancel);
        client.close();
    }

    private static <T> T await(java.util.concurrent.CompletableFuture<T> future) throws Exception {
        try {
            return future.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw e;
        }
    }

    private EngineException translate(Exception e, String id) {
        if (cancelled.contains(id) || e instanceof InterruptedException || e instanceof CancellationException) {
            return cancelledError(e);
        }
        return RemoteErrors.translate(e, endpoint);
    }

    private static EngineException cancelledError(Throwable cause) {
        return new EngineException(EngineException.QUERY_WAS_CANCELLED, "Query was cancelled", cause);
    }

}
