package dev.callscope.chart;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What a time-series chart shows: buckets of equal width, and series of one value per bucket
 * (NaN where empty), as lines or stacked bars. A point marked weak (too few samples for the statistic) is drawn as a hollow
 * marker and not joined to its neighbours.
 */
public record LineChart(
        String title,
        String subtitle,
        Instant start,
        Duration step,
        int buckets,
        List<Series> series,
        long[] samples,
        String unit) {

    /** A series drawn as a line, or (when {@code stackedBar}) as a bar stacked on the earlier bar series. */
    public record Series(String name, int rgb, boolean dashed, double[] values, boolean[] weak, boolean stackedBar) {
        public Series(String name, int rgb, boolean dashed, double[] values, boolean[] weak) {
            this(name, rgb, dashed, values, weak, false);
        }

        public static Series bars(String name, int rgb, double[] values) {
            return new Series(name, rgb, false, values, null, true);
        }
    }

    public Instant bucketStart(int i) {
        return start.plus(step.multipliedBy(i));
    }

    public Instant end() {
        return bucketStart(buckets);
    }
}
