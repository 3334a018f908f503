package dev.callscope.calls;

/** The views that read call events, and what each needs the events for (said when a mapping cannot serve one). */
public enum CallView {
    FUNCTIONS("Functions", "call counts, outcomes and run-time percentiles come from them"),
    TIMELINE("Timeline", "calls are drawn from them"),
    PERFORMANCE("Performance", "latencies are measured between them"),
    COST("Cost", "billable time is the time between them"),
    CALL_GRAPH("Call graph", "a call's tree is linked by its parent"),
    BATCHES("Batches", "a job's inputs carry its id");

    private final String title;
    private final String because;

    CallView(String title, String because) {
        this.title = title;
        this.because = because;
    }

    public String title() {
        return title;
    }

    String because() {
        return because;
    }
}
