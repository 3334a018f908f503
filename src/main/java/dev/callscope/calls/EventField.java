package dev.callscope.calls;

import java.util.Locale;

/**
 * Callscope's logical fields of a call event, which an {@link EventSchema} maps onto a user's
 * table. Each names the column of {@code function_call_events} it becomes, and how a mapped value
 * is converted to that column's type, so the readers' SQL needs no change.
 */
public enum EventField {
    CALL("call", "function_call_id", Type.STRING),
    FUNCTION("function", "function_id", Type.STRING),
    FUNCTION_NAME("function_name", "function_name", Type.STRING),
    APP("app", "app_name", Type.STRING),
    ATTEMPT("attempt", "attempt", Type.UINT16),
    EVENT_TYPE("event_type", "event_type", Type.STRING),
    EVENT_TIME("event_time", "event_at", Type.TIME),
    ENQUEUED("enqueued", "enqueued_at", Type.TIME),
    COLD_START_BEGAN("cold_start_began", "cold_start_began_at", Type.NULLABLE_TIME),
    COLD_START_ENDED("cold_start_ended", "cold_start_ended_at", Type.NULLABLE_TIME),
    STARTED("started", "started_at", Type.NULLABLE_TIME),
    FINISHED("finished", "finished_at", Type.NULLABLE_TIME),
    COLD_START("cold_start", "is_cold_start", Type.BOOL),
    STATUS("status", "status", Type.STRING),
    ERROR("error", "error", Type.STRING),
    CONTAINER("container", "container_id", Type.STRING),
    GPU_TYPE("gpu_type", "gpu_type", Type.STRING),
    GPU_COUNT("gpu_count", "gpu_count", Type.UINT8),
    CPU_CORES("cpu_cores", "cpu_cores", Type.FLOAT32),
    MEMORY_MIB("memory_mib", "memory_mib", Type.UINT32),
    /** The call that spawned this one (the call graph); none for a root. */
    PARENT_CALL("parent_call", "parent_call_id", Type.STRING),
    /** The root of the call's tree. */
    ROOT_CALL("root_call", "root_call_id", Type.STRING),
    /** The batch job (a .map over inputs) the call is an input of. */
    BATCH("batch", "batch_id", Type.STRING),
    INPUT_INDEX("input_index", "input_index", Type.UINT32);

    /** The type of the canonical column, and how a user's value is converted to it. */
    enum Type {
        STRING,
        UINT8,
        UINT16,
        UINT32,
        FLOAT32,
        BOOL,
        TIME,
        NULLABLE_TIME;

        /**
         * {@code sql} converted to this type; NULLs become the type's empty value except for
         * nullable times, where NULL means "not reached yet", as in Callscope's own table.
         */
        String convert(String sql) {
            return switch (this) {
                case STRING -> "ifNull(toString(" + sql + "), '')";
                case UINT8 -> "ifNull(toUInt8(" + sql + "), 0)";
                case UINT16 -> "ifNull(toUInt16(" + sql + "), 0)";
                case UINT32 -> "ifNull(toUInt32(" + sql + "), 0)";
                case FLOAT32 -> "ifNull(toFloat32(" + sql + "), 0)";
                case BOOL -> "ifNull(toBool(" + sql + "), false)";
                case TIME -> "assumeNotNull(toDateTime64(" + sql + ", 6, 'UTC'))";
                case NULLABLE_TIME -> "toNullable(toDateTime64(" + sql + ", 6, 'UTC'))";
            };
        }
    }

    private final String label;
    private final String column;
    private final Type type;

    EventField(String label, String column, Type type) {
        this.label = label;
        this.column = column;
        this.type = type;
    }

    /** The name stored in profiles (and, with spaces for underscores, shown to users). */
    public String label() {
        return label;
    }

    /** The label as a person reads it: "cold start began", "GPU count". */
    public String title() {
        return switch (this) {
            case GPU_TYPE -> "GPU type";
            case GPU_COUNT -> "GPU count";
            case CPU_CORES -> "CPU cores";
            case MEMORY_MIB -> "memory MiB";
            default -> label.replace('_', ' ');
        };
    }

    /** The column of Callscope's events table this field becomes. */
    public String column() {
        return column;
    }

    Type type() {
        return type;
    }

    public static EventField byLabel(String label) {
        for (EventField f : values()) {
            if (f.label.equalsIgnoreCase(label.strip().replace(' ', '_').toLowerCase(Locale.ROOT))) {
                return f;
            }
        }
        throw new IllegalArgumentException("Unknown event field: " + label);
    }
}
