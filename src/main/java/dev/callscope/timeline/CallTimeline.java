package dev.callscope.timeline;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * One function call: its attempts in order. The final status is the last attempt's, so a call that
 * failed and then succeeded on retry counts as a success.
 */
public record CallTimeline(String callId, String functionId, Instant enqueuedAt, List<CallAttempt> attempts) {

    public CallTimeline {
        attempts = List.copyOf(attempts);
        if (attempts.isEmpty()) {
            throw new IllegalArgumentException("a call has at least one attempt");
        }
    }

    public CallAttempt last() {
        return attempts.getLast();
    }

    public CallStatus finalStatus() {
        return last().status();
    }

    public Instant end(Instant now) {
        return last().end(now);
    }

    /** Enqueue to the final attempt's end (or now): what the caller waited. */
    public Duration endToEnd(Instant now) {
        return Duration.between(enqueuedAt, end(now));
    }

    /** Queue time summed over attempts. */
    public Duration queueTime(Instant now) {
        return attempts.stream().map(a -> a.queueTime(now)).reduce(Duration.ZERO, Duration::plus);
    }

    public Duration coldStartTime(Instant now) {
        return attempts.stream().map(a -> a.coldStartTime(now)).reduce(Duration.ZERO, Duration::plus);
    }

    public Duration runTime(Instant now) {
        return attempts.stream().map(a -> a.runTime(now)).reduce(Duration.ZERO, Duration::plus);
    }
}
