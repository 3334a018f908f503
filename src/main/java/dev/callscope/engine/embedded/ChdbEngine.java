package dev.callscope.engine.embedded;

import static java.lang.foreign.ValueLayout.ADDRESS;

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
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/**
 * ClickHouse in this process: libchdb through the Foreign Function and Memory API.
 *
 * <p>The engine holds one data directory per process. Queries run on a small pool of chDB
 * connections (each runs one statement at a time; separate connections run in parallel).
 * Cancelling uses a separate control connection: each query's text starts with a comment naming
 * its id and it runs with {@code log_comment} set to it, and {@code KILL QUERY} matches either in
 * {@code system.processes} (a statement with bound parameters shows there without the comment).
 */
public final class ChdbEngine implements Engine {

    private static final Logger LOG = Logger.getLogger(ChdbEngine.class.getName());
    private static final String FORMAT = "RowBinaryWithNamesAndTypes";

    private final ChdbLibrary lib;
    private final ChdbStatements statements;
    private final Path dataDir;
    private final List<MemorySegment> connectionHandles = new ArrayList<>();
    private final BlockingQueue<MemorySegment> idle;
    private final int poolSize;
    private final MemorySegment control;
    private final Set<String> running = ConcurrentHashMap.newKeySet();
    private final Set<String> cancelled = ConcurrentHashMap.newKeySet();
    private final EngineInfo info;
    private final Thread shutdownHook;
    /** Guards {@link #closed} against a borrow becoming {@link #running} while close begins. */
    private final Object lifecycle = new Object();

    private final Object closing = new Object();
    /** Settings every read runs under (the time limit and result caps), or none. */
    private final Map<String, String> readLimits;

    private volatile boolean closed;

    private ChdbEngine(ChdbLibrary lib, Path dataDir, int poolSize, Guardrails limits) {
        this.lib = lib;
        this.statements = new ChdbStatements(lib);
        this.readLimits = limits == null ? Map.of() : limits.embeddedReadSettings();
        this.dataDir = dataDir;
        this.poolSize = poolSize;
        this.idle = new ArrayBlockingQueue<>(poolSize);
        for (int i = 0; i < poolSize; i++) {
            idle.add(connect());
        }
        this.control = connect();
        this.info =
                new EngineInfo(EngineInfo.Kind.EMBEDDED, dataDir.toString(), queryScalar(Query.of("SELECT version()")));
        // A process that exits with open chDB connections can crash in the engine's teardown.
        this.shutdownHook = Thread.ofPlatform().name("chdb-shutdown").unstarted(this::closeConnections);
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /**
     * Opens the engine on {@code dataDir} (created if missing) with {@code poolSize} query connections.
     *
     * @throws EngineException when the library cannot be loaded or the directory cannot be used
     */
    public static ChdbEngine open(Path library, Path dataDir, int poolSize) {
        return open(library, dataDir, poolSize, null);
    }

    /**
     * As {@link #open(Path, Path, int)}, with every read ({@link #query}, {@link #queryRaw}) under {@code limits}: its
     * time limit and result caps, so a runaway read ends in a sentence rather than a frozen tab or an exhausted heap.
     * Writes ({@link #execute}, {@link #insert}) are not limited. Null: no limits (the benchmark's raw baselines).
     */
    public static ChdbEngine open(Path library, Path dataDir, int poolSize, Guardrails limits) {
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new EngineException(0, "Cannot create data directory " + dataDir + ": " + e.getMessage(), e);
        }
        ChdbLibrary lib;
        try {
            lib = ChdbLibrary.load(library);
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new EngineException(0, "Cannot load the embedded engine from " + library + ": " + e.getMessage(), e);
        }
        return new ChdbEngine(lib, dataDir.toAbsolutePath(), Math.max(1, poolSize), limits);
    }

    /** The version of the loaded libchdb, e.g. {@code 26.7.3}. */
    public String libraryVersion() {
        return lib.versionString();
    }

    public Path dataDir() {
        return dataDir;
    }

    private MemorySegment connect() {
        MemorySegment handle = statements.connect(dataDir);
        synchronized (connectionHandles) {
            connectionHandles.add(handle);
        }
        return handle.reinterpret(ADDRESS.byteSize()).get(ADDRESS, 0);
    }

    @Override
    public EngineInfo info() {
        return info;
    }

    @Override
    public <T> QueryResult<T> query(Query query, ResultHandler<T> handler) {
        return run(query, readSettings(query), FORMAT, (result, in) -> {
            RowCursor rows = RowCursor.decoding(in);
            T value = handler.handle(rows);
            return new QueryResult<>(value, result.stats(rows.rowCount()));
        });
    }

    /**
     * Runs a query and copies the engine's own output bytes in {@code format} (CSV, JSONEachRow,
     * RowBinaryWithNamesAndTypes, ...) to {@code out}, for exports and for serving the HTTP protocol.
     */
    public QueryStats queryRaw(Query query, String format, OutputStream out) {
        Identifiers.require(format);
        return run(query, readSettings(query), format, (result, in) -> {
            in.transferTo(out);
            return result.stats(-1);
        });
    }

    /** Reads a successful result's bytes while the native result is alive. */
    @FunctionalInterface
    private interface ResultReader<R> {
        R read(NativeResult result, InputStream bytes) throws IOException;
    }

    /** A read's settings: the engine's limits, then the query's own (which win). */
    private Map<String, String> readSettings(Query query) {
        if (readLimits.isEmpty()) {
            return query.settings();
        }
        Map<String, String> all = new LinkedHashMap<>(readLimits);
        all.putAll(query.settings());
        return all;
    }

    /** Runs one statement on a pooled connection, tracked for cancel, and frees the native result after. */
    private <R> R run(Query query, Map<String, String> settings, String format, ResultReader<R> reader) {
        String id = query.id();
        MemorySegment conn = borrow(id);
        try (Arena arena = Arena.ofConfined()) {
            statements.tag(arena, conn, id);
            statements.applySettings(arena, conn, settings, false);
            boolean untagged = false;
            try (NativeResult result =
                    statements.run(arena, conn, ChdbStatements.marked(query), query.params(), format)) {
                throwIfFailed(result, id);
                try (InputStream in = result.bytes()) {
                    return reader.read(result, in);
                }
            } catch (EngineException e) {
                if (e.isCancelled()) {
                    statements.untag(arena, conn); // so a second KILL for this id cannot stop the clean-up below
                    untagged = true;
                    statements.discardKilledOutput(arena, conn);
                }
                throw e;
            } finally {
                if (!untagged) {
                    statements.untag(arena, conn);
                }
                statements.applySettings(arena, conn, settings, true);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            running.remove(id);
            cancelled.remove(id);
            idle.add(conn);
        }
    }

    @Override
    public QueryStats execute(Query statement) {
        // a write (a migration may run for minutes) is not under the read limits
        return run(statement, statement.settings(), FORMAT, (result, in) -> {
            RowCursor rows = RowCursor.decoding(in);
            return result.stats(rows.rowCount());
        });
    }

    /** The {@code log_comment} every statement runs with (see {@link ChdbStatements#comment}). */
    public static String comment(String id) {
        return ChdbStatements.comment(id);
    }

    /** Reads the running query's progress from {@code system.processes}, on the control connection. */
    @Override
    public Optional<QueryProgress> progress(String queryId) {
        if (!running.contains(queryId)) {
            return Optional.empty();
        }
        synchronized (control) {
            if (closed) {
                return Optional.empty();
            }
            try (Arena arena = Arena.ofConfined()) {
                return statements.progress(arena, control, queryId);
            } catch (IOException | RuntimeException e) {
                return Optional.empty(); // progress is a nicety; the query reports real failures
            }
        }
    }

    private void throwIfFailed(NativeResult result, String id) {
        String error = result.error();
        if (error != null) {
            EngineException e = EngineException.fromServerText(error);
            if (cancelled.contains(id) && !e.isCancelled()) {
                throw new EngineException(EngineException.QUERY_WAS_CANCELLED, "Query was cancelled", e);
            }
            throw e;
        }
    }

    private MemorySegment borrow(String id) {
        if (closed) {
            throw new EngineException(0, "The embedded engine is closed");
        }
        try {
            MemorySegment conn = idle.take();
            if (cancelled.remove(id)) {
                idle.add(conn);
                throw new EngineException(EngineException.QUERY_WAS_CANCELLED, "Query was cancelled");
            }
            // close() may have begun while this thread waited: under its lock, either see that and
            // give the connection back, or become "running" so close() kills this query and waits for
            // the connection before freeing it (using a freed connection crashes the process)
            synchronized (lifecycle) {
                if (closed) {
                    idle.add(conn);
                    throw new EngineException(0, "The embedded engine is closed");
                }
                running.add(id);
            }
            return conn;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EngineException(EngineException.QUERY_WAS_CANCELLED, "Query was cancelled", e);
        }
    }

    @Override
    public long insert(String table, List<String> columns, String format, InputStream data) {
        Identifiers.require(table);
        columns.forEach(Identifiers::require);
        Identifiers.require(format);
        String sql = "INSERT INTO " + table + " (" + String.join(", ", columns) + ")";
        String insertId = "insert-" + UUID.randomUUID();
        MemorySegment conn = borrow(insertId);
        try (Arena arena = Arena.ofConfined()) {
            return statements.insert(arena, conn, sql, format, data, table);
        } catch (EngineException e) {
            throw e;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Throwable t) {
            throw new EngineException(0, "chDB insert failed: " + t.getMessage(), t);
        } finally {
            running.remove(insertId);
            idle.add(conn);
        }
    }

    /**
     * Marks the query cancelled (so it cannot start) and kills it on a separate thread, so a UI
     * thread that cancels a superseded search never waits for the engine.
     */
    @Override
    public void cancel(String queryId) {
        if (!Identifiers.isQueryId(queryId)) {
            return;
        }
        cancelled.add(queryId);
        if (!running.contains(queryId)) {
            return; // not started yet: borrow() refuses it; already finished: nothing to do
        }
        Thread.ofVirtual().name("chdb-cancel").start(() -> kill(queryId));
    }

    private void kill(String queryId) {
        if (!closed) {
            killStatement(queryId);
        }
    }

    private void killStatement(String queryId) {
        Query kill = Query.of("KILL QUERY WHERE " + ChdbStatements.FIND_BY_ID + " AND query_id != queryID() ASYNC")
                .bind("marker", ChdbStatements.marker(queryId))
                .bind("comment", ChdbStatements.comment(queryId));
        synchronized (control) {
            if (!running.contains(queryId)) {
                return;
            }
            try (Arena arena = Arena.ofConfined();
                    NativeResult r = statements.run(arena, control, kill.sql(), kill.params(), FORMAT)) {
                String error = r.error();
                if (error != null) {
                    LOG.warning("KILL QUERY failed: " + error);
                }
            } catch (IOException | RuntimeException e) {
                LOG.warning("KILL QUERY failed: " + e.getMessage());
            }
        }
    }

    @Override
    public void close() {
        closeConnections();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // the hook itself is running or has run
        }
    }

    private void closeConnections() {
        synchronized (closing) { // a second caller (the shutdown hook) waits until the first is done
            synchronized (lifecycle) {
                if (closed) {
                    return;
                }
                closed = true;
            }
            running.forEach(id -> {
                cancelled.add(id);
                killStatement(id);
            });
            boolean allIdle = PoolDrain.awaitAll(idle, poolSize); // killed statements return within moments
            Set<MemorySegment> idleNow = new HashSet<>(idle);
            synchronized (control) {
                for (MemorySegment handle : connectionHandles) {
                    MemorySegment conn = handle.reinterpret(ADDRESS.byteSize()).get(ADDRESS, 0);
                    if (!allIdle && !conn.equals(control) && !idleNow.contains(conn)) {
                        // still inside the engine: freeing it under the running statement crashes the
                        // process, while leaving it open costs only the memory the process gives back
                        LOG.warning("An embedded engine connection is still busy; left open");
                        continue;
                    }
                    try {
                        lib.closeConn.invokeExact(handle);
                    } catch (Throwable t) {
                        LOG.warning("chdb_close_conn failed: " + t.getMessage());
                    }
                }
                connectionHandles.clear();
            }
        }
    }
}
