package dev.callscope.logs;

import dev.callscope.logs.search.SearchExpr;

/** Callscope's logical fields of a log line, which a {@link LogSchema} maps onto a user's columns. */
public enum LogField {
    TIME("time"),
    MESSAGE("message"),
    LEVEL("level"),
    STREAM("stream"),
    APP("app"),
    FUNCTION("function"),
    CALL("call"),
    CONTAINER("container");

    private final String label;

    LogField(String label) {
        this.label = label;
    }

    /** The name shown to users and stored in profiles. */
    public String label() {
        return label;
    }

    /** True for fields every log mapping must provide. */
    public boolean required() {
        return this == TIME || this == MESSAGE;
    }

    /** The field a search's {@code name:value} filter reads. */
    public static LogField of(SearchExpr.Field field) {
        return switch (field) {
            case LEVEL -> LEVEL;
            case STREAM -> STREAM;
            case APP -> APP;
            case FUNCTION -> FUNCTION;
            case CALL -> CALL;
            case CONTAINER -> CONTAINER;
            case PATTERN -> MESSAGE;
        };
    }

    public static LogField byLabel(String label) {
        for (LogField f : values()) {
            if (f.label.equalsIgnoreCase(label)) {
                return f;
            }
        }
        throw new IllegalArgumentException("Unknown log field: " + label);
    }
}
