package dev.callscope.time;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the user chose as a time range: "the last 2 hours" (which moves with the clock) or a fixed
 * span. Parses the forms the range box and the command line accept:
 * {@code 15m}, {@code 2h}, {@code 7d}, {@code now-1d}, {@code last 6h}, and
 * {@code <start> .. <end>} where each end is ISO-8601 ({@code 2026-11-25T10:00Z}), a local
 * {@code 2026-11-25 10:00[:ss]} in the chosen zone, a date, {@code now} or {@code now-2h}.
 */
public sealed interface TimeSpec {

    TimeRange resolve(Instant now);

    /** A short label for the range box. */
    String label();

    record Last(Duration span) implements TimeSpec {
        @Override
        public TimeRange resolve(Instant now) {
            return TimeRange.last(span, now);
        }

        @Override
        public String label() {
            return "Last " + Durations.format(span);
        }
    }

    record Between(Instant from, Instant to) implements TimeSpec {
        public Between {
            new TimeRange(from, to); // validates the order
        }

        @Override
        public TimeRange resolve(Instant now) {
            return new TimeRange(from, to);
        }

        @Override
        public String label() {
            return from + " .. " + to;
        }
    }

    Pattern RELATIVE =
            Pattern.compile("(?i)\\s*(?:last\\s+|now\\s*-\\s*)?(\\d{1,6})\\s*(s|sec|m|min|h|hr|d|day|days|w)\\s*");
    Pattern RANGE = Pattern.compile("\\s*(.+?)\\s*(?:\\.\\.|→| to )\\s*(.+?)\\s*");

    /**
     * Parses range text in {@code zone} (for local date-times without an offset).
     *
     * @throws IllegalArgumentException with a message fit to show under the box
     */
    static TimeSpec parse(String text, ZoneId zone, Instant now) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("Enter a range such as 1h, 7d or 2026-11-25 10:00 .. 12:00");
        }
        Matcher rel = RELATIVE.matcher(text);
        if (rel.matches()) {
            return new Last(Durations.of(Long.parseLong(rel.group(1)), rel.group(2)));
        }
        Matcher range = RANGE.matcher(text);
        if (range.matches()) {
            Instant from = instant(range.group(1), zone, now, null);
            Instant to = instant(range.group(2), zone, now, from);
            if (!from.isBefore(to)) {
                throw new IllegalArgumentException("The start must be before the end");
            }
            TimeRange.readable(from, to);
            return new Between(from, to);
        }
        throw new IllegalArgumentException("Not a range: try 15m, 6h, 7d, now-1d, or <start> .. <end>");
    }

    /** One end of a range; {@code sameDayAs} lets the end be just a time ("10:00 .. 12:30"). */
    static Instant instant(String text, ZoneId zone, Instant now, Instant sameDayAs) {
        String t = text.strip();
        if (t.equalsIgnoreCase("now")) {
            return now;
        }
        Matcher rel = RELATIVE.matcher(t);
        // "now-2h", and a bare "2h" meaning the same: that long before now
        if (rel.matches() && !t.toLowerCase(Locale.ROOT).startsWith("last")) {
            return now.minus(Durations.of(Long.parseLong(rel.group(1)), rel.group(2)));
        }
        try {
            return Instant.parse(t);
        } catch (DateTimeParseException ignored) {
            // try the other forms
        }
        try {
            return OffsetDateTime.parse(t).toInstant();
        } catch (DateTimeParseException ignored) {
            // try the other forms
        }
        String local = t.replace('T', ' ');
        for (String pattern : new String[] {"yyyy-MM-dd HH:mm:ss.SSS", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm"}) {
            try {
                return LocalDateTime.parse(local, DateTimeFormatter.ofPattern(pattern))
                        .atZone(zone)
                        .toInstant();
            } catch (DateTimeParseException ignored) {
                // next pattern
            }
        }
        try {
            return LocalDate.parse(t).atStartOfDay(zone).toInstant();
        } catch (DateTimeParseException ignored) {
            // maybe a time of day
        }
        if (sameDayAs != null) {
            for (String pattern : new String[] {"HH:mm:ss", "HH:mm"}) {
                try {
                    LocalTime time = LocalTime.parse(t, DateTimeFormatter.ofPattern(pattern));
                    return sameDayAs
                            .atZone(zone)
                            .toLocalDate()
                            .atTime(time)
                            .atZone(zone)
                            .toInstant();
                } catch (DateTimeParseException ignored) {
                    // next pattern
                }
            }
        }
        throw new IllegalArgumentException("Cannot read the time '" + t + "'");
    }
}
