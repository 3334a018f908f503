package dev.callscope.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.callscope.engine.Engine;
import dev.callscope.engine.Query;
import dev.callscope.testing.TestEngine;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SchemaTest {

    private final Engine engine = TestEngine.shared();

    private String tableField(String db, String table, String field) {
        return engine.queryScalar(
                Query.of("SELECT " + field + " FROM system.tables WHERE database = {db:String} AND name = {t:String}")
                        .bind("db", db)
                        .bind("t", table));
    }

    private String index(String db, String table, String name) {
        return engine.queryScalar(Query.of("""
                SELECT concat(type_full, ' ON ', expr) FROM system.data_skipping_indices
                WHERE database = {db:String} AND table = {t:String} AND name = {n:String}""").bind("db", db).bind("t", table).bind("n", name));
    }

    @Test
    void createsBothTablesWithTheirKeysEnginesAndIndexes() {
        String db = "schema_" + Long.toHexString(System.nanoTime());
        assertFalse(Schema.exists(engine, db));
        Schema.create(engine, db);
        Schema.create(engine, db); // idempotent
        assertTrue(Schema.exists(engine, db));

        assertEquals("ReplacingMergeTree", tableField(db, "function_call_events", "engine"));
        assertEquals("function_id, function_call_id, event_at", tableField(db, "function_call_events", "sorting_key"));
        assertEquals("toDate(event_at)", tableField(db, "function_call_events", "partition_key"));
        assertTrue(tableField(db, "function_call_events", "engine_full").startsWith("ReplacingMergeTree(ingested_at)"));

        assertEquals("MergeTree", tableField(db, "function_logs", "engine"));
        assertEquals("timestamp", tableField(db, "function_logs", "sorting_key"));
        assertEquals("toDate(timestamp)", tableField(db, "function_logs", "partition_key"));
        String text = index(db, "function_logs", "message_text");
        assertTrue(text.startsWith("text(") && text.contains("splitByNonAlpha") && text.endsWith(" ON message"), text);
        assertTrue(index(db, "function_call_events", "call_id_bf").startsWith("bloom_filter"));
    }

    @Test
    void textIndexServesCaseInsensitiveTokenSearch() {
        String db = "schema_" + Long.toHexString(System.nanoTime());
        Schema.create(engine, db);
        engine.execute(Query.of("INSERT INTO " + db + """
                .function_logs (timestamp, function_id, message)
                SELECT toDateTime64('2026-01-01', 6, 'UTC') + number / 100, 'fu-x',
                       if(number % 50000 = 3, 'Worker ERROR: boom', concat('ok line ', toString(number)))
                FROM numbers(300000)"""));
        for (String predicate : new String[] {"hasToken(message, 'error')", "hasAllTokens(message, 'error')"}) {
            var result = engine.query(
                    Query.of("SELECT count() FROM " + db + ".function_logs WHERE " + predicate),
                    rows -> rows.next() ? rows.getLong(1) : -1);
            assertEquals(6, result.value(), predicate);
            assertTrue(
                    result.stats().rowsRead() < 300000 / 2,
                    predicate + " read " + result.stats().rowsRead() + " rows: index unused");
        }
        String plan = engine.query(
                        Query.of("EXPLAIN indexes = 1 SELECT count() FROM " + db
                                + ".function_logs WHERE hasAllTokens(message, 'error')"),
                        rows -> {
                            StringBuilder sb = new StringBuilder();
                            while (rows.next()) {
                                sb.append(rows.getString(1)).append('\n');
                            }
                            return sb.toString();
                        })
                .value();
        assertTrue(plan.contains("message_text"), plan);
    }

    @Test
    void fallbackTokenBloomFilterDdlIsValid() {
        String db = "schema_" + Long.toHexString(System.nanoTime());
        Schema.create(engine, db, Schema.LogIndex.TOKEN_BLOOM_FILTER);
        assertTrue(Schema.exists(engine, db));
        String idx = index(db, "function_logs", "message_tokens");
        assertEquals("tokenbf_v1(32768, 3, 0) ON lower(message)", idx);
        assertEquals(
                "8",
                engine.queryScalar(Query.of("SELECT granularity FROM system.data_skipping_indices "
                                + "WHERE database = {db:String} AND name = 'message_tokens'")
                        .bind("db", db)));
        engine.execute(Query.of(
                "INSERT INTO " + db + ".function_logs (timestamp, message) VALUES (now64(6), 'An ERROR here')"));
        assertEquals(
                "1",
                engine.queryScalar(Query.of(
                        "SELECT count() FROM " + db + ".function_logs WHERE hasToken(lower(message), 'error')")));
    }

    @Test
    void rejectsDatabaseNamesThatAreNotPlainIdentifiers() {
        for (String bad : new String[] {"x; DROP TABLE y", "a.b", "", "1abc", "db`", null}) {
            assertThrows(IllegalArgumentException.class, () -> Schema.create(engine, bad), String.valueOf(bad));
        }
    }

    @Test
    void aRollupOfAnOlderVersionIsRebuiltEmptyForResealing() {
        String db = "schema_" + Long.toHexString(System.nanoTime());
        Schema.create(engine, db);
        assertFalse(Schema.addRollup(engine, db), "a new database has the current rollup");
        String table = db + "." + Schema.ROLLUP_TABLE;
        engine.execute(Query.of("ALTER TABLE " + table + " MODIFY COMMENT ''"));
        engine.execute(Query.of(
                "INSERT INTO " + table + " (function_id, slot, calls) VALUES ('fu-1', '2026-11-20 12:00:00', 5)"));
        // the per-minute table of earlier versions
        engine.execute(Query.of(
                "CREATE TABLE " + db + ".function_call_minutes (minute DateTime) ENGINE = MergeTree ORDER BY minute"));

        assertTrue(Schema.addRollup(engine, db), "a rollup without the version is rebuilt");
        assertEquals("0", engine.queryScalar(Query.of("SELECT count() FROM " + table)), "its old slots are gone");
        assertEquals(
                "0",
                engine.queryScalar(Query.of("SELECT count() FROM system.tables WHERE database = {db:String} "
                                + "AND name = 'function_call_minutes'")
                        .bind("db", db)),
                "the per-minute rollup of earlier versions is dropped");
        assertFalse(Schema.addRollup(engine, db));
    }

    /**
     * The summary and the rollup are merged by the server once a day is quiet: created with the
     * settings, given them when made by an earlier version, and a quiet partition's parts become one
     * with nothing asking for it (the threshold lowered here from an hour to a second).
     */
    @Test
    void aQuietDayIsMergedIntoOnePartByTheServerItself() throws InterruptedException {
        Engine engine = TestEngine.shared();
        String db = TestEngine.freshDatabase("quiet");
        Schema.create(engine, db);
        for (String t : List.of(Schema.EVENTS_TABLE, Schema.ATTEMPTS_TABLE, Schema.ROLLUP_TABLE)) {
            assertTrue(engineFull(engine, db, t).contains("min_age_to_force_merge_seconds = 3600"), t);
        }
        assertFalse(QuietDays.keepMerged(engine, db), "nothing to change on a new schema");
        engine.execute(Query.of("ALTER TABLE " + db + "." + Schema.ATTEMPTS_TABLE
                + " RESET SETTING min_age_to_force_merge_seconds, min_age_to_force_merge_on_partition_only"));
        assertTrue(QuietDays.keepMerged(engine, db), "an earlier version's summary");
        assertTrue(engineFull(engine, db, Schema.ATTEMPTS_TABLE).contains("min_age_to_force_merge_seconds = 3600"));

        engine.execute(Query.of("ALTER TABLE " + db + "." + Schema.ATTEMPTS_TABLE
                + " MODIFY SETTING min_age_to_force_merge_seconds = 1"));
        for (int i = 0; i < 3; i++) {
            // three INSERTs, three parts of one day, as a pipeline leaves them
            engine.execute(Query.of(
                            "INSERT INTO " + db + "." + Schema.ATTEMPTS_TABLE
                                    + " (function_id, enqueued_at, function_call_id, attempt) VALUES ('fu', {t:DateTime64(6, 'UTC')}, {c:String}, 1)")
                    .bind("t", Instant.parse("2026-03-02T10:00:00Z").plusSeconds(i))
                    .bind("c", "fc-" + i));
        }
        long deadline = System.nanoTime() + 60_000_000_000L;
        String parts;
        do {
            Thread.sleep(250);
            parts = engine.queryScalar(Query.of(
                            "SELECT count() FROM system.parts WHERE database = {db:String} AND table = {t:String} AND active")
                    .bind("db", db)
                    .bind("t", Schema.ATTEMPTS_TABLE));
        } while (!"1".equals(parts) && System.nanoTime() < deadline);
        assertEquals("1", parts, "the server merged the quiet day by itself");
    }

    private static String engineFull(Engine engine, String db, String table) {
        return engine.queryScalar(
                Query.of("SELECT engine_full FROM system.tables WHERE database = {db:String} AND name = {t:String}")
                        .bind("db", db)
                        .bind("t", table));
    }
}
