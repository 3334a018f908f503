package dev.callscope.time;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/** A half-open interval of time, {@code [from, to)}. */
public record TimeRange(Instant from, Instant to) {

    public TimeRange {
        Objects.requireNonNull(from);
        Objects.requireNonNull(to);
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("The start of a range must be before its end");
        }
    }

    public static TimeRange last(Duration span, Instant now) {
        return new TimeRange(now.minus(span), now);
    }

    public Duration duration() {
        return Duration.between(from, to);
    }

    public boolean contains(Instant t) {
        return !t.isBefore(from) && t.isBefore(to);
    }
}
