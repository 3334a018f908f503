package dev.callscope.performance;

import java.util.Locale;

/**
 * The latencies a call has, in milliseconds, defined as in the Timeline (summed over attempts):
 * queue (waiting for a container), cold start (waiting for a new one to boot), execution
 * (running), and end to end (enqueue to the final attempt's end).
 */
public enum Metric {
    EXECUTION("Execution", "run_ms", "run"),
    QUEUE("Queue", "queue_ms", "queue"),
    COLD_START("Cold start", "cold_ms", "cold"),
    END_TO_END("End to end", "e2e_ms", "e2e");

    private final String label;
    private final String column;
    private final String rollupPrefix;

    Metric(String label, String column, String rollupPrefix) {
        this.label = label;
        this.column = column;
        this.rollupPrefix = rollupPrefix;
    }

    /** The prefix of its columns in the rollup ({@code run_exact}, {@code run_sum}, ...). */
    String rollupPrefix() {
        return rollupPrefix;
    }

    public String label() {
        return label;
    }

    /** The column of {@link dev.callscope.calls.CallLatencies}' rows that holds it (code-defined, never user text). */
    String column() {
        return column;
    }

    /** The metric a command line names ({@code execution}, {@code queue}, {@code cold-start}, {@code end-to-end}), or null. */
    public static Metric ofOption(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "execution" -> EXECUTION;
            case "queue" -> QUEUE;
            case "cold-start" -> COLD_START;
            case "end-to-end" -> END_TO_END;
            default -> null;
        };
    }
}
