package dev.callscope.time;

import java.time.Duration;
import java.util.Locale;

/** Short duration text: {@code 15m}, {@code 2h}, {@code 7d}. */
public final class Durations {

    private Durations() {}

    static Duration of(long amount, String unit) {
        if (amount <= 0) {
            throw new IllegalArgumentException("A range must be longer than zero");
        }
        Duration d = switch (unit.toLowerCase(Locale.ROOT)) {
            case "s", "sec" -> Duration.ofSeconds(amount);
            case "m", "min" -> Duration.ofMinutes(amount);
            case "h", "hr" -> Duration.ofHours(amount);
            case "d", "day", "days" -> Duration.ofDays(amount);
            case "w" -> Duration.ofDays(7 * amount);
            default -> throw new IllegalArgumentException("Unknown unit " + unit);
        };
        if (d.compareTo(TimeRange.LONGEST) > 0) {
            throw new IllegalArgumentException(TimeRange.TOO_LONG);
        }
        return d;
    }

    /** The largest whole unit: 90m → "90m", 2h → "2h", 1d → "24h" stays "1d". */
    public static String format(Duration d) {
        long s = d.toSeconds();
        if (s % 86_400 == 0) {
            return s / 86_400 + "d";
        }
        if (s % 3_600 == 0) {
            return s / 3_600 + "h";
        }
        if (s % 60 == 0) {
            return s / 60 + "m";
        }
        return s + "s";
    }
}
