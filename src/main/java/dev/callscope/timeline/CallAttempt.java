package dev.callscope.timeline;

import dev.callscope.calls.NoFinishEvent;
import dev.callscope.time.EpochNanos;
import java.time.Duration;
import java.time.Instant;

/**
 * One attempt of a call, rebuilt from its events. Times are null when the attempt has not reached
 * that stage (or never will: an init failure never starts).
 *
 * @param queuedAt        when this attempt entered the queue (the call's enqueue, or its retry)
 * @param coldStartBegan  when the container it waited for began starting (cold starts only)
 * @param coldStartEnded  when that container was ready
 * @param startedAt       when the function began running
 * @param finishedAt      when it ended, null while still running or queued
 * @param coldStart       whether it waited for a new container
 */
public record CallAttempt(
        int attempt,
        String containerId,
        Instant queuedAt,
        Instant coldStartBegan,
        Instant coldStartEnded,
        Instant startedAt,
        Instant finishedAt,
        boolean coldStart,
        CallStatus status,
        String error) {

    public boolean isRunning() {
        return finishedAt == null && startedAt != null;
    }

    public boolean isWaiting() {
        return finishedAt == null && startedAt == null;
    }

    /** When the attempt stopped waiting in the queue: its cold start, its start, or its end. */
    public Instant queueEnd(Instant now) {
        Instant end = coldStart && coldStartBegan != null ? coldStartBegan : startedAt != null ? startedAt : end(now);
        return queuedAt != null && end.isBefore(queuedAt) ? queuedAt : end;
    }

    /** Queue time, up to {@code now} while still waiting. */
    public Duration queueTime(Instant now) {
        return queuedAt == null ? Duration.ZERO : Duration.between(queuedAt, queueEnd(now));
    }

    /** Cold-start wait (zero for warm attempts), up to {@code now} while the container starts. */
    public Duration coldStartTime(Instant now) {
        return Duration.ofNanos(coldStartNanos(now));
    }

    /** Execution time, up to {@code now} while running. */
    public Duration runTime(Instant now) {
        return Duration.ofNanos(runNanos(now));
    }

    /**
     * {@link #coldStartTime} plus {@link #runTime} in nanoseconds, what the Cost tab bills, without
     * a {@link Duration} made: a 100k-call tree sums it for every attempt.
     */
    public long billedNanos(Instant now) {
        return coldStartNanos(now) + runNanos(now);
    }

    private long coldStartNanos(Instant now) {
        if (!coldStart || coldStartBegan == null) {
            return 0;
        }
        long began = EpochNanos.of(coldStartBegan);
        return Math.max(0, EpochNanos.of(coldStartEnded != null ? coldStartEnded : end(now)) - began);
    }

    private long runNanos(Instant now) {
        return startedAt == null ? 0 : Math.max(0, EpochNanos.of(end(now)) - EpochNanos.of(startedAt));
    }

    /** Whether no finish event of this attempt has arrived: still running or waiting, or its finish was lost. */
    public boolean noFinishEvent() {
        return finishedAt == null;
    }

    /**
     * The end of whatever this attempt is doing: its finish, else {@code now} but at most
     * {@link NoFinishEvent#MAX_OPEN} after it began using a container (the rule Cost bills by too).
     */
    public Instant end(Instant now) {
        return finishedAt != null
                ? finishedAt
                : NoFinishEvent.end(coldStart && coldStartBegan != null ? coldStartBegan : startedAt, now);
    }

    /** Whether this attempt has no finish event and has been open longer than {@link NoFinishEvent#MAX_OPEN} by {@code now}. */
    public boolean pastOpenBound(Instant now) {
        return finishedAt == null && end(now).isBefore(now);
    }
}
