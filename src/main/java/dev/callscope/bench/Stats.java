package dev.callscope.bench;

import java.util.Arrays;

/** Percentiles of a set of measurements (nearest-rank, no interpolation: values that were measured). */
final class Stats {

    private Stats() {}

    static double percentile(double[] values, double p) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }
}
