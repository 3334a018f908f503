package dev.callscope.engine.remote;

import java.time.Duration;

/**
 * How patiently the remote engine deals with the network.
 *
 * @param connectTimeout how long to wait for the server to accept a connection
 * @param answerGrace    how long past the query's {@code max_execution_time} to wait for bytes
 *                       before calling the server unresponsive (the server stops the query itself
 *                       at its time limit, so silence beyond that means it hangs or the path is dead)
 * @param readRetries    how many more times a read is sent after it lost its connection
 * @param firstBackoff   the pause before the first retry; each further retry waits twice as long
 */
public record Network(Duration connectTimeout, Duration answerGrace, int readRetries, Duration firstBackoff) {

    public static final Network DEFAULTS =
            new Network(Duration.ofSeconds(10), Duration.ofSeconds(15), 3, Duration.ofMillis(500));

    public Network {
        if (connectTimeout.isNegative()
                || connectTimeout.isZero()
                || answerGrace.isNegative()
                || readRetries < 0
                || firstBackoff.isNegative()) {
            throw new IllegalArgumentException("Network timeouts must be positive and retries not negative");
        }
    }

    /** The pause before retry number {@code retry} (0-based): first, 2×first, 4×first, … at most 8 s. */
    public Duration backoff(int retry) {
        long millis = firstBackoff.toMillis() << Math.min(retry, 10);
        return Duration.ofMillis(Math.min(millis, 8_000));
    }
}
