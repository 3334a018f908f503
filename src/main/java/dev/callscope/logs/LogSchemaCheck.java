package dev.callscope.logs;

import dev.callscope.engine.QueryExecutor;
import dev.callscope.schema.TableColumns;
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

    private LogSchemaCheck() {}

    /** The problems, each a sentence; empty when the table has every mapped column. */
    public static List<String> problems(QueryExecutor engine, LogSchema schema) {
        Map<String, String> types = TableColumns.types(engine, schema.database(), schema.table());
        if (types.isEmpty()) {
            return List.of(TableColumns.missingTable(schema.qualifiedTable()));
        }
        Map<String, List<String>> missing = new LinkedHashMap<>();
        for (Map.Entry<LogField, ColumnExpr> f : schema.fields().entrySet()) {
            for (String column : f.getValue().columns()) {
                if (!types.containsKey(column)) {
                    missing.computeIfAbsent(column, k -> new ArrayList<>())
                            .add(f.getKey().label());
                }
            }
        }
        List<String> out = new ArrayList<>();
        if (!missing.isEmpty()) {
            out.add(TableColumns.lacking(schema.qualifiedTable(), missing));
        }
        ColumnExpr time = schema.fields().get(LogField.TIME);
        String timeType = time.isPlainColumn() ? types.get(time.sql()) : null;
        if (timeType != null && !timeType.replace("Nullable(", "").startsWith("DateTime")) {
            out.add("The time column " + time.sql() + " is " + timeType + ", not a DateTime or DateTime64");
        }
        return out;
    }
}
