package dev.callscope.performance;

/** What a series shows per bucket. Percentiles need enough samples to mean anything. */
public enum Statistic {
    P50("p50", 0.5),
    P90("p90", 0.9),
    P99("p99", 0.99),
    AVG("avg", -1),
    MAX("max", -1);

    private final String label;
    private final double level;

    Statistic(String label, double level) {
        this.label = label;
        this.level = level;
    }

    public String label() {
        return label;
    }

    public boolean isPercentile() {
        return level > 0;
    }

    public double level() {
        return level;
    }

    /**
     * The fewest samples for which this statistic is more than the largest value: a p99 of fewer
     * than 100 calls is just the maximum, so such buckets are marked rather than drawn as a p99.
     */
    public long minSamples() {
        return isPercentile() ? (long) Math.ceil(1 / (1 - level) - 1e-9) : 1;
    }
}
