package dev.callscope.logs;

import dev.callscope.engine.Identifiers;
import dev.callscope.schema.Schema;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * Where a connection's log lines live and how Callscope's fields read them: a table and, per
 * {@link LogField}, a checked {@link ColumnExpr}. Fields a table lacks are simply absent: searches
 * on them are refused with a message and the views hide them. Two presets exist: Callscope's own
 * {@code function_logs} and the OpenTelemetry ClickHouse exporter's {@code otel_logs} (ClickStack).
 *
 * @param eventsTable the qualified table of call events, when the database has Callscope's events
 *                    beside the logs ({@code function:name} and {@code app:name} then look names up
 *                    there); null otherwise
 */
public record LogSchema(
        String kind, String database, String table, Map<LogField, ColumnExpr> fields, String eventsTable) {

    public static final String CANONICAL = "canonical";
    public static final String OTEL_LOGS = "otel_logs";
    public static final String CUSTOM = "custom";

    public LogSchema {
        Schema.requireDatabaseName(database);
        Identifiers.require(table);
        if (table.contains(".")) {
            throw new IllegalArgumentException("Give the table without its database: " + table);
        }
        if (eventsTable != null) {
            Identifiers.require(eventsTable);
        }
        EnumMap<LogField, ColumnExpr> copy = new EnumMap<>(LogField.class);
        copy.putAll(fields);
        for (LogField f : LogField.values()) {
            if (f.required() && !copy.containsKey(f)) {
                throw new IllegalArgumentException("The log mapping needs a column for " + f.label());
            }
        }
        fields = Collections.unmodifiableMap(copy);
    }

    /** Callscope's own {@code function_logs}, next to its events table. */
    public static LogSchema canonical(String database) {
        Map<LogField, ColumnExpr> f = new EnumMap<>(LogField.class);
        f.put(LogField.TIME, ColumnExpr.parse("timestamp"));
        f.put(LogField.MESSAGE, ColumnExpr.parse("message"));
        f.put(LogField.LEVEL, ColumnExpr.parse("level"));
        f.put(LogField.STREAM, ColumnExpr.parse("stream"));
        f.put(LogField.APP, ColumnExpr.parse("app_id"));
        f.put(LogField.FUNCTION, ColumnExpr.parse("function_id"));
        f.put(LogField.CALL, ColumnExpr.parse("function_call_id"));
        f.put(LogField.CONTAINER, ColumnExpr.parse("container_id"));
        return new LogSchema(CANONICAL, database, Schema.LOGS_TABLE, f, database + "." + Schema.EVENTS_TABLE);
    }

    /**
     * The OpenTelemetry exporter's logs table: the service is both app and function, the trace is
     * the call, the Kubernetes pod (when the collector adds it) the container; there is no stream.
     */
    public static LogSchema otelLogs(String database, String table) {
        Map<LogField, ColumnExpr> f = new EnumMap<>(LogField.class);
        f.put(LogField.TIME, ColumnExpr.parse("Timestamp"));
        f.put(LogField.MESSAGE, ColumnExpr.parse("Body"));
        f.put(LogField.LEVEL, ColumnExpr.parse("SeverityText"));
        f.put(LogField.APP, ColumnExpr.parse("ServiceName"));
        f.put(LogField.FUNCTION, ColumnExpr.parse("ServiceName"));
        f.put(LogField.CALL, ColumnExpr.parse("TraceId"));
        f.put(LogField.CONTAINER, ColumnExpr.parse("ResourceAttributes['k8s.pod.name']"));
        return new LogSchema(OTEL_LOGS, database, table, f, null);
    }

    /** A user's own mapping: field label to column text, blank or missing for absent fields. */
    public static LogSchema custom(String database, String table, Map<LogField, String> columns) {
        Map<LogField, ColumnExpr> f = new EnumMap<>(LogField.class);
        for (Map.Entry<LogField, String> e : columns.entrySet()) {
            if (e.getValue() != null && !e.getValue().isBlank()) {
                try {
                    f.put(e.getKey(), ColumnExpr.parse(e.getValue()));
                } catch (IllegalArgumentException ex) {
                    throw new IllegalArgumentException(e.getKey().label() + ": " + ex.getMessage(), ex);
                }
            }
        }
        return new LogSchema(CUSTOM, database, table, f, null);
    }

    public String qualifiedTable() {
        return database + "." + table;
    }

    public boolean has(LogField field) {
        return fields.containsKey(field);
    }

    public Optional<ColumnExpr> field(LogField field) {
        return Optional.ofNullable(fields.get(field));
    }

    /** The field's SQL, or the empty string literal for an absent field (read as ''). */
    public String sqlOrEmpty(LogField field) {
        ColumnExpr e = fields.get(field);
        return e == null ? "''" : e.sql();
    }

    /** The field's SQL; throws when absent. */
    public String sql(LogField field) {
        ColumnExpr e = fields.get(field);
        if (e == null) {
            throw new IllegalStateException(missingMessage(field));
        }
        return e.sql();
    }

    /** What to tell a user who asks for a field this table lacks. */
    public String missingMessage(LogField field) {
        return "This table (" + qualifiedTable() + ") has no " + field.label() + " column";
    }

    /**
     * The time as Callscope's key orders lines: microseconds in UTC. Callscope's own column is that
     * already; others (nanoseconds in otel_logs, any time zone) are converted so paging cursors
     * compare exactly what the rows are ordered by.
     */
    public String timeKey() {
        return kind.equals(CANONICAL) ? sql(LogField.TIME) : "toDateTime64(" + sql(LogField.TIME) + ", 6, 'UTC')";
    }

    /** True for Callscope's own {@code function_logs} table (its types are known, e.g. the level enum). */
    public boolean canonical() {
        return kind.equals(CANONICAL);
    }

    /** True when ids look like Callscope's ({@code fc-}/{@code fu-}/... ULIDs), so a typed id may lack its prefix. */
    public boolean callscopeIds() {
        return kind.equals(CANONICAL);
    }
}
