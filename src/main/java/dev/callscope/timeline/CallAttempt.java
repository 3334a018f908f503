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

    /** A stage an attempt has not reached, in the nanosecond forms below (no instant is this early). */
    public static final long NO_TIME = Long.MIN_VALUE;

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
        long n = EpochNanos.of(now);
        return Duration.ofNanos(coldNanos(coldStart, nanos(coldStartBegan), nanos(coldStartEnded), endNanos(n)));
    }

    /** Execution time, up to {@code now} while running. */
    public Duration runTime(Instant now) {
        long n = EpochNanos.of(now);
        return Duration.ofNanos(runNanos(nanos(startedAt), endNanos(n)));
    }

    /**
     * {@link #coldStartTime} plus {@link #runTime} in nanoseconds, what the Cost tab bills, without
     * a {@link Duration} made: a 100k-call tree sums it for every attempt.
     */
    public long billedNanos(Instant now) {
        return billedNanos(
                coldStart,
                nanos(coldStartBegan),
                nanos(coldStartEnded),
                nanos(startedAt),
                nanos(finishedAt),
                EpochNanos.of(now));
    }

    /** A time in epoch nanoseconds, {@link #NO_TIME} for null: how the nanosecond forms below take a stage not reached. */
    public static long nanos(Instant t) {
        return t == null ? NO_TIME : EpochNanos.of(t);
    }

    /**
     * {@link #billedNanos(Instant)} of an attempt given by its times in epoch nanoseconds ({@link #NO_TIME} for a
     * stage not reached): for a large tree kept as columns rather than attempts.
     */
    public static long billedNanos(
            boolean coldStart, long coldBegan, long coldEnded, long started, long finished, long now) {
        long end = endNanos(coldStart, coldBegan, started, finished, now);
        return coldNanos(coldStart, coldBegan, coldEnded, end) + runNanos(started, end);
    }

    private long endNanos(long now) {
        return endNanos(coldStart, nanos(coldStartBegan), nanos(startedAt), nanos(finishedAt), now);
    }

    /** The cold-start wait of an attempt that ends at {@code end} (zero for a warm one). */
    private static long coldNanos(boolean coldStart, long coldBegan, long coldEnded, long end) {
        return !coldStart || coldBegan == NO_TIME
                ? 0
                : Math.max(0, (coldEnded != NO_TIME ? coldEnded : end) - coldBegan);
    }

    /** The run of an attempt that ends at {@code end}. */
    private static long runNanos(long started, long end) {
        return started == NO_TIME ? 0 : Math.max(0, end - started);
    }

    /** {@link #end(Instant)} in epoch nanoseconds, from the times as {@link #billedNanos(boolean, long, long, long, long, long)} takes them. */
    public static long endNanos(boolean coldStart, long coldBegan, long started, long finished, long now) {
        if (finished != NO_TIME) {
            return finished;
        }
        long began = coldStart && coldBegan != NO_TIME ? coldBegan : started;
        return began == NO_TIME ? now : Math.min(now, began + NoFinishEvent.MAX_OPEN.toNanos());
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
