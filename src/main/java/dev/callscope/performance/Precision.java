package dev.callscope.performance;

/** How percentiles are computed, named on the chart. */
public enum Precision {
    /** {@code quantilesExact}: the true value; memory grows with the samples per bucket. */
    EXACT("exact", "quantilesExact", "exact"),
    /** {@code quantilesTDigest}: a t-digest estimate whose rank is within 2 percentage points of the level asked (tested on the demo workload). */
    APPROXIMATE("t-digest estimate", "quantilesTDigest", "tdigest");

    private final String label;
    private final String function;
    private final String rollupSuffix;

    Precision(String label, String function, String rollupSuffix) {
        this.label = label;
        this.function = function;
        this.rollupSuffix = rollupSuffix;
    }

    /** The suffix of its state columns in the rollup ({@code run_exact}, {@code run_tdigest}). */
    String rollupSuffix() {
        return rollupSuffix;
    }

    public String label() {
        return label;
    }

    String function() {
        return function;
    }
}
