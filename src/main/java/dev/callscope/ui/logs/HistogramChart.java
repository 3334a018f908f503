package dev.callscope.ui.logs;

import dev.callscope.chart.Palette;
import dev.callscope.logs.HistogramPainter;
import dev.callscope.logs.MatchHistogram;
import dev.callscope.time.TimeRange;
import dev.callscope.ui.common.CanvasSurface;
import dev.callscope.ui.common.TimeZoneChoice;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.function.Consumer;
import javafx.scene.canvas.Canvas;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.Region;

/**
 * Matches over time as bars (errors stacked in red), drawn on a canvas. Dragging across it
 * selects a time range, handed to {@code onZoom}; hovering shows the bucket's count.
 */
final class HistogramChart extends Region {

    private static final double LEFT = HistogramPainter.LEFT;

    private final Canvas canvas = new Canvas();
    private final TimeZoneChoice zone;
    private final Tooltip tooltip = new Tooltip();
    private MatchHistogram data;
    private TimeRange range;
    private double dragStart = -1;
    private double dragEnd = -1;
    private Consumer<TimeRange> onZoom = r -> {};
    private boolean dark;

    HistogramChart(TimeZoneChoice zone) {
        this.zone = zone;
        setId("histogram");
        getChildren().add(canvas);
        setPrefHeight(110);
        setMinHeight(80);
        canvas.setOnMousePressed(e -> {
            dragStart = e.getX();
            dragEnd = e.getX();
            draw();
        });
        canvas.setOnMouseDragged(e -> {
            dragEnd = Math.max(LEFT, Math.min(e.getX(), getWidth()));
            draw();
        });
        canvas.setOnMouseReleased(e -> {
            double a = Math.min(dragStart, dragEnd);
            double b = Math.max(dragStart, dragEnd);
            dragStart = dragEnd = -1;
            draw();
            if (range != null && b - a >= 4) {
                Instant from = timeAt(a);
                Instant to = timeAt(b);
                if (from.isBefore(to)) {
                    onZoom.accept(new TimeRange(from, to));
                }
            }
        });
        canvas.setOnMouseMoved(e -> hover(e.getX(), e.getScreenX(), e.getScreenY()));
        canvas.setOnMouseExited(e -> tooltip.hide());
        zone.zoneProperty().addListener((obs, a, b) -> draw());
    }

    void onZoom(Consumer<TimeRange> handler) {
        this.onZoom = handler;
    }

    void setDark(boolean dark) {
        this.dark = dark;
        draw();
    }

    void show(MatchHistogram histogram, TimeRange shownRange) {
        this.data = histogram;
        this.range = shownRange;
        draw();
    }

    void clear(TimeRange shownRange) {
        this.data = null;
        this.range = shownRange;
        draw();
    }

    MatchHistogram data() {
        return data;
    }

    @Override
    protected void layoutChildren() {
        canvas.setWidth(getWidth());
        canvas.setHeight(getHeight());
        draw();
    }

    private double plotWidth() {
        return HistogramPainter.plotWidth(getWidth());
    }

    private Instant timeAt(double x) {
        double f = Math.max(0, Math.min(1, (x - LEFT) / plotWidth()));
        long span = range.duration().toMillis();
        return range.from().plusMillis(Math.round(f * span));
    }

    private void hover(double x, double screenX, double screenY) {
        if (data == null || range == null || x < LEFT) {
            tooltip.hide();
            return;
        }
        Instant t = timeAt(x);
        int i = (int) (Duration.between(data.start(), t).toSeconds()
                / Math.max(1, data.step().toSeconds()));
        if (i < 0 || i >= data.size()) {
            tooltip.hide();
            return;
        }
        tooltip.setText(String.format(
                Locale.ROOT,
                "%s  ·  %,d matches (%,d errors)",
                zone.minute(data.bucketStart(i)),
                data.counts()[i],
                data.errors()[i]));
        tooltip.show(canvas, screenX + 12, screenY + 12);
    }

    private void draw() {
        Palette p = Palette.of(dark);
        CanvasSurface surface = new CanvasSurface(canvas.getGraphicsContext2D());
        HistogramPainter.paint(surface, data, range, getWidth(), getHeight(), p, zone.zone());
        if (range != null && dragStart >= 0 && Math.abs(dragEnd - dragStart) > 1) {
            surface.fillRect(
                    Math.min(dragStart, dragEnd),
                    0,
                    Math.abs(dragEnd - dragStart),
                    getHeight() - HistogramPainter.AXIS - 4,
                    p.selection(),
                    0.2);
        }
    }
}
