package dev.callscope.engine.remote;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.insert.InsertResponse;
import com.clickhouse.client.api.query.QueryResponse;
import com.clickhouse.client.api.query.QuerySettings;
import com.clickhouse.data.ClickHouseFormat;
import dev.callscope.engine.ConnectionHealth;
import dev.callscope.engine.Engine;
import dev.callscope.engine.EngineException;
import dev.callscope.engine.EngineInfo;
import dev.callscope.engine.Guardrails;
import dev.callscope.engine.Identifiers;
import dev.callscope.engine.Query;
import dev.callscope.engine.QueryProgress;
import dev.callscope.engine.QueryResult;
import dev.callscope.engine.QueryStats;
import dev.callscope.engine.ResultHandler;
import dev.callscope.engine.RowCursor;
import dev.callscope.engine.ValueTooLarge;
import java.io.InputStream;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
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
    private final InFlightReads reads = new InFlightReads();

    private final Set<String> running = ConcurrentHashMap.newKeySet();
    private final Set<String> cancelled = ConcurrentHashMap.newKeySet();

    private final EngineInfo info;
    private final Network network;
    private final ExecutorService http;
    private final List<Consumer<ConnectionHealth>> healthListeners = new CopyOnWriteArrayList<>();
    private volatile ConnectionHealth health = ConnectionHealth.CONNECTED;

    private RemoteEngine(
            Client client, ExecutorService http, RemoteEndpoint endpoint, Guardrails guardrails, Network network) {
        this.client = client;
        this.http = http;
        this.endpoint = endpoint;
        this.guardrails = guardrails;
        this.network = network;
        // no retries here: whoever opens a connection wants to know at once that it does not work
        this.info = new EngineInfo(
                EngineInfo.Kind.REMOTE,
                endpoint.url(),
                run(
                                Query.of("SELECT version()"),
                                guardrails.readQuerySettings(),
                                readDeadline(),
                                rows -> rows.next() ? rows.getString(1) : null)
                        .value());
    }

    /**
     * Connects and asks the server for its version.
     *
     * @throws EngineException with the server's code (516 for wrong credentials, 81 for a missing
     *                         database) or code 0 and a plain reason for network and TLS failures
     */
    public static RemoteEngine open(RemoteEndpoint endpoint, Guardrails guardrails) {
        return open(endpoint, guardrails, Network.DEFAULTS);
    }

    /** As {@link #open(RemoteEndpoint, Guardrails)}, with its own timeouts and retries. */
    public static RemoteEngine open(RemoteEndpoint endpoint, Guardrails guardrails, Network network) {
        // requests run on threads of their own, so a caller waiting for a silent server can be let go
        ExecutorService http = Executors.newThreadPerTaskExecutor(
                Thread.ofVirtual().name("callscope-http-", 0).factory());
        Client client = ClientSetup.client(endpoint, guardrails, network, http);
        try {
            return new RemoteEngine(client, http, endpoint, guardrails, network);
        } catch (RuntimeException e) {
            client.close();
            http.shutdownNow();
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

    /**
     * Runs a read under the guardrails. A read that loses its connection (refused, reset, closed
     * before or during the answer) is sent again after a growing pause, since reading twice is
     * harmless; server errors (syntax, permissions, limits) and TLS or name problems are not
     * retried, because the same request would fail the same way. The handler is then called again
     * on the new answer: handlers build a value from the rows and do nothing else.
     */
    @Override
    public <T> QueryResult<T> query(Query query, ResultHandler<T> handler) {
        Map<String, String> settings = new HashMap<>(guardrails.readQuerySettings());
        settings.putAll(query.settings());
        boolean gatewaySeen = false;
        for (int retry = 0; ; retry++) {
            try {
                QueryResult<T> result = run(query, settings, readDeadline(), handler);
                setHealth(ConnectionHealth.CONNECTED);
                return result;
            } catch (EngineException e) {
                if (e.isCancelled()) {
                    throw e;
                }
                // a gateway's error page is sent once more (a proxy between restarts), then named
                boolean gatewayAgain = RemoteErrors.gateway(e) && !gatewaySeen;
                gatewaySeen |= RemoteErrors.gateway(e);
                if (!RemoteErrors.lostConnection(e) && !gatewayAgain) {
                    if (e.code() != 0) {
                        setHealth(ConnectionHealth.CONNECTED); // the server answered, with an error
                    } else if (RemoteErrors.unreachable(e)) {
                        setHealth(ConnectionHealth.OFFLINE);
                    }
                    throw e;
                }
                if (retry >= network.readRetries() && !gatewayAgain) {
                    setHealth(ConnectionHealth.OFFLINE);
                    throw retry == 0
                            ? e
                            : new EngineException(e.code(), e.getMessage() + " (tried " + (retry + 1) + " times)", e);
                }
                setHealth(ConnectionHealth.RETRYING);
                pause(network.backoff(retry), query.id());
            }
        }
    }

    /** Waits before a retry; a cancel or an interrupt ends the wait and the query. */
    private void pause(Duration wait, String id) {
        long until = System.nanoTime() + wait.toNanos();
        try {
            while (System.nanoTime() < until) {
                if (cancelled.remove(id)) {
                    throw cancelledError(null);
                }
                Thread.sleep(Math.min(50, Math.max(1, (until - System.nanoTime()) / 1_000_000)));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw cancelledError(e);
        }
    }

    @Override
    public ConnectionHealth health() {
        return health;
    }

    @Override
    public void onHealthChange(Consumer<ConnectionHealth> listener) {
        healthListeners.add(listener);
    }

    private void setHealth(ConnectionHealth next) {
        if (health != next) {
            health = next;
            healthListeners.forEach(l -> l.accept(next));
        }
    }

    /**
     * Reads the query's progress from {@code system.processes} on a request of its own. (The HTTP
     * interface can also send {@code X-ClickHouse-Progress} headers, but the client hands over a
     * response only once its headers are complete, when the query is nearly done.)
     */
    @Override
    public Optional<QueryProgress> progress(String queryId) {
        if (!running.contains(queryId)) {
            return Optional.empty();
        }
        Query q = Query.of("SELECT " + QueryProgress.PROCESSES_COLUMNS
                        + " FROM system.processes WHERE query_id = {id:String}")
                .bind("id", queryId);
        try {
            return run(q, guardrails.readQuerySettings(), readDeadline(), QueryProgress::read)
                    .value();
        } catch (EngineException e) {
            return Optional.empty(); // progress is a nicety: the query itself reports real failures
        }
    }

    @Override
    public QueryStats execute(Query statement) {
        return run(statement, statement.settings(), null, rows -> null).stats();
    }

    /**
     * One deadline for a read's whole exchange: the time limit the server enforces plus the grace,
     * however the bytes come (an answer trickled a byte at a time never trips a socket time-out).
     */
    private Duration readDeadline() {
        return guardrails.maxExecutionTime().plus(network.answerGrace());
    }

    /** What a read may bring back (see {@link Guardrails#answerLimit}). */
    private long answerLimit() {
        return guardrails.answerLimit();
    }

    /**
     * @param deadline when the whole exchange must be over (reads), or null (schema and demo writes,
     *                 which may take long on purpose)
     */
    private <T> QueryResult<T> run(
            Query query, Map<String, String> serverSettings, Duration deadline, ResultHandler<T> handler) {
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
        Future<?> timer = reads.deadline(id, deadline, this::killOnServer);
        long limit = deadline == null ? Long.MAX_VALUE : answerLimit();
        try (QueryResponse response = await(send(id, query, settings))) {
            reads.reading(id, response);
            if (cancelled.contains(id) || reads.expired(id)) {
                throw reads.expired(id) ? expiredError(deadline, null) : cancelledError(null);
            }
            RowCursor rows = RowCursor.decoding(new BoundedAnswer(response.getInputStream(), limit));
            T value = handler.handle(rows);
            Duration elapsed = response.getServerTime() > 0
                    ? Duration.ofNanos(response.getServerTime())
                    : Duration.ofNanos(System.nanoTime() - started);
            return new QueryResult<>(
                    value, new QueryStats(response.getReadRows(), response.getReadBytes(), rows.rowCount(), elapsed));
        } catch (EngineException e) {
            throw reads.expired(id) ? expiredError(deadline, e) : e;
        } catch (OutOfMemoryError | ValueTooLarge e) {
            // one value larger than memory (a proxy can send anything): its allocation failed, nothing else did
            throw RemoteErrors.valueTooLarge(endpoint.url());
        } catch (Exception e) {
            if (reads.expired(id)) {
                throw expiredError(deadline, e);
            }
            BoundedAnswer.TooLarge large = BoundedAnswer.tooLarge(e);
            if (large != null) {
                throw RemoteErrors.answerTooLarge(endpoint.url(), large.limit(), e);
            }
            throw translate(e, id);
        } finally {
            reads.done(id, timer);
            running.remove(id);
            cancelled.remove(id);
        }
    }

    /** ClickHouse's TOO_MANY_ROWS_OR_BYTES, as the server itself reports a result over its limit. */
    static final int TOO_MANY_ROWS_OR_BYTES = 396;

    /** Kills {@code id} on the server, on a thread of its own (the query may still be computing, with no bytes sent yet). */
    private void killOnServer(String id) {
        Thread.ofVirtual().name("callscope-cancel").start(() -> {
            try {
                run(
                        Query.of("KILL QUERY WHERE query_id = {id:String} ASYNC")
                                .bind("id", id),
                        Map.of(),
                        readDeadline(),
                        rows -> null);
            } catch (RuntimeException e) {
                LOG.fine(() -> "KILL QUERY failed: " + e.getMessage());
            }
        });
    }

    private EngineException expiredError(Duration deadline, Throwable cause) {
        return RemoteErrors.expired(endpoint.url(), guardrails.maxExecutionTime(), deadline, cause);
    }

    /**
     * Sends the query; the returned future completes with the answer's start. Cancelling it frees
     * the waiting caller even when the server says nothing (the client's own future cannot be
     * interrupted); an answer that arrives after that is closed, so its connection is not lost.
     */
    private CompletableFuture<QueryResponse> send(String id, Query query, QuerySettings settings) {
        CompletableFuture<QueryResponse> answer = new CompletableFuture<>();
        reads.waiting(id, answer);
        client.query(query.sql(), EncodedParams.of(query), settings).whenComplete((response, error) -> {
            if (error != null) {
                answer.completeExceptionally(error);
            } else if (!answer.complete(response)) {
                try {
                    response.close();
                } catch (Exception e) {
                    LOG.fine(() -> "closing a late answer: " + e.getMessage());
                }
            }
        });
        return answer;
    }

    @Override
    public long insert(String table, List<String> columns, String format, InputStream data) {
        return insert(table, columns, format, data, Map.of());
    }

    @Override
    public long insert(
            String table, List<String> columns, String format, InputStream data, Map<String, String> settings) {
        Identifiers.require(table);
        columns.forEach(Identifiers::require);
        ClickHouseFormat f = ClientSetup.inputFormat(format);
        try (InsertResponse response =
                await(client.insert(table, columns, data, f, ClientSetup.insertSettings(settings)))) {
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
        // Kill on the server first, then drop the response so a reading thread stops at once.
        killOnServer(queryId);
        reads.cancel(queryId);
    }

    @Override
    public void close() {
        running.forEach(this::cancel);
        client.close();
        http.shutdownNow(); // requests still waiting on a silent server end here
    }

    private static <T> T await(CompletableFuture<T> future) throws Exception {
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
