package dev.callscope.performance;

import dev.callscope.engine.QueryStats;
import dev.callscope.time.TimeRange;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;

/**
 * One metric per time bucket: the sample count and each statistic's value (NaN for an empty bucket).
 *
 * @param start     the first bucket's start
 * @param step      bucket width
 * @param samples   calls per bucket
 * @param values    statistic → value per bucket, in milliseconds
 * @param precision how the percentiles were computed
 */
public record LatencySeries(
        Metric metric,
        Instant start,
        Duration step,
        long[] samples,
        Map<Statistic, double[]> values,
        Precision precision,
        QueryStats stats) {

    public int size() {
        return samples.length;
    }

    /**
     * The calls these buckets count: those finished in {@code [start, start + size × step)}, the
     * range asked for widened to whole buckets (a bucket cut by the range's edge would hold part
     * of its calls and look like a dip).
     */
    public TimeRange readRange() {
        return new TimeRange(start, bucketStart(size()));
    }

    /** {@link #readRange} as people read it: {@code 2026-11-20 10:00:00 – 11:05:00 UTC} in {@code zone}. */
    public String readRangeText(ZoneId zone) {
        return readRange().text(zone);
    }

    public Instant bucketStart(int i) {
        return start.plus(step.multipliedBy(i));
    }

    /** Whether bucket {@code i} has enough samples for {@code stat} to be drawn as that statistic. */
    public boolean enough(Statistic stat, int i) {
        return samples[i] >= stat.minSamples();
    }

    public double value(Statistic stat, int i) {
        return values.get(stat)[i];
    }
}
