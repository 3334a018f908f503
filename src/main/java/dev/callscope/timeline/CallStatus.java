package dev.callscope.timeline;

import java.util.Locale;

/** A call attempt's outcome, as the events' {@code status} column names it. */
public enum CallStatus {
    PENDING, SUCCESS, FAILURE, TIMEOUT, INIT_FAILURE, TERMINATED;

    public static CallStatus of(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }

    public boolean isFailure() {
        return this == FAILURE || this == TIMEOUT || this == INIT_FAILURE || this == TERMINATED;
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }
}
