package dev.callscope.timeline;

import java.util.Locale;

/**
 * A call attempt's outcome, as the events' {@code status} column names it. {@code UNKNOWN} is a
 * finished attempt whose outcome a mapped table does not say (no status, or a word Callscope does
 * not know): drawn as finished, counted as neither success nor failure.
 */
public enum CallStatus {
    PENDING,
    SUCCESS,
    FAILURE,
    TIMEOUT,
    INIT_FAILURE,
    TERMINATED,
    UNKNOWN;

    public static CallStatus of(String name) {
        return switch (name) { // the enum's own names, without allocating an upper-cased copy per row
            case "success" -> SUCCESS;
            case "failure" -> FAILURE;
            case "timeout" -> TIMEOUT;
            case "init_failure" -> INIT_FAILURE;
            case "terminated" -> TERMINATED;
            case "pending" -> PENDING;
            case "unknown" -> UNKNOWN;
            default -> {
                try {
                    yield valueOf(name.toUpperCase(Locale.ROOT));
                } catch (IllegalArgumentException notOurs) {
                    yield UNKNOWN;
                }
            }
        };
    }

    public boolean isFailure() {
        return this == FAILURE || this == TIMEOUT || this == INIT_FAILURE || this == TERMINATED;
    }

    /** The outcome as people read it; a pending attempt is one with no finish event (yet, or lost). */
    public String label() {
        if (this == PENDING) {
            return "no finish event";
        }
        return name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }
}
