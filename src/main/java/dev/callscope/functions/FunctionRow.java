package dev.callscope.functions;

/**
 * One function's numbers for a range: calls that finished in it, by outcome, and latencies.
 * Durations are in milliseconds (NaN when no call finished).
 */
public record FunctionRow(String functionId, String name, String appName, String gpuType, long calls, long successes,
                          long failures, long timeouts, long otherFailures, double p50ExecutionMs,
                          double p99ExecutionMs, double p99QueueMs, double coldStartShare) {

    /** Failed, timed out, init failures and terminations, over all finished calls. */
    public double failureRate() {
        return calls == 0 ? 0 : (double) (failures + timeouts + otherFailures) / calls;
    }
}
