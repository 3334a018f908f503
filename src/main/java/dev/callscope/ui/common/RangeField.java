package dev.callscope.ui.common;

import dev.callscope.time.DataNow;
import dev.callscope.time.Durations;
import dev.callscope.time.TimeRange;
import dev.callscope.time.TimeSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;

/**
 * The time-range box of a view: reads {@code 1h}, {@code 24h}, {@code now-6h} or
 * {@code <start> .. <end>} in the chosen zone, and knows the data's "now": a live source's newest
 * events are seconds old, a snapshot (the demo generated earlier) stops at its newest event, which
 * then stands for now so "last 1h" shows its last hour.
 */
public final class RangeField extends TextField {

    private final TimeZoneChoice zone;
    private TimeSpec spec;
    private Instant newestData;

    /**
     * @param onChange gets the new range when the user enters one
     * @param onError  gets a one-line reason when the text is not a range
     */
    public RangeField(String id, TimeZoneChoice zone, Duration initial, Runnable onChange, Consumer<String> onError) {
        this.zone = zone;
        this.spec = new TimeSpec.Last(initial);
        setId(id);
        setPrefColumnCount(12);
        setTooltip(new Tooltip("1h, 24h, 7d, now-6h, or 2026-11-25 10:00 .. 12:00 (in the zone shown)"));
        setOnAction(e -> {
            try {
                spec = TimeSpec.parse(getText(), zone.zone(), now());
                onError.accept("");
                onChange.run();
            } catch (IllegalArgumentException ex) {
                onError.accept(ex.getMessage());
            }
        });
        zone.zoneProperty().addListener((obs, a, b) -> show());
        show();
    }

    /** Tells the field the newest event time of the connected data (null when unknown). */
    public void setNewestData(Instant newest) {
        this.newestData = newest;
    }

    public boolean knowsData() {
        return newestData != null;
    }

    /** The data's now (see the class comment). */
    public Instant now() {
        return DataNow.of(newestData, Instant.now());
    }

    public TimeRange range() {
        return spec.resolve(now());
    }

    public void setSpec(TimeSpec newSpec) {
        this.spec = newSpec;
        show();
    }

    private void show() {
        setText(
                switch (spec) {
                    case TimeSpec.Last last -> Durations.format(last.span());
                    case TimeSpec.Between b -> zone.minute(b.from()) + " .. " + zone.minute(b.to());
                });
    }
}
