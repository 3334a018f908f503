package dev.callscope.logs;

import dev.callscope.engine.Query;
import dev.callscope.engine.QueryExecutor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Says what a log mapping's table lacks, from {@code system.columns}, as {@code schema.SchemaCheck}
 * does for Callscope's own tables: the table, or the mapped columns (naming the fields that need
 * them), or a time column that holds no time.
 */
public final class LogSchemaCheck {

    private LogSchemaCheck() {
    }

    /** The problems, each a sentence; empty when the table has every mapped column. */
    public static List<String> problems(QueryExecutor engine, LogSchema schema) {
        Map<String, String> types = new LinkedHashMap<>();
        engine.query(Query.of("SELECT name, type FROM system.columns WHERE database = {db:String} AND table = {t:String}")
                .bind("db", schema.database()).bind("t", schema.table()), rows -> {
                    while (rows.next()) {
                        types.put(rows.getString(1), rows.getString(2));
                    }
                    return null;
                });
        if (types.isEmpty()) {
            return List.of("Table " + schema.qualifiedTable() + " does not exist (or this user may not see its columns)");
        }
        Map<String, List<String>> missing = new LinkedHashMap<>();
        for (Map.Entry<LogField, ColumnExpr> f : schema.fields().entrySet()) {
            for (String column : f.getValue().columns()) {
                if (!types.containsKey(column)) {
                    missing.computeIfAbsent(column, k -> new ArrayList<>()).add(f.getKey().label());
                }
            }
        }
        List<String> out = new ArrayList<>();
        if (!missing.isEmpty()) {
            List<String> named = missing.entrySet().stream()
                    .map(e -> e.getKey() + " (for " + String.join(", ", e.getValue()) + ")").toList();
            out.add("Table " + schema.qualifiedTable() + " lacks column" + (missing.size() > 1 ? "s " : " ")
                    + String.join(", ", named));
        }
        ColumnExpr time = schema.fields().get(LogField.TIME);
        String timeType = time.isPlainColumn() ? types.get(time.sql()) : null;
        if (timeType != null && !timeType.replace("Nullable(", "").startsWith("DateTime")) {
            out.add("The time column " + time.sql() + " is " + timeType + ", not a DateTime or DateTime64");
        }
        return out;
    }
}
