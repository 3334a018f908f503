package dev.callscope.time;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
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

    /** As the views show a range they read: {@code [2026-11-25 10:00:00, 11:05:00) UTC}, the end's date only when it differs. */
    public String text(ZoneId zone) {
        DateTimeFormatter day = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(zone);
        DateTimeFormatter time = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(zone);
        boolean sameDay = from.atZone(zone).toLocalDate().equals(to.atZone(zone).toLocalDate());
        String name = zone.normalized().equals(ZoneOffset.UTC) ? "UTC" : zone.getId();
        return "[" + day.format(from) + ", " + (sameDay ? time : day).format(to) + ") " + name;
    }
}
