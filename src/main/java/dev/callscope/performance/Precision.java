package dev.callscope.performance;

/** How percentiles are computed, named on the chart. */
public enum Precision {
    /** {@code quantilesExact}: the true value; memory grows with the samples per bucket. */
    EXACT("exact", "quantilesExact"),
    /** {@code quantilesTDigest}: a t-digest estimate whose rank is within 2 percentage points of the level asked (tested on the demo workload). */
    APPROXIMATE("t-digest estimate", "quantilesTDigest");

    private final String label;
    private final String function;

    Precision(String label, String function) {
        this.label = label;
        this.function = function;
    }

    public String label() {
        return label;
    }

    String function() {
        return function;
    }
}
