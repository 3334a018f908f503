package dev.callscope.functions;

import java.time.Duration;
import java.time.Instant;

/**
 * How one function scaled over a range, per bucket: calls enqueued, calls that finished in
 * success or failure, and the average number of calls running and of containers alive during the
 * bucket (time inside the bucket over its length), so the two are comparable: their ratio is how
 * busy the containers were.
 */
public record ScalingSeries(
        Instant start,
        Duration step,
        long[] enqueued,
        long[] succeeded,
        long[] failed,
        double[] running,
        double[] containers) {

    public int size() {
        return enqueued.length;
    }
}
