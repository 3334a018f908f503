package dev.callscope.functions;

import java.time.Duration;
import java.time.Instant;

/**
 * How one function scaled over a range, per bucket: calls enqueued, calls that finished in
 * success or failure, calls running and containers alive at any moment of the bucket.
 */
public record ScalingSeries(Instant start, Duration step, long[] enqueued, long[] succeeded, long[] failed,
                            long[] running, long[] containers) {

    public int size() {
        return enqueued.length;
    }
}
