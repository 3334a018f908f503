package dev.callscope.chart;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Round tick positions and labels for a time axis, in the chosen zone. */
public final class TimeAxis {

    private static final long[] STEPS_MS = {
        1,
        2,
        5,
        10,
        20,
        50,
        100,
        200,
        500,
        1_000,
        2_000,
        5_000,
        10_000,
        15_000,
        30_000,
        60_000,
        120_000,
        300_000,
        600_000,
        900_000,
        1_800_000,
        3_600_000,
        7_200_000,
        10_800_000,
        21_600_000,
        43_200_000,
        86_400_000,
        172_800_000,
        604_800_000
    };

    /** A tick and its label. */
    public record Tick(Instant at, String label) {}

    private TimeAxis() {}

    /** At most {@code maxTicks} ticks at a round step within {@code [from, to]}. */
    public static List<Tick> ticks(Instant from, Instant to, int maxTicks, ZoneId zone) {
        long spanMs = Math.max(1, Duration.between(from, to).toMillis());
        long step = STEPS_MS[STEPS_MS.length - 1];
        for (long s : STEPS_MS) {
            if (spanMs / s <= Math.max(1, maxTicks)) {
                step = s;
                break;
            }
        }
        DateTimeFormatter format = DateTimeFormatter.ofPattern(
                        step < 1_000
                                ? "HH:mm:ss.SSS"
                                : step < 60_000 ? "HH:mm:ss" : step < 86_400_000 ? "HH:mm" : "MMM d")
                .withZone(zone);
        boolean dayChange =
                !from.atZone(zone).toLocalDate().equals(to.atZone(zone).toLocalDate());
        DateTimeFormatter withDay = DateTimeFormatter.ofPattern("MMM d HH:mm").withZone(zone);
        // align to the step in the zone (so hours fall on the hour locally)
        ZonedDateTime start = from.atZone(zone);
        long offsetMs = start.getOffset().getTotalSeconds() * 1000L;
        long first = Math.floorDiv(from.toEpochMilli() + offsetMs + step - 1, step) * step - offsetMs;
        List<Tick> out = new ArrayList<>();
        String lastDay = "";
        for (long t = first; t <= to.toEpochMilli(); t += step) {
            Instant at = Instant.ofEpochMilli(t);
            String day = at.atZone(zone).truncatedTo(ChronoUnit.DAYS).toString();
            boolean showDay = dayChange && step >= 60_000 && step < 86_400_000 && !day.equals(lastDay);
            out.add(new Tick(at, showDay ? withDay.format(at) : format.format(at)));
            lastDay = day;
        }
        return out;
    }

    /** Compact duration text: 850 ms, 2.4 s, 3 m 20 s, 1 h 05 m. */
    public static String duration(Duration d) {
        long ms = d.toMillis();
        if (ms < 1_000) {
            return ms + " ms";
        }
        if (ms < 60_000) {
            return String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
        }
        if (ms < 3_600_000) {
            return String.format(Locale.ROOT, "%d m %02d s", ms / 60_000, (ms / 1000) % 60);
        }
        return String.format(Locale.ROOT, "%d h %02d m", ms / 3_600_000, (ms / 60_000) % 60);
    }
}
