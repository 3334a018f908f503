package dev.callscope.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What every {@link Engine} promises, run against each implementation: binding, types, errors,
 * settings, cancel, concurrency and inserts behave the same embedded and over HTTP.
 */
public abstract class EngineContractTest {

    private final Engine engine = engine();

    /** The engine under test, fresh per test method or shared. */
    protected abstract Engine engine();

    private String echo(String value) {
        return engine.queryScalar(Query.of("SELECT {v:String}").bind("v", value));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "it's",
                "a\\b",
                "\\N",
                "\\",
                "x\\'; DROP TABLE t; --",
                "{v:String}",
                "}{",
                "tab\there",
                "new\nline",
                "cr\rlf",
                "nul\0byte",
                "ünïcødé ✓ 日本語 🚀",
                "'\"`",
                ""
            })
    void hostileStringsRoundTripExactly(String value) {
        assertEquals(value, echo(value));
    }

    @Test
    void megabyteValueRoundTrips() {
        String big = "x'\\{".repeat(256 * 1024);
        assertEquals(
                big.length(),
                engine.query(
                                Query.of("SELECT length({v:String})").bind("v", big),
                                rows -> rows.next() ? rows.getLong(1) : -1)
                        .value());
        assertEquals(big, echo(big));
    }

    @Test
    void nullBindsAsNull() {
        String value = engine.query(
                        Query.of("SELECT {v:Nullable(String)}").bind("v", null),
                        rows -> rows.next() ? rows.getString(1) : "no row")
                .value();
        assertNull(value);
    }

    @Test
    void valuesCannotChangeTheStatement() {
        String db = freshDatabase("inj");
        engine.execute(Query.of("CREATE TABLE " + db + ".t (s String) ENGINE = Memory"));
        engine.execute(
                Query.of("INSERT INTO " + db + ".t VALUES ({s:String})").bind("s", "a'); DROP TABLE " + db + ".t; --"));
        assertEquals("a'); DROP TABLE " + db + ".t; --", engine.queryScalar(Query.of("SELECT s FROM " + db + ".t")));
    }

    @Test
    void typedParametersAndResults() {
        Instant t = Instant.parse("2026-03-04T05:06:07.123456789Z");
        var row = engine.query(
                        Query.of("""
                SELECT {t:DateTime64(9, 'UTC')} AS t, {u:UInt64} AS u, {ids:Array(String)} AS ids,
                       {b:Bool} AS b, {d:Float64} AS d""")
                                .bind("t", t)
                                .bind("u", new BigInteger("18446744073709551615"))
                                .bind("ids", List.of("fc-1", "it's", "back\\slash\ttab"))
                                .bind("b", true)
                                .bind("d", 0.25),
                        rows -> {
                            assertTrue(rows.next());
                            return List.of(
                                    rows.getInstant(1),
                                    rows.getBigInteger(2),
                                    rows.getObject(3),
                                    rows.getBoolean(4),
                                    rows.getDouble(5));
                        })
                .value();
        assertEquals(t, row.get(0));
        assertEquals(new BigInteger("18446744073709551615"), row.get(1));
        assertEquals(List.of("fc-1", "it's", "back\\slash\ttab"), List.copyOf((List<?>) row.get(2)));
        assertEquals(true, row.get(3));
        assertEquals(0.25, row.get(4));
    }

    @Test
    void schemaTypesDecode() {
        String db = freshDatabase("types");
        engine.execute(Query.of("""
                CREATE TABLE %s.t (
                  at DateTime64(3, 'UTC'), maybe Nullable(String), lc LowCardinality(String),
                  status Enum8('success' = 1, 'failure' = 2), big UInt64, n Nullable(UInt32)
                ) ENGINE = MergeTree ORDER BY at""".formatted(db)));
        engine.execute(Query.of("INSERT INTO " + db + ".t VALUES "
                + "('2026-01-02 03:04:05.678', NULL, 'gpu', 'failure', 18446744073709551614, 7), "
                + "('2026-01-02 03:04:06.000', 'x', 'cpu', 'success', 1, NULL)"));
        List<String> seen = engine.query(Query.of("SELECT * FROM " + db + ".t ORDER BY at"), rows -> {
                    List<String> out = new ArrayList<>();
                    assertEquals(List.of("at", "maybe", "lc", "status", "big", "n"), rows.columnNames());
                    assertTrue(rows.columnTypes().get(2).startsWith("LowCardinality"));
                    while (rows.next()) {
                        out.add(rows.getInstant(1) + "|" + rows.getString(2) + "|" + rows.getString(3) + "|"
                                + rows.getString(4) + "|" + rows.getBigInteger(5) + "|"
                                + (rows.isNull(6) ? "null" : rows.getLong(6)));
                    }
                    return out;
                })
                .value();
        assertEquals(
                List.of(
                        "2026-01-02T03:04:05.678Z|null|gpu|failure|18446744073709551614|7",
                        "2026-01-02T03:04:06Z|x|cpu|success|1|null"),
                seen);
    }

    @Test
    void errorsCarryClickHouseCodes() {
        EngineException syntax = assertThrows(EngineException.class, () -> engine.execute(Query.of("SELEC 1")));
        assertEquals(62, syntax.code());
        EngineException missing = assertThrows(
                EngineException.class, () -> engine.execute(Query.of("SELECT * FROM no_such_db.no_such_table")));
        assertTrue(missing.code() == 81 || missing.code() == 60, "code " + missing.code());
        assertTrue(missing.getMessage().contains("no_such"), missing.getMessage());
        // the engine stays usable after errors
        assertEquals("2", engine.queryScalar(Query.of("SELECT 1 + 1")));
    }

    @Test
    void runningQueryIsCancelledById() throws Exception {
        Query slow = Query.of("SELECT count() FROM numbers(100000000000) WHERE sipHash64(number) % 7 = 1");
        CompletableFuture<Object> running = CompletableFuture.supplyAsync(() -> engine.queryScalar(slow));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!isRunning(slow.id()) && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        long start = System.nanoTime();
        engine.cancel(slow.id());
        var failure = assertThrows(ExecutionException.class, () -> running.get(20, TimeUnit.SECONDS));
        EngineException e = (EngineException) failure.getCause();
        assertTrue(e.isCancelled(), e.getMessage());
        assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(10), "cancel took too long");
        // every pooled connection answers its own query afterwards (chDB once handed a killed
        // query's output to the next query on its connection)
        for (int i = 0; i < 8; i++) {
            assertEquals("2", engine.queryScalar(Query.of("SELECT 1 + 1")), "query " + i + " after the cancel");
        }
    }

    @Test
    void aQueryWithBoundValuesIsCancelledById() throws Exception {
        // every view query has bound values; chDB shows such a query re-formatted in system.processes
        Query slow = Query.of("SELECT count() FROM numbers(100000000000) WHERE sipHash64(number) % {m:UInt32} = 1")
                .bind("m", 7);
        CompletableFuture<Object> running = CompletableFuture.supplyAsync(() -> engine.queryScalar(slow));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (engine.progress(slow.id()).isEmpty() && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        long start = System.nanoTime();
        engine.cancel(slow.id());
        var failure = assertThrows(ExecutionException.class, () -> running.get(20, TimeUnit.SECONDS));
        assertTrue(
                ((EngineException) failure.getCause()).isCancelled(),
                failure.getCause().getMessage());
        assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(10), "cancel took too long");
        for (int i = 0; i < 8; i++) {
            assertEquals("2", engine.queryScalar(Query.of("SELECT 1 + 1")), "query " + i + " after the cancel");
        }
    }

    @Test
    void progressIsReportedWhileAQueryRunsAndEndsWithIt() throws Exception {
        Query slow = Query.of("SELECT count() FROM numbers(100000000000) WHERE sipHash64(number) % {m:UInt32} = 1")
                .bind("m", 7);
        CompletableFuture<Object> running = CompletableFuture.supplyAsync(() -> engine.queryScalar(slow));
        QueryProgress seen = null;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        // polled as the status bar does, until the server has read something
        while ((seen == null || seen.rowsRead() == 0) && System.nanoTime() < deadline) {
            seen = engine.progress(slow.id()).orElse(null);
        }
        engine.cancel(slow.id());
        assertThrows(ExecutionException.class, () -> running.get(20, TimeUnit.SECONDS));
        assertTrue(seen != null && seen.rowsRead() > 0 && seen.bytesRead() > 0, "progress while running: " + seen);
        assertTrue(engine.progress(slow.id()).isEmpty(), "no progress for a query that ended");
        assertTrue(engine.progress("never-ran").isEmpty());
    }

    private boolean isRunning(String id) {
        String n = engine.queryScalar(Query.of("""
                SELECT count() FROM system.processes
                WHERE (query_id = {id:String} OR position(query, {id:String}) > 0) AND query_id != queryID()""").bind("id", id));
        return !"0".equals(n);
    }

    @Test
    void cancelBeforeStartRefusesTheQuery() {
        Query q = Query.of("SELECT 1");
        // A cancel that arrives while the query waits for a connection must stop it from running.
        engine.cancel(q.id());
        EngineException e = assertThrows(EngineException.class, () -> engine.queryScalar(q));
        assertTrue(e.isCancelled());
    }

    @Test
    void concurrentCallersGetTheirOwnResults() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<CompletableFuture<Boolean>> all = IntStream.range(0, 200)
                    .mapToObj(i -> CompletableFuture.supplyAsync(
                            () -> {
                                String v = "caller-" + i;
                                String got = engine.queryScalar(Query.of(
                                                "SELECT concat({v:String}, '/', toString(sum(number))) FROM numbers({n:UInt32})")
                                        .bind("v", v)
                                        .bind("n", i));
                                return got.equals(v + "/" + ((long) i * (i - 1) / 2));
                            },
                            pool))
                    .toList();
            for (CompletableFuture<Boolean> f : all) {
                assertTrue(f.get(60, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void rowBinaryInsertStreamsRows() {
        String db = freshDatabase("ins");
        engine.execute(Query.of("CREATE TABLE " + db + ".t (id UInt32, name String) ENGINE = MergeTree ORDER BY id"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int rows = 100_000;
        for (int i = 0; i < rows; i++) {
            out.writeBytes(ByteBuffer.allocate(4)
                    .order(ByteOrder.LITTLE_ENDIAN)
                    .putInt(i)
                    .array());
            byte[] name = ("row-" + i).getBytes(StandardCharsets.UTF_8);
            out.write(name.length);
            out.writeBytes(name);
        }
        long written = engine.insert(
                db + ".t", List.of("id", "name"), "RowBinary", new ByteArrayInputStream(out.toByteArray()));
        assertEquals(rows, written);
        assertEquals(
                "row-99999", engine.queryScalar(Query.of("SELECT name FROM " + db + ".t ORDER BY id DESC LIMIT 1")));
        QueryStats stats = engine.query(
                        Query.of("SELECT count() FROM " + db + ".t WHERE name LIKE 'row-1%'"), r -> null)
                .stats();
        assertEquals(rows, stats.rowsRead());
    }

    @Test
    void insertRejectsNonIdentifiers() {
        assertThrows(
                IllegalArgumentException.class,
                () -> engine.insert(
                        "t; DROP TABLE x", List.of("a"), "RowBinary", new ByteArrayInputStream(new byte[0])));
    }

    /** A fresh database with a unique name, for tests that create tables. */
    protected String freshDatabase(String prefix) {
        String name = prefix + "_" + Long.toHexString(System.nanoTime());
        engine.execute(Query.of("CREATE DATABASE " + name));
        return name;
    }

    @Test
    void settingsApplyToOneQueryOnly() {
        Query limited = Query.of("SELECT getSetting('max_threads')").withSetting("max_threads", "1");
        assertEquals("1", engine.queryScalar(limited));
        assertNotEquals(
                "1",
                engine.queryScalar(Query.of("SELECT getSetting('max_threads')")),
                "a per-query setting leaked into the next query");
    }

    @Test
    void timeLimitStopsAQueryWithATimeoutError() {
        Query slow = Query.of("SELECT count() FROM numbers(100000000000) WHERE sipHash64(number) % 7 = 1")
                .withSetting("max_execution_time", "1");
        EngineException e = assertThrows(EngineException.class, () -> engine.queryScalar(slow));
        assertTrue(e.isTimeout(), e.code() + " " + e.getMessage());
        assertEquals("1", engine.queryScalar(Query.of("SELECT 1")));
    }

    @Test
    void emptyResultsHaveColumnsButNoRows() {
        var names = engine.query(Query.of("SELECT number AS n FROM numbers(10) WHERE n > 100"), rows -> {
            assertFalse(rows.next());
            return rows.columnNames();
        });
        assertEquals(List.of("n"), names.value());
        assertEquals(0, names.stats().resultRows());
    }
}
