package dev.callscope.logs;

import dev.callscope.engine.Query;
import dev.callscope.engine.QueryExecutor;
import dev.callscope.logs.search.TextStrategy;
import dev.callscope.schema.Schema;

/** Finds which word-search strategy the logs table supports, from the server's own catalog. */
public final class LogIndexProbe {

    private LogIndexProbe() {
    }

    public static TextStrategy detect(QueryExecutor engine, LogTables tables) {
        return engine.query(Query.of("""
                SELECT type, replaceAll(expr, ' ', '') FROM system.data_skipping_indices
                WHERE database = {db:String} AND table = {table:String}""")
                .bind("db", tables.database()).bind("table", Schema.LOGS_TABLE), rows -> {
                    TextStrategy best = TextStrategy.SCAN;
                    while (rows.next()) {
                        String type = rows.getString(1);
                        String expr = rows.getString(2);
                        if (type.equals("text") && expr.equals("message")) {
                            return TextStrategy.TEXT_INDEX;
                        }
                        if (type.startsWith("tokenbf") && expr.equals("lower(message)")) {
                            best = TextStrategy.TOKEN_BLOOM_FILTER;
                        }
                    }
                    return best;
                }).value();
    }
}
