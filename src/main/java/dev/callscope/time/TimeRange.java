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

    /** The earliest instant a view reads: ClickHouse's {@code DateTime} starts here. */
    public static final Instant EARLIEST = Instant.parse("1970-01-01T00:00:00Z");
    /** The end of the last year a {@code DateTime} (seconds as UInt32) holds whole. */
    public static final Instant LATEST = Instant.parse("2106-01-01T00:00:00Z");
    /** The longest range a view reads: longer ones overflow bucket counts and day tables for no use. */
    public static final Duration LONGEST = Duration.ofDays(3660);

    static final String TOO_LONG = "A range can be at most ten years";

    /**
     * The range a person asked for, if the views can read it: inside {@link #EARLIEST}..{@link #LATEST} and at most
     * {@link #LONGEST} long.
     *
     * @throws IllegalArgumentException with a one-line reason fit for a usage error or the range box
     */
    public static TimeRange readable(Instant from, Instant to) {
        if (from.isBefore(EARLIEST) || to.isAfter(LATEST)) {
            throw new IllegalArgumentException("A range must lie between 1970 and 2105");
        }
        TimeRange r = new TimeRange(from, to);
        if (r.duration().compareTo(LONGEST) > 0) {
            throw new IllegalArgumentException(TOO_LONG);
        }
        return r;
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
        DateTimeFormatter day =
                DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(zone);
        DateTimeFormatter time = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(zone);
        boolean sameDay = from.atZone(zone).toLocalDate().equals(to.atZone(zone).toLocalDate());
        String name = zone.normalized().equals(ZoneOffset.UTC) ? "UTC" : zone.getId();
        return "[" + day.format(from) + ", " + (sameDay ? time : day).format(to) + ") " + name;
    }
}
