package dev.callscope.schema;

import dev.callscope.engine.Engine;
import dev.callscope.engine.Query;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Creates Callscope's tables: {@code function_call_events} (lifecycle events, one
 * ReplacingMergeTree), {@code function_logs}, and {@code function_call_attempts} (one row per attempt,
 * kept by a materialized view). The DDL lives in resources next to this class;
 * {@code {db}} in it is replaced by a validated database name, since identifiers cannot be bound.
 */
public final class Schema {

    /** The database Callscope's own tables live in unless told otherwise (the demo, the embedded engine, `schema create`). */
    public static final String DATABASE = "callscope";

    public static final String EVENTS_TABLE = "function_call_events";
    public static final String LOGS_TABLE = "function_logs";
    /** One row per attempt, folded from the events by a materialized view; optional on servers. */
    public static final String ATTEMPTS_TABLE = "function_call_attempts";
    /** The materialized views that keep {@link #ATTEMPTS_TABLE} current. */
    public static final String ATTEMPTS_VIEW = "function_call_attempts_mv";

    public static final String RETRIES_VIEW = "function_call_retries_mv";
    /** Finished calls per function and 30-second slot (filled by sealing, see its DDL). */
    public static final String ROLLUP_TABLE = "function_call_rollup";
    /**
     * The per-minute rollup of earlier versions: sealed with a two-hour enqueue lookback (it missed
     * calls that queued longer) and too coarse for an hour's 30-second buckets; dropped on sight.
     */
    private static final String OLD_MINUTES_TABLE = "function_call_minutes";

    private static final Pattern DATABASE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,63}");

    /** How function_logs.message is indexed for token search. */
    public enum LogIndex {
        /** ClickHouse 26.2+: an inverted text index, used by hasToken/hasAllTokens/hasAnyTokens. */
        TEXT("function_logs.sql"),
        /** Older servers: a token bloom filter on lower(message). */
        TOKEN_BLOOM_FILTER("function_logs_tokenbf.sql");

        private final String resource;

        /** The resource of the logs table's DDL with this index. */
        public String resource() {
            return resource;
        }

        LogIndex(String resource) {
            this.resource = resource;
        }
    }

    private Schema() {}

    /** Creates the database and the tables if missing, with the text index on log messages. */
    public static void create(Engine engine, String database) {
        create(engine, database, LogIndex.TEXT);
    }

    public static void create(Engine engine, String database, LogIndex logIndex) {
        String db = requireDatabaseName(database);
        engine.execute(Query.of("CREATE DATABASE IF NOT EXISTS " + db));
        engine.execute(Query.of(ddl("function_call_events.sql", db)));
        engine.execute(Query.of(ddl(logIndex.resource, db)));
        addAttempts(engine, db);
        engine.execute(Query.of(ddl("function_call_rollup.sql", db)));
        QuietDays.keepMerged(engine, db);
    }

    /** The rollup table's DDL for {@code database}. */
    public static String rollupDdl(String database) {
        return ddl("function_call_rollup.sql", database);
    }

    /** The rollup's version, kept as its table comment; a rollup of another version is rebuilt. */
    static final String ROLLUP_VERSION = "v3";

    /**
     * Creates the rollup table if missing or of another version (empty: sealing fills it), and drops
     * the per-minute one of earlier versions. Returns true when it created it, so the caller seals it.
     */
    public static boolean addRollup(Engine engine, String database) {
        String db = requireDatabaseName(database);
        engine.execute(Query.of("DROP TABLE IF EXISTS " + db + "." + OLD_MINUTES_TABLE));
        String version = engine.query(
                        Query.of("SELECT comment FROM system.tables WHERE database = {db:String} AND name = {t:String}")
                                .bind("db", db)
                                .bind("t", ROLLUP_TABLE),
                        rows -> rows.next() ? rows.getString(1) : null)
                .value();
        if (ROLLUP_VERSION.equals(version)) {
            return false;
        }
        if (version != null) {
            // a rollup's numbers cannot be patched: it is sealed again from the calls
            engine.execute(Query.of("DROP TABLE " + db + "." + ROLLUP_TABLE));
        }
        engine.execute(Query.of(ddl("function_call_rollup.sql", db)));
        return true;
    }

    /** The logs table's time to the second, for the match histogram (see function_logs.sql). */
    public static final String LOG_SECONDS_COLUMN = "timestamp_second";

    /**
     * Adds {@link #LOG_SECONDS_COLUMN} and its minmax index to a logs table that predates them and
     * writes them for the lines already stored. Idempotent; returns true when it had work to do.
     */
    public static boolean addLogSeconds(Engine engine, String database) {
        String db = requireDatabaseName(database);
        if (hasLogSeconds(engine, db)) {
            return false;
        }
        String table = db + "." + LOGS_TABLE;
        engine.execute(Query.of("ALTER TABLE " + table + " ADD COLUMN IF NOT EXISTS " + LOG_SECONDS_COLUMN
                + " DateTime('UTC') MATERIALIZED toDateTime(timestamp) CODEC(Delta, LZ4)"));
        engine.execute(Query.of("ALTER TABLE " + table + " ADD INDEX IF NOT EXISTS " + LOG_SECONDS_COLUMN + "_minmax "
                + LOG_SECONDS_COLUMN + " TYPE minmax GRANULARITY 1"));
        // until written, old parts compute the column from timestamp on every read: correct but slow
        engine.execute(Query.of(
                "ALTER TABLE " + table + " MATERIALIZE COLUMN " + LOG_SECONDS_COLUMN + " SETTINGS mutations_sync = 1"));
        engine.execute(Query.of("ALTER TABLE " + table + " MATERIALIZE INDEX " + LOG_SECONDS_COLUMN
                + "_minmax SETTINGS mutations_sync = 1"));
        return true;
    }

    /**
     * Gives a logs table that predates it (or keeps patterns of other rules) the
     * {@link PatternRules#COLUMN} column and writes it for the lines already stored, in the
     * background unless {@code wait}: until written, old parts compute it on every read (correct,
     * slower). Idempotent; returns true when it had work to do.
     */
    public static boolean addLogPatterns(Engine engine, String database, boolean wait) {
        String db = requireDatabaseName(database);
        String comment = engine.query(
                        Query.of(
                                        "SELECT comment FROM system.columns WHERE database = {db:String} AND table = {t:String} AND name = {c:String}")
                                .bind("db", db)
                                .bind("t", LOGS_TABLE)
                                .bind("c", PatternRules.COLUMN),
                        rows -> rows.next() ? rows.getString(1) : null)
                .value();
        if (PatternRules.VERSION.equals(comment)) {
            return false;
        }
        String table = db + "." + LOGS_TABLE;
        String column = PatternRules.COLUMN + " LowCardinality(String) MATERIALIZED " + PatternRules.sql("message")
                + " COMMENT " + PatternRules.literal(PatternRules.VERSION);
        engine.execute(Query.of("ALTER TABLE " + table
                + (comment == null ? " ADD COLUMN IF NOT EXISTS " : " MODIFY COLUMN ") + column));
        engine.execute(Query.of("ALTER TABLE " + table + " MATERIALIZE COLUMN " + PatternRules.COLUMN
                + (wait ? " SETTINGS mutations_sync = 1" : "")));
        return true;
    }

    /** True when the logs table in {@code database} has {@link #LOG_SECONDS_COLUMN}. */
    public static boolean hasLogSeconds(Engine engine, String database) {
        return !"0"
                .equals(engine.queryScalar(Query.of(
                                "SELECT count() FROM system.columns WHERE database = {db:String} AND table = {t:String} AND name = {c:String}")
                        .bind("db", requireDatabaseName(database))
                        .bind("t", LOGS_TABLE)
                        .bind("c", LOG_SECONDS_COLUMN)));
    }

    /**
     * Adds the per-attempt summary table and the views that keep it current to a database that
     * predates them, filling it from the events already stored. Idempotent; returns true when it
     * had work to do. Inserts racing the backfill are harmless: the table's columns are min/max
     * over events, so an event folded twice changes nothing. The backfill is written in key order,
     * so its parts do not overlap and reading them with FINAL needs no merging.
     */
    public static boolean addAttempts(Engine engine, String database) {
        String db = requireDatabaseName(database);
        boolean links = addEventLinks(engine, db);
        if (hasAttempts(engine, db)) {
            return upgradeAttempts(engine, db) || links;
        }
        summarize(engine, db, db + "." + EVENTS_TABLE, null);
        return true;
    }

    /**
     * Creates the per-attempt summary in {@code db}, kept current from {@code source} by the two
     * views, and fills it from the rows already there ({@link #summaryStatements}).
     */
    public static void summarize(Engine engine, String db, String source, String comment) {
        for (String statement : summaryStatements(db, source, comment)) {
            engine.execute(Query.of(statement));
        }
        mergeAttempts(engine, db);
    }

    /**
     * The statements that create the per-attempt summary in {@code db}, kept current from
     * {@code source} (Callscope's events table, or a subquery giving a user's table Callscope's
     * columns) by the two views, and fill it from the rows already there (in key order, so its
     * parts do not overlap).
     *
     * @param comment the views' comment (how a summary of a user's table is found), or null for Callscope's own
     */
    public static List<String> summaryStatements(String db, String source, String comment) {
        requireDatabaseName(db);
        boolean own = comment == null;
        String attempts = attemptsSelect(db, source, own);
        String retries = ddl("function_call_retries_select.sql", db).replace("{events}", source);
        String table = ddl("function_call_attempts.sql", db);
        String suffix = own ? "" : "\nCOMMENT '" + comment.replace("'", "") + "'";
        String keyOrder = "\nORDER BY function_id, enqueued_at, function_call_id, attempt";
        return List.of(
                // a user's table may hold outcomes that are none of Callscope's: kept as 'unknown'
                own ? table : requireReplaced(table, STATUS_ENUM, USER_STATUS_ENUM),
                ddl("function_call_attempts_mv.sql", db).replace("{select}", attempts) + suffix,
                ddl("function_call_retries_mv.sql", db).replace("{select}", retries) + suffix,
                "INSERT INTO " + db + "." + ATTEMPTS_TABLE + """
                         (function_id, enqueued_at, function_call_id, attempt, queued_at, container_id, cold_start_began_at,
                          cold_start_ended_at, started_at, finished_at, is_cold_start, status, app_id, app_name, function_name,
                          gpu_type, gpu_count, cpu_cores, memory_mib, updated_at, parent_call_id, root_call_id, batch_id, input_index)
                        """ + attempts + keyOrder,
                "INSERT INTO " + db + "." + ATTEMPTS_TABLE
                        + " (function_id, enqueued_at, function_call_id, attempt, retried, updated_at) " + retries
                        + keyOrder);
    }

    private static final String STATUS_ENUM = "'terminated' = 5)";
    private static final String USER_STATUS_ENUM = "'terminated' = 5, 'unknown' = 6)";

    /** The attempts view's query over {@code source}; a user's statuses (text) are compared as Callscope's enum, ordered alike. */
    private static String attemptsSelect(String db, String source, boolean own) {
        String select = ddl("function_call_attempts_select.sql", db).replace("{events}", source);
        if (own) {
            return select;
        }
        return requireReplaced(
                select,
                "maxIf(status, event_type = 'finished')",
                "maxIf(CAST(status, 'Enum8(''pending'' = 0, ''success'' = 1, ''failure'' = 2, ''timeout'' = 3, ''init_failure'' = 4,"
                        + " ''terminated'' = 5, ''unknown'' = 6)'), event_type = 'finished')");
    }

    private static String requireReplaced(String text, String what, String with) {
        if (!text.contains(what)) {
            throw new IllegalStateException("The summary's SQL no longer holds " + what);
        }
        return text.replace(what, with);
    }

    private static void createAttemptViews(Engine engine, String db) {
        String source = db + "." + EVENTS_TABLE;
        engine.execute(Query.of(
                ddl("function_call_attempts_mv.sql", db).replace("{select}", attemptsSelect(db, source, true))));
        engine.execute(Query.of(ddl("function_call_retries_mv.sql", db)
                .replace("{select}", ddl("function_call_retries_select.sql", db).replace("{events}", source))));
    }

    /** The call graph's and batch jobs' columns (see function_call_events.sql), with their types on the events. */
    private static final List<String> LINK_COLUMNS =
            List.of("parent_call_id String", "root_call_id String", "batch_id String", "input_index UInt32");

    /** The summary's index on finishes without the unfinished (see function_call_attempts.sql). */
    public static final String FINISHED_KNOWN_INDEX = "finished_known_minmax";

    private static boolean hasIndex(Engine engine, String db, String table, String index) {
        return catalogHas(engine, "system.data_skipping_indices", db, table, index);
    }

    private static boolean hasColumn(Engine engine, String db, String table, String column) {
        return catalogHas(engine, "system.columns", db, table, column);
    }

    /** Whether {@code catalog} (a system table of one row per named thing of a table) names {@code name} on it. */
    private static boolean catalogHas(Engine engine, String catalog, String db, String table, String name) {
        return !"0"
                .equals(engine.queryScalar(Query.of("SELECT count() FROM " + catalog
                                + " WHERE database = {db:String} AND table = {t:String} AND name = {n:String}")
                        .bind("db", db)
                        .bind("t", table)
                        .bind("n", name)));
    }

    /**
     * Events of an earlier version lack the call graph's and batch jobs' columns: adds them (a
     * change of metadata only; the calls already stored read as in no tree and no batch).
     */
    private static boolean addEventLinks(Engine engine, String db) {
        if (hasColumn(engine, db, EVENTS_TABLE, "root_call_id")) {
            return false;
        }
        String table = db + "." + EVENTS_TABLE;
        for (String column : LINK_COLUMNS) {
            engine.execute(Query.of("ALTER TABLE " + table + " ADD COLUMN IF NOT EXISTS " + column + " DEFAULT "
                    + (column.endsWith("String") ? "''" : "0")));
        }
        engine.execute(Query.of("ALTER TABLE " + table
                + " ADD INDEX IF NOT EXISTS root_call_bf root_call_id TYPE bloom_filter(0.01) GRANULARITY 4"));
        engine.execute(Query.of("ALTER TABLE " + table
                + " ADD INDEX IF NOT EXISTS batch_bf batch_id TYPE bloom_filter(0.01) GRANULARITY 4"));
        return true;
    }

    /**
     * A summary of an earlier version lacks {@code updated_at} (when an attempt's events last
     * arrived, which the rollup's refresh needs for late events) or the call graph's columns: adds
     * what is missing and writes the views again so they fill it. Rows already stored keep the
     * epoch (as if sealed long ago) and no tree. One that lacks the index on known finishes gets it,
     * built for the rows already stored.
     */
    private static boolean upgradeAttempts(Engine engine, String db) {
        String table = db + "." + ATTEMPTS_TABLE;
        boolean changed = false;
        if (!hasColumn(engine, db, ATTEMPTS_TABLE, "updated_at")) {
            engine.execute(Query.of("ALTER TABLE " + table + " ADD COLUMN IF NOT EXISTS updated_at"
                    + " SimpleAggregateFunction(max, DateTime64(3, 'UTC'))"));
            engine.execute(Query.of("ALTER TABLE " + table
                    + " ADD INDEX IF NOT EXISTS updated_minmax updated_at TYPE minmax GRANULARITY 1"));
            changed = true;
        }
        if (!hasColumn(engine, db, ATTEMPTS_TABLE, "root_call_id")) {
            for (String column : LINK_COLUMNS) {
                String[] nameType = column.split(" ");
                engine.execute(Query.of("ALTER TABLE " + table + " ADD COLUMN IF NOT EXISTS " + nameType[0]
                        + " SimpleAggregateFunction(max, " + nameType[1] + ")"));
            }
            engine.execute(Query.of("ALTER TABLE " + table
                    + " ADD INDEX IF NOT EXISTS root_call_bf root_call_id TYPE bloom_filter(0.01) GRANULARITY 1"));
            engine.execute(Query.of("ALTER TABLE " + table
                    + " ADD INDEX IF NOT EXISTS batch_bf batch_id TYPE bloom_filter(0.01) GRANULARITY 1"));
            changed = true;
        }
        if (changed) {
            engine.execute(Query.of("DROP VIEW IF EXISTS " + db + ".function_call_attempts_mv"));
            engine.execute(Query.of("DROP VIEW IF EXISTS " + db + ".function_call_retries_mv"));
            createAttemptViews(engine, db);
        }
        // a change of the index alone: the views are unchanged
        changed |= addFinishedKnownIndex(engine, db);
        return changed;
    }

    /**
     * A summary without the index on known finishes gets it, built at once for the rows already stored (a minmax over
     * one column: 0.3 s at 13.4M attempts). Returns true when it was missing.
     */
    private static boolean addFinishedKnownIndex(Engine engine, String db) {
        if (hasIndex(engine, db, ATTEMPTS_TABLE, FINISHED_KNOWN_INDEX)) {
            return false;
        }
        String table = db + "." + ATTEMPTS_TABLE;
        engine.execute(Query.of("ALTER TABLE " + table + " ADD INDEX IF NOT EXISTS " + FINISHED_KNOWN_INDEX
                + " assumeNotNull(finished_at) TYPE minmax GRANULARITY 1"));
        engine.execute(Query.of("ALTER TABLE " + table + " MATERIALIZE INDEX " + FINISHED_KNOWN_INDEX
                + " SETTINGS mutations_sync = 1"));
        return true;
    }

    /**
     * Merges the summary's parts now rather than in the background, after a bulk load: until they
     * are merged, reading with FINAL merges overlapping parts on every query.
     */
    public static void mergeAttempts(Engine engine, String database) {
        engine.execute(Query.of("OPTIMIZE TABLE " + requireDatabaseName(database) + "." + ATTEMPTS_TABLE + " FINAL"));
    }

    /** True when {@code database} has the per-attempt summary table. */
    public static boolean hasAttempts(Engine engine, String database) {
        return "1"
                .equals(engine.queryScalar(
                        Query.of("SELECT count() FROM system.tables WHERE database = {db:String} AND name = {t:String}")
                                .bind("db", requireDatabaseName(database))
                                .bind("t", ATTEMPTS_TABLE)));
    }

    /** True when both tables exist in {@code database}. */
    public static boolean exists(Engine engine, String database) {
        String n = engine.queryScalar(Query.of(
                        "SELECT count() FROM system.tables WHERE database = {db:String} AND name IN ({events:String}, {logs:String})")
                .bind("db", requireDatabaseName(database))
                .bind("events", EVENTS_TABLE)
                .bind("logs", LOGS_TABLE));
        return "2".equals(n);
    }

    /** Returns {@code name} when it is a plain identifier safe to splice into SQL, else throws. */
    public static String requireDatabaseName(String name) {
        if (name == null || !DATABASE_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("Not a valid database name: " + name);
        }
        return name;
    }

    /** A DDL resource of this package with {@code {db}} replaced. */
    /** A schema resource's DDL for {@code database} (the cluster layout rewrites these). */
    public static String ddl(String resource, String database) {
        return resourceText(Schema.class, resource)
                .replace("{db}", requireDatabaseName(database))
                .replace("{pattern_version}", PatternRules.VERSION)
                .replace("{pattern}", PatternRules.sql("message"));
    }

    /** Reads a UTF-8 resource relative to {@code owner}'s package. */
    public static String resourceText(Class<?> owner, String resource) {
        try (InputStream in = owner.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Missing resource " + resource + " next to " + owner.getName());
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
