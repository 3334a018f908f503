package dev.callscope.profiles;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.callscope.logs.LogField;
import dev.callscope.logs.LogSchema;
import dev.callscope.schema.Schema;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * A profile's choice of where its logs live, as stored in {@code profiles.json}: Callscope's own
 * tables, ClickStack's {@code otel_logs}, or a user's table with a column per field (keyed by
 * {@link LogField#label()}). Holds text as typed; {@link #schema} checks it.
 *
 * @param columns for {@link Kind#CUSTOM}: field label to column or expression; blank for absent
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LogMapping(Kind kind, String database, String table, Map<String, String> columns) {

    public enum Kind {
        /** Callscope's own tables in the {@code callscope} database: every view. */
        CANONICAL,
        /** The OpenTelemetry ClickHouse exporter's logs table (ClickStack): the Logs tab only. */
        OTEL_LOGS,
        /** A user's logs table, field by field: the Logs tab only. */
        CUSTOM
    }

    public static final LogMapping CANONICAL = new LogMapping(Kind.CANONICAL, null, null, null);
    /** Callscope's views read its own tables from this database. */
    public static final String CALLSCOPE_DATABASE = Schema.DATABASE;

    public LogMapping {
        kind = kind == null ? Kind.CANONICAL : kind;
        columns = MappingColumns.copy(columns);
    }

    public static LogMapping otelLogs(String database, String table) {
        return new LogMapping(Kind.OTEL_LOGS, database, table, null);
    }

    public static LogMapping custom(String database, String table, Map<LogField, String> byField) {
        Map<String, String> out = MappingColumns.byLabel(byField, LogField::label);
        return new LogMapping(Kind.CUSTOM, database, table, out);
    }

    /** True when only logs are mapped: the call views (Functions, Timeline, Performance) have nothing to read. */
    @JsonIgnore
    public boolean logsOnly() {
        return kind != Kind.CANONICAL;
    }

    /** The custom column typed for {@code field}, or "". */
    public String column(LogField field) {
        return MappingColumns.of(columns, field.label());
    }

    /** The checked mapping; throws {@link IllegalArgumentException} with a sentence when it is not usable. */
    public LogSchema schema() {
        return switch (kind) {
            case CANONICAL -> LogSchema.canonical(CALLSCOPE_DATABASE);
            case OTEL_LOGS -> LogSchema.otelLogs(named(database, "database"), named(table, "table"));
            case CUSTOM -> {
                Map<LogField, String> byField = new EnumMap<>(LogField.class);
                for (LogField f : LogField.values()) {
                    byField.put(f, column(f));
                }
                yield LogSchema.custom(named(database, "database"), named(table, "table"), byField);
            }
        };
    }

    /** What is wrong with the mapping as typed, if anything. */
    public Optional<String> problem() {
        try {
            schema();
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.of(e.getMessage());
        }
    }

    private static String named(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("Give the logs " + what + " name");
        }
        return value.strip();
    }
}
