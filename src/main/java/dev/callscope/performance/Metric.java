package dev.callscope.performance;

/**
 * The latencies a call has, in milliseconds, defined as in the Timeline (summed over attempts):
 * queue (waiting for a container), cold start (waiting for a new one to boot), execution
 * (running), and end to end (enqueue to the final attempt's end).
 */
public enum Metric {
    EXECUTION("Execution", "run_ms"),
    QUEUE("Queue", "queue_ms"),
    COLD_START("Cold start", "cold_ms"),
    END_TO_END("End to end", "e2e_ms");

    private final String label;
    private final String column;

    Metric(String label, String column) {
        this.label = label;
        this.column = column;
    }

    public String label() {
        return label;
    }

    /** The column of {@link CallLatencies#SQL} that holds it (code-defined, never user text). */
    String column() {
        return column;
    }
}
