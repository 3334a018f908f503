package dev.callscope.logs;

import dev.callscope.engine.Query;
import dev.callscope.engine.QueryExecutor;
import dev.callscope.schema.Schema;
import java.util.HashMap;
import java.util.Map;

/**
 * The names people know for the function and app ids log lines carry: from Callscope's call
 * summary (or events) beside its logs table. A mapped logs table has no such directory, and its
 * lines show what they hold (often names already); an unknown id shows as itself.
 */
public record FunctionNames(Map<String, String> functions, Map<String, String> apps) {

    public static final FunctionNames NONE = new FunctionNames(Map.of(), Map.of());

    public FunctionNames {
        functions = Map.copyOf(functions);
        apps = Map.copyOf(apps);
    }

    /** The name of a function id, or the id when none is known. */
    public String function(String id) {
        return functions.getOrDefault(id, id);
    }

    public String app(String id) {
        return apps.getOrDefault(id, id);
    }

    /** Whether {@code id} has a name of its own (not just itself). */
    public boolean named(String id) {
        return functions.containsKey(id) || apps.containsKey(id);
    }

    /** The names beside {@code schema}'s table: one grouped read of the summary (a quarter of the events' rows). */
    public static FunctionNames load(QueryExecutor engine, LogSchema schema) {
        if (!schema.canonical()) {
            return NONE;
        }
        String db = schema.database();
        String summary = engine.query(
                        Query.of("SELECT count() FROM system.tables WHERE database = {d:String} AND name = {t:String}")
                                .bind("d", db)
                                .bind("t", Schema.ATTEMPTS_TABLE),
                        rows -> rows.next() ? rows.getString(1) : "0")
                .value();
        String table = db + "." + ("1".equals(summary) ? Schema.ATTEMPTS_TABLE : Schema.EVENTS_TABLE);
        Map<String, String> functions = new HashMap<>();
        Map<String, String> apps = new HashMap<>();
        engine.query(
                Query.of("SELECT function_id, max(function_name), max(app_id), max(app_name) FROM " + table
                        + " GROUP BY function_id"),
                rows -> {
                    while (rows.next()) {
                        if (!rows.getString(2).isEmpty()) {
                            functions.put(rows.getString(1), rows.getString(2));
                        }
                        if (!rows.getString(3).isEmpty() && !rows.getString(4).isEmpty()) {
                            apps.put(rows.getString(3), rows.getString(4));
                        }
                    }
                    return null;
                });
        return new FunctionNames(functions, apps);
    }
}
