package dev.callscope.profiles;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.callscope.calls.EventField;
import dev.callscope.calls.EventSchema;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * A profile's choice of where its call events live, as stored in {@code profiles.json}:
 * Callscope's own table, a user's table with a column or expression per field (keyed by
 * {@link EventField#label()}), or none (a logs-only connection). Holds text as typed;
 * {@link #schema} checks it.
 *
 * @param columns for {@link Kind#CUSTOM}: field label to column or expression; blank for absent
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EventsMapping(Kind kind, String database, String table, Map<String, String> columns) {

    public enum Kind {
        /** {@code callscope.function_call_events} (and its summary): every call view. */
        CANONICAL,
        /** A user's table, field by field: the call views its fields allow. */
        CUSTOM,
        /** The OpenTelemetry exporter's {@code otel_traces}: spans as calls (ClickStack's traces). */
        OTEL_TRACES,
        /** No call events: Functions, Timeline, Performance and Cost are unavailable. */
        NONE
    }

    public static final EventsMapping CANONICAL = new EventsMapping(Kind.CANONICAL, null, null, null);
    public static final EventsMapping NONE = new EventsMapping(Kind.NONE, null, null, null);

    public EventsMapping {
        kind = kind == null ? Kind.CANONICAL : kind;
        columns = MappingColumns.copy(columns);
    }

    public static EventsMapping otelTraces(String database, String table) {
        return new EventsMapping(Kind.OTEL_TRACES, database, table, null);
    }

    public static EventsMapping custom(String database, String table, Map<EventField, String> byField) {
        Map<String, String> out = MappingColumns.byLabel(byField, EventField::label);
        return new EventsMapping(Kind.CUSTOM, database, table, out);
    }

    /** The custom column typed for {@code field}, or "". */
    public String column(EventField field) {
        return MappingColumns.of(columns, field.label());
    }

    /** True when the connection has call events to read. */
    @JsonIgnore
    public boolean hasCalls() {
        return kind != Kind.NONE;
    }

    /**
     * The checked mapping; throws {@link IllegalArgumentException} with a sentence when it is not
     * usable, or {@link IllegalStateException} for {@link Kind#NONE}, which has none.
     */
    public EventSchema schema() {
        return switch (kind) {
            case CANONICAL -> EventSchema.canonical(LogMapping.CALLSCOPE_DATABASE);
            case CUSTOM -> {
                Map<EventField, String> byField = new EnumMap<>(EventField.class);
                for (EventField f : EventField.values()) {
                    byField.put(f, column(f));
                }
                yield EventSchema.custom(named(database, "database"), named(table, "table"), byField);
            }
            case OTEL_TRACES -> EventSchema.otelTraces(named(database, "database"), named(table, "table"));
            case NONE -> throw new IllegalStateException("This connection has no call events");
        };
    }

    /** What is wrong with the mapping as typed, if anything. */
    public Optional<String> problem() {
        if (kind == Kind.NONE) {
            return Optional.empty();
        }
        try {
            schema();
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.of(e.getMessage());
        }
    }

    private static String named(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("Give the events " + what + " name");
        }
        return value.strip();
    }
}
