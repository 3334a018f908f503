package dev.callscope.logs;

import java.time.Duration;
import java.time.Instant;

/**
 * Matches per time bucket over a whole range (not limited by any page size).
 *
 * @param start    the first bucket's start (aligned to the step)
 * @param step     bucket width
 * @param counts   matches per bucket
 * @param errors   matches at level ERROR or CRITICAL per bucket
 * @param rowsRead rows the engine read to count them
 * @param elapsed  engine time
 */
public record MatchHistogram(
        Instant start, Duration step, long[] counts, long[] errors, long rowsRead, Duration elapsed) {

    public long total() {
        long sum = 0;
        for (long c : counts) {
            sum += c;
        }
        return sum;
    }

    public int size() {
        return counts.length;
    }

    public Instant bucketStart(int i) {
        return start.plus(step.multipliedBy(i));
    }
}
