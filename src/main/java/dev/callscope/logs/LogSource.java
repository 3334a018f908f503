package dev.callscope.logs;

import dev.callscope.engine.Query;
import dev.callscope.engine.QueryExecutor;
import java.time.Instant;

/**
 * A logs table as opened for searching: how to search it (its indexes, found once), its newest
 * line (a snapshot's "last 24 h" is its last day) and the names of its functions.
 *
 * @param newest null when the table is empty
 */
public record LogSource(LogSearch search, Instant newest, FunctionNames names) {

    public static LogSource open(QueryExecutor engine, LogSchema schema) {
        Instant newest = engine.query(
                        Query.of("SELECT max(" + schema.timeKey() + ") FROM " + schema.qualifiedTable()),
                        r -> r.next() && !r.isNull(1) ? r.getInstant(1) : null)
                .value();
        return new LogSource(LogIndexProbe.search(engine, schema), newest, FunctionNames.load(engine, schema));
    }
}
