package dev.callscope.functions;

import dev.callscope.calls.FunctionDirectory;

/**
 * One function's numbers for a range: calls that finished in it, by outcome, and latencies.
 * Durations are in milliseconds (NaN when no call finished). {@code noFinishEvent} counts apart the
 * calls enqueued in the range whose last attempt has no finish event (still running, or its finish
 * was lost): they are in none of the other numbers; {@link #NOT_COUNTED} while the window has not
 * counted them yet (it shows the table first: on a large range they cost more than the rest).
 */
public record FunctionRow(
        String functionId,
        String name,
        String appName,
        String gpuType,
        long calls,
        long successes,
        long failures,
        long timeouts,
        long otherFailures,
        double p50ExecutionMs,
        double p99ExecutionMs,
        double p99QueueMs,
        double coldStartShare,
        long noFinishEvent) {

    /** {@link #noFinishEvent} of a table shown before its calls with no finish event were counted. */
    public static final long NOT_COUNTED = -1;

    /** A function none of whose calls in the range has finished: only its calls with no finish event. */
    static FunctionRow unfinishedOnly(FunctionDirectory.Named f, long noFinishEvent) {
        return new FunctionRow(
                f.id(),
                f.name(),
                f.app(),
                f.gpu(),
                0,
                0,
                0,
                0,
                0,
                Double.NaN,
                Double.NaN,
                Double.NaN,
                Double.NaN,
                noFinishEvent);
    }

    FunctionRow withNoFinishEvent(long n) {
        return new FunctionRow(
                functionId,
                name,
                appName,
                gpuType,
                calls,
                successes,
                failures,
                timeouts,
                otherFailures,
                p50ExecutionMs,
                p99ExecutionMs,
                p99QueueMs,
                coldStartShare,
                n);
    }

    /** Failed, timed out, init failures and terminations, over all finished calls. */
    public double failureRate() {
        return calls == 0 ? 0 : (double) (failures + timeouts + otherFailures) / calls;
    }
}
