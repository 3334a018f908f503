package dev.callscope.engine.embedded;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import dev.callscope.engine.EngineException;
import dev.callscope.engine.Query;
import dev.callscope.engine.QueryProgress;
import dev.callscope.engine.RowCursor;
import java.io.IOException;
import java.io.InputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * One chDB statement through the C API ({@code chdb_query_with_params_n}), and how a statement is
 * tagged so that cancel and progress can find it in {@code system.processes}: chDB has no
 * client-set query ids, so every statement starts with a comment naming its id and runs with a
 * {@code log_comment} of it.
 */
final class ChdbStatements {

    private static final Logger LOG = Logger.getLogger(ChdbStatements.class.getName());
    private static final String FORMAT = "RowBinaryWithNamesAndTypes";
    private static final int INSERT_CHUNK = 4 << 20;

    private final ChdbLibrary lib;

    ChdbStatements(ChdbLibrary lib) {
        this.lib = lib;
    }

    /** Prefixes the statement with a comment carrying its id, which {@code ChdbEngine.cancel} matches on. */
    static String marked(Query query) {
        return marker(query.id()) + query.sql();
    }

    /** The comment every statement starts with, naming its query id (chDB has no client-set query ids). */
    static String marker(String id) {
        return "/* callscope:" + id + " */ ";
    }

    /**
     * The {@code log_comment} setting every statement runs with. chDB shows a statement with bound
     * parameters in {@code system.processes} re-formatted, without the {@link #marker} comment, so
     * cancel and progress find it by this setting instead.
     */
    static String comment(String id) {
        return "callscope-" + id;
    }

    private static final Pattern COMMENT_SAFE = Pattern.compile("[A-Za-z0-9_.+-]{1,54}");

    /** Sets this statement's {@link #comment} on the connection (the next statement sets its own). */
    void tag(Arena arena, MemorySegment conn, String id) throws IOException {
        if (!COMMENT_SAFE.matcher(id).matches()) {
            return; // only the marker then; ids from Query are UUIDs
        }
        try (NativeResult r = run(arena, conn, "SET log_comment = '" + comment(id) + "'", Map.of(), FORMAT)) {
            if (r.error() != null) {
                LOG.fine(() -> "log_comment: " + r.error());
            }
        }
    }

    /** Clears the comment once the statement is over, so a late KILL for it finds nothing. */
    void untag(Arena arena, MemorySegment conn) throws IOException {
        try (NativeResult r = run(arena, conn, "SET log_comment = ''", Map.of(), FORMAT)) {
            if (r.error() != null) {
                LOG.fine(() -> "log_comment: " + r.error());
            }
        }
    }

    /** How cancel and progress find a running statement in {@code system.processes}. */
    static final String FIND_BY_ID =
            "(startsWith(query, {marker:String}) OR Settings['log_comment'] = {comment:String})"
                    // never the SETs around the statement (they run under its comment): a KILL landing on one
                    // crashed chDB (SIGSEGV in the next statement on that connection)
                    + " AND NOT startsWith(query, 'SET ')";

    /** Runs {@code sql} with its bound {@code params} on {@code conn}; the caller closes the result. */
    NativeResult run(Arena arena, MemorySegment conn, String sql, Map<String, String> params, String format)
            throws IOException {
        byte[] sqlBytes = sql.getBytes(StandardCharsets.UTF_8);
        byte[] formatBytes = format.getBytes(StandardCharsets.US_ASCII);
        int n = params.size();
        MemorySegment names = arena.allocate(ADDRESS, Math.max(1, n));
        MemorySegment nameLens = arena.allocate(JAVA_LONG, Math.max(1, n));
        MemorySegment values = arena.allocate(ADDRESS, Math.max(1, n));
        MemorySegment valueLens = arena.allocate(JAVA_LONG, Math.max(1, n));
        int i = 0;
        for (Map.Entry<String, String> p : params.entrySet()) {
            byte[] name = p.getKey().getBytes(StandardCharsets.UTF_8);
            byte[] value = p.getValue().getBytes(StandardCharsets.UTF_8);
            names.setAtIndex(ADDRESS, i, bytes(arena, name));
            nameLens.setAtIndex(JAVA_LONG, i, name.length);
            values.setAtIndex(ADDRESS, i, bytes(arena, value));
            valueLens.setAtIndex(JAVA_LONG, i, value.length);
            i++;
        }
        try {
            MemorySegment handle = (MemorySegment) lib.queryWithParamsN.invokeExact(
                    conn,
                    bytes(arena, sqlBytes),
                    (long) sqlBytes.length,
                    bytes(arena, formatBytes),
                    (long) formatBytes.length,
                    names,
                    nameLens,
                    values,
                    valueLens,
                    (long) n);
            return new NativeResult(lib, handle);
        } catch (EngineException e) {
            throw e;
        } catch (Throwable t) {
            throw new EngineException(0, "chDB query call failed: " + t.getMessage(), t);
        }
    }

    static MemorySegment bytes(Arena arena, byte[] data) {
        // One spare NUL byte: harmless for the length-taking calls, and no zero-size allocation.
        MemorySegment seg = arena.allocate(data.length + 1L);
        MemorySegment.copy(data, 0, seg, JAVA_BYTE, 0, data.length);
        return seg;
    }

    /** Streams {@code data} (in {@code format}) into the INSERT {@code sql} on {@code conn}; the rows written. */
    long insert(Arena arena, MemorySegment conn, String sql, String format, InputStream data, String table)
            throws Throwable {
        byte[] sqlBytes = sql.getBytes(StandardCharsets.UTF_8);
        byte[] formatBytes = format.getBytes(StandardCharsets.US_ASCII);
        MemorySegment stream = (MemorySegment) lib.streamInsertN.invokeExact(
                conn,
                ChdbStatements.bytes(arena, sqlBytes),
                (long) sqlBytes.length,
                ChdbStatements.bytes(arena, formatBytes),
                (long) formatBytes.length);
        try {
            checkInsert(stream);
            MemorySegment chunk = arena.allocate(INSERT_CHUNK);
            byte[] buffer = new byte[INSERT_CHUNK];
            int n;
            while ((n = data.readNBytes(buffer, 0, buffer.length)) > 0) {
                MemorySegment.copy(buffer, 0, chunk, JAVA_BYTE, 0, n);
                int state = (int) lib.streamAppend.invokeExact(stream, chunk, (long) n);
                if (state != 0) {
                    checkInsert(stream);
                    throw new EngineException(0, "Insert into " + table + " failed");
                }
            }
            try (NativeResult done = new NativeResult(lib, (MemorySegment) lib.streamDone.invokeExact(stream))) {
                String error = done.error();
                if (error != null) {
                    throw EngineException.fromServerText(error);
                }
                return done.rowsWritten();
            }
        } finally {
            lib.destroyInsertStream.invokeExact(stream);
        }
    }

    private void checkInsert(MemorySegment stream) throws Throwable {
        MemorySegment e = (MemorySegment) lib.streamInsertError.invokeExact(stream);
        if (!e.equals(MemorySegment.NULL)) {
            throw EngineException.fromServerText(
                    e.reinterpret(Integer.MAX_VALUE).getString(0));
        }
    }

    /** The progress of statement {@code queryId} as {@code system.processes} shows it, read on {@code control}. */
    Optional<QueryProgress> progress(Arena arena, MemorySegment control, String queryId) throws IOException {
        Query q = Query.of("SELECT " + QueryProgress.PROCESSES_COLUMNS + " FROM system.processes WHERE " + FIND_BY_ID
                        + " AND query_id != queryID() LIMIT 1")
                .bind("marker", marker(queryId))
                .bind("comment", comment(queryId));
        try (NativeResult r = run(arena, control, q.sql(), q.params(), FORMAT)) {
            if (r.error() != null) {
                return Optional.empty();
            }
            try (InputStream in = r.bytes()) {
                return QueryProgress.read(RowCursor.decoding(in));
            }
        }
    }

    /** Opens a chDB connection on {@code dataDir}: the handle to close, whose first word is the connection. */
    MemorySegment connect(Path dataDir) {
        String[] args = {"clickhouse", "--path=" + dataDir, "--session_timezone=UTC"};
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment argv = arena.allocate(ADDRESS, args.length);
            for (int i = 0; i < args.length; i++) {
                argv.setAtIndex(ADDRESS, i, arena.allocateFrom(args[i]));
            }
            MemorySegment handle = (MemorySegment) lib.connect.invokeExact(args.length, argv);
            if (handle.equals(MemorySegment.NULL)) {
                throw new EngineException(
                        0, "chDB could not open " + dataDir + " (is another Callscope process using it?)");
            }
            return handle;
        } catch (EngineException e) {
            throw e;
        } catch (Throwable t) {
            throw new EngineException(0, "chDB connect failed: " + t.getMessage(), t);
        }
    }

    /**
     * chDB (26.7) hands the output a killed query had started (its header) to the next query on the
     * same connection, which then decodes garbage; one throwaway statement takes it.
     */
    void discardKilledOutput(Arena arena, MemorySegment conn) {
        try (NativeResult r = run(arena, conn, "SELECT 1", Map.of(), FORMAT)) {
            if (r.error() != null) {
                LOG.fine(() -> "after a killed query: " + r.error());
            }
        } catch (IOException | RuntimeException e) {
            LOG.fine(() -> "after a killed query: " + e.getMessage());
        }
    }

    /**
     * A chDB connection is a session: per-query settings are SET before the statement and put back
     * to their defaults after it, so they never leak into the next query on the connection. One
     * statement sets (or resets) them all. Names and values were validated by {@link Query#withSetting}.
     */
    void applySettings(Arena arena, MemorySegment conn, Map<String, String> settings, boolean reset)
            throws IOException {
        if (settings.isEmpty()) {
            return;
        }
        StringJoiner sql = new StringJoiner(", ", "SET ", "");
        settings.forEach((name, value) -> sql.add(name + " = " + (reset ? "DEFAULT" : "'" + value + "'")));
        try (NativeResult r = run(arena, conn, sql.toString(), Map.of(), FORMAT)) {
            if (r.error() == null) {
                return;
            }
            if (!reset) {
                throw EngineException.fromServerText(r.error());
            }
            LOG.warning("Could not reset settings " + settings.keySet() + ": " + r.error());
        }
    }
}
