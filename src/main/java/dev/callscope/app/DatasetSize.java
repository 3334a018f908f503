package dev.callscope.app;

import dev.callscope.calls.EventSchema;
import dev.callscope.engine.Query;
import dev.callscope.engine.ResultHandler;
import dev.callscope.logs.LogSchema;
import dev.callscope.schema.Schema;

/**
 * What a connection holds, as the window's connection bar says it: how many calls and log lines,
 * counted where a connection keeps them (Callscope's tables, a mapped table, or the summary
 * {@code callscope accelerate} keeps of one).
 */
public final class DatasetSize {

    /** Calls and log lines. */
    public record Counts(long calls, long logLines) {}

    private DatasetSize() {}

    /** The log lines of a logs-only connection. */
    public static Query logLines(LogSchema logs) {
        return Query.of("SELECT count() FROM " + logs.qualifiedTable());
    }

    /** The calls and log lines of Callscope's own tables in {@code database}. */
    public static Query ownTables(String database) {
        String db = Schema.requireDatabaseName(database);
        return counts(db + "." + Schema.EVENTS_TABLE, db + "." + Schema.LOGS_TABLE);
    }

    /** The calls of a mapped events table (from {@code acceleratedIn}'s summary when not empty) and the lines of its logs. */
    public static Query mappedTables(EventSchema events, String acceleratedIn, LogSchema logs) {
        String calls = acceleratedIn.isEmpty()
                ? events.relation()
                : Schema.requireDatabaseName(acceleratedIn) + "." + Schema.ATTEMPTS_TABLE;
        return counts(calls, logs.qualifiedTable());
    }

    private static Query counts(String calls, String logs) {
        return Query.of("SELECT (SELECT uniqExact(function_call_id) FROM " + calls + " WHERE function_call_id != ''),"
                + " (SELECT count() FROM " + logs + ")");
    }

    /** Reads {@link #ownTables} or {@link #mappedTables}. */
    public static final ResultHandler<Counts> COUNTS =
            rows -> rows.next() ? new Counts(rows.getLong(1), rows.getLong(2)) : new Counts(0, 0);
}
