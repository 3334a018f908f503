package dev.callscope.demo;

import java.time.Duration;

/**
 * What a generation run wrote.
 *
 * @param calls    distinct function calls (first attempts enqueued before the end)
 * @param events   rows written to function_call_events, duplicates included
 * @param logLines rows written to function_logs
 * @param elapsed  wall time of the whole run
 */
public record DemoSummary(long calls, long events, long logLines, Duration elapsed) {

    /** Rows (events and logs) per second of wall time. */
    public double rowsPerSecond() {
        double s = Math.max(1e-9, elapsed.toNanos() / 1e9);
        return (events + logLines) / s;
    }
}
