package dev.callscope.chart;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What a time-series line chart shows: buckets of equal width, and series of one value per bucket
 * (NaN where empty). A point marked weak (too few samples for the statistic) is drawn as a hollow
 * marker and not joined to its neighbours.
 */
public record LineChart(String title, String subtitle, Instant start, Duration step, int buckets,
                        List<Series> series, long[] samples, String unit) {

    public record Series(String name, int rgb, boolean dashed, double[] values, boolean[] weak) {
    }

    public Instant bucketStart(int i) {
        return start.plus(step.multipliedBy(i));
    }

    public Instant end() {
        return bucketStart(buckets);
    }
}
