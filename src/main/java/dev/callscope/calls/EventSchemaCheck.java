package dev.callscope.calls;

import dev.callscope.engine.EngineException;
import dev.callscope.engine.Query;
import dev.callscope.engine.QueryExecutor;
import dev.callscope.schema.TableColumns;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Says what an events mapping's table lacks, field by field, before any view reads it: the table
 * ({@code system.columns}), each plain column by name, each expression by a dry run on the server
 * ({@code DESCRIBE}, which types the expression and reads no rows), times that are not times, and
 * status or event-type words Callscope would not understand (from a sample of rows).
 */
public final class EventSchemaCheck {

    /** Rows sampled for the status and event-type words. */
    private static final int SAMPLE_ROWS = 100_000;

    private EventSchemaCheck() {}

    /** The problems, each a sentence naming the field; empty when every view can read the mapping. */
    public static List<String> problems(QueryExecutor engine, EventSchema schema) {
        Map<String, String> types = TableColumns.types(engine, schema.database(), schema.table());
        if (types.isEmpty()) {
            return List.of(TableColumns.missingTable(schema.qualifiedTable()));
        }
        List<String> out = new ArrayList<>();
        Map<String, List<String>> missing = new LinkedHashMap<>();
        boolean usable = true;
        for (Map.Entry<EventField, EventExpr> f : schema.fields().entrySet()) {
            EventField field = f.getKey();
            EventExpr expr = f.getValue();
            if (expr.isPlainColumn() && !types.containsKey(expr.sql())) {
                missing.computeIfAbsent(expr.sql(), k -> new ArrayList<>()).add(field.title());
                usable = false;
                continue;
            }
            String problem = dryRun(engine, schema, field, expr, types);
            if (problem != null) {
                out.add(problem);
                usable = false;
            }
        }
        if (!missing.isEmpty()) {
            out.addFirst(TableColumns.lacking(schema.qualifiedTable(), missing));
        }
        if (!usable) {
            return out;
        }
        String whole = error(engine, "DESCRIBE (SELECT * FROM " + schema.relation() + ")");
        if (whole != null) {
            out.add("The mapping as a whole does not read: " + whole);
            return out;
        }
        words(
                        engine,
                        schema,
                        EventField.STATUS,
                        EventSchema.STATUSES,
                        "outcomes",
                        "multiIf(outcome = 'ok', 'success', 'failure')")
                .ifPresent(out::add);
        words(
                        engine,
                        schema,
                        EventField.EVENT_TYPE,
                        EventSchema.EVENT_TYPES,
                        "event types",
                        "transform(kind, ['enqueue', 'run', 'done'], ['queued', 'started', 'finished'], kind)")
                .ifPresent(out::add);
        return out;
    }

    /** The field's expression typed by the server: its error, or a time that holds no time. */
    private static String dryRun(
            QueryExecutor engine, EventSchema schema, EventField field, EventExpr expr, Map<String, String> types) {
        String sql = "DESCRIBE (SELECT " + expr.sql() + " AS raw, "
                + field.type().convert(expr.sql()) + " AS converted FROM " + schema.qualifiedTable() + ")";
        List<String> described = new ArrayList<>();
        String error;
        try {
            engine.query(Query.of(sql), rows -> {
                while (rows.next()) {
                    described.add(rows.getString(2));
                }
                return null;
            });
            error = null;
        } catch (EngineException e) {
            error = firstLine(e.getMessage());
        }
        if (error != null) {
            List<String> unknown =
                    expr.columns().stream().filter(c -> !types.containsKey(c)).toList();
            return field.title() + ": "
                    + (unknown.isEmpty()
                            ? ""
                            : "no column " + String.join(", ", unknown) + " in " + schema.qualifiedTable() + "; ")
                    + "the server says: " + error;
        }
        boolean time = field.type() == EventField.Type.TIME || field.type() == EventField.Type.NULLABLE_TIME;
        String type = described.isEmpty() ? "" : described.getFirst();
        String bare = type.replace("Nullable(", "").replace("LowCardinality(", "");
        if (time && !bare.startsWith("DateTime") && !bare.startsWith("Date")) {
            return field.title() + ": " + expr.sql() + " is " + type + ", not a date and time; convert it, e.g. "
                    + (bare.startsWith("String")
                            ? "parseDateTime64BestEffort(" + expr.sql() + ", 6)"
                            : "fromUnixTimestamp64Milli(" + expr.sql() + ")");
        }
        return null;
    }

    /** A sample of the words a field holds that Callscope does not know, as a sentence. */
    private static Optional<String> words(
            QueryExecutor engine,
            EventSchema schema,
            EventField field,
            List<String> known,
            String what,
            String example) {
        EventExpr expr = schema.fields().get(field);
        if (expr == null) {
            return Optional.empty();
        }
        List<String> seen = new ArrayList<>();
        engine.query(
                Query.of("SELECT groupUniqArray(20)(v) FROM (SELECT lower("
                                + field.type().convert(expr.sql()) + ") AS v FROM " + schema.qualifiedTable()
                                + " LIMIT {n:UInt32}) WHERE v != ''")
                        .bind("n", SAMPLE_ROWS),
                rows -> {
                    if (rows.next()) {
                        for (Object v : rows.getList(1)) {
                            seen.add(String.valueOf(v));
                        }
                    }
                    return null;
                });
        List<String> unknown = seen.stream()
                .filter(v -> !known.contains(v.toLowerCase(Locale.ROOT)))
                .sorted()
                .toList();
        if (unknown.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(field.title() + ": the values " + String.join(", ", unknown) + " are not Callscope's "
                + what + " (" + String.join(", ", known) + ")"
                + (field == EventField.STATUS ? " and read as unknown" : "")
                + "; map them, e.g. " + example);
    }

    private static String error(QueryExecutor engine, String sql) {
        try {
            engine.query(Query.of(sql), rows -> null);
            return null;
        } catch (EngineException e) {
            return firstLine(e.getMessage());
        }
    }

    private static String firstLine(String message) {
        String m = message == null ? "" : message.strip();
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
