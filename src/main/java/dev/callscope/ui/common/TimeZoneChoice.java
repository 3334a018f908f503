package dev.callscope.ui.common;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;

/** UTC or the machine's local time, chosen once and observed by every view. */
public final class TimeZoneChoice {

    private static final DateTimeFormatter FULL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");
    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm");
    private static final DateTimeFormatter DAY_CLOCK = DateTimeFormatter.ofPattern("MMM d HH:mm");

    private final ObjectProperty<ZoneId> zone = new SimpleObjectProperty<>(ZoneOffset.UTC);

    public ObjectProperty<ZoneId> zoneProperty() {
        return zone;
    }

    public ZoneId zone() {
        return zone.get();
    }

    public boolean isUtc() {
        return zone.get().equals(ZoneOffset.UTC);
    }

    public void toggle() {
        zone.set(isUtc() ? ZoneId.systemDefault() : ZoneOffset.UTC);
    }

    public String label() {
        return isUtc() ? "UTC" : "Local";
    }

    public String full(Instant t) {
        return FULL.withZone(zone()).format(t);
    }

    public String minute(Instant t) {
        return MINUTE.withZone(zone()).format(t);
    }

    /** Axis labels: the clock, with the day when the span crosses days. */
    public String axis(Instant t, boolean withDay) {
        return (withDay ? DAY_CLOCK : CLOCK).withZone(zone()).format(t);
    }
}
