package dev.callscope.schema;

import dev.callscope.engine.Query;
import dev.callscope.engine.QueryExecutor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A table's columns as {@code system.columns} lists them, and the sentences a mapping check says
 * about them, so every mapping (logs, events) words a missing table or column the same way.
 */
public final class TableColumns {

    private TableColumns() {}

    /** Column name to its ClickHouse type, in table order; empty when the table does not exist (or is hidden). */
    public static Map<String, String> types(QueryExecutor engine, String database, String table) {
        Map<String, String> types = new LinkedHashMap<>();
        engine.query(
                Query.of("SELECT name, type FROM system.columns WHERE database = {db:String} AND table = {t:String}")
                        .bind("db", database)
                        .bind("t", table),
                rows -> {
                    while (rows.next()) {
                        types.put(rows.getString(1), rows.getString(2));
                    }
                    return null;
                });
        return types;
    }

    /** The problem of a table with no columns to see. */
    public static String missingTable(String qualifiedTable) {
        return "Table " + qualifiedTable + " does not exist (or this user may not see its columns)";
    }

    /** The problem of missing columns, each with the fields that need it: "lacks columns a (for x, y), b (for z)". */
    public static String lacking(String qualifiedTable, Map<String, List<String>> fieldsByMissingColumn) {
        List<String> named = fieldsByMissingColumn.entrySet().stream()
                .map(e -> e.getKey() + " (for " + String.join(", ", e.getValue()) + ")")
                .toList();
        return "Table " + qualifiedTable + " lacks column" + (fieldsByMissingColumn.size() > 1 ? "s " : " ")
                + String.join(", ", named);
    }
}
