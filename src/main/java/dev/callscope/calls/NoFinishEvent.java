package dev.callscope.calls;

import java.time.Duration;
import java.time.Instant;

/**
 * How every view treats an attempt that has no finish event: it may still be running, or its
 * finish was lost. It is counted apart ("no finish event") and taken to end at the first of the
 * view's now (never past the newest event of the data) and {@link #MAX_OPEN} after it began using
 * a container (its cold start, else its start). An attempt still waiting in the queue uses nothing
 * and is shown waiting up to now.
 */
public final class NoFinishEvent {

    /**
     * How long an attempt with no finish event counts at most after it began: its function's timeout
     * would end it, and Callscope knows no timeouts, so the longest one Modal allows.
     */
    public static final Duration MAX_OPEN = Duration.ofHours(24);

    private NoFinishEvent() {}

    /** Where an attempt that began using a container at {@code began} (null: not yet) and has no finish event ends. */
    public static Instant end(Instant began, Instant now) {
        if (began == null) {
            return now;
        }
        Instant bound = began.plus(MAX_OPEN);
        return bound.isBefore(now) ? bound : now;
    }
}
