package dev.callscope.calls;

import dev.callscope.engine.Query;
import dev.callscope.engine.QueryExecutor;
import java.util.HashMap;
import java.util.Map;

/** What a function id stands for: its name, app and GPU, read once per table (see {@link AttemptRows#functionNames}). */
public final class FunctionDirectory {

    /** A function as people know it; an id with nothing known is named by itself. */
    public record Function(String id, String name, String app, String gpu) {}

    private final Map<String, Function> byId;

    private FunctionDirectory(Map<String, Function> byId) {
        this.byId = byId;
    }

    static FunctionDirectory read(QueryExecutor engine, String table) {
        Map<String, Function> names = new HashMap<>();
        // max, not any: rows that carry only a flag have empty names
        engine.query(
                Query.of("SELECT function_id, max(function_name), max(app_name), max(gpu_type) FROM " + table
                        + " GROUP BY function_id"),
                rows -> {
                    while (rows.next()) {
                        String id = rows.getString(1);
                        names.put(id, new Function(id, rows.getString(2), rows.getString(3), rows.getString(4)));
                    }
                    return null;
                });
        return new FunctionDirectory(Map.copyOf(names));
    }

    /** The function {@code id}, or one named by its id when the table has no name for it. */
    public Function get(String id) {
        Function f = byId.get(id);
        return f != null ? f : new Function(id, id, "", "");
    }

    public boolean contains(String id) {
        return byId.containsKey(id);
    }
}
