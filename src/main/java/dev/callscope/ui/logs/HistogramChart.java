package dev.callscope.ui.logs;

import dev.callscope.logs.MatchHistogram;
import dev.callscope.time.TimeRange;
import dev.callscope.ui.common.TimeZoneChoice;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.function.Consumer;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;

/**
 * Matches over time as bars (errors stacked in red), drawn on a canvas. Dragging across it
 * selects a time range, handed to {@code onZoom}; hovering shows the bucket's count.
 */
final class HistogramChart extends Region {

    private static final double AXIS = 18;
    private static final double LEFT = 64;

    private final Canvas canvas = new Canvas();
    private final TimeZoneChoice zone;
    private final Tooltip tooltip = new Tooltip();
    private MatchHistogram data;
    private TimeRange range;
    private double dragStart = -1;
    private double dragEnd = -1;
    private Consumer<TimeRange> onZoom = r -> { };
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
        return Math.max(1, getWidth() - LEFT - 8);
    }

    private Instant timeAt(double x) {
        double f = Math.max(0, Math.min(1, (x - LEFT) / plotWidth()));
        long span = range.duration().toMillis();
        return range.from().plusMillis(Math.round(f * span));
    }

    private double xOf(Instant t) {
        double f = (double) Duration.between(range.from(), t).toMillis() / Math.max(1, range.duration().toMillis());
        return LEFT + f * plotWidth();
    }

    private void hover(double x, double screenX, double screenY) {
        if (data == null || range == null || x < LEFT) {
            tooltip.hide();
            return;
        }
        Instant t = timeAt(x);
        int i = (int) (Duration.between(data.start(), t).toSeconds() / Math.max(1, data.step().toSeconds()));
        if (i < 0 || i >= data.size()) {
            tooltip.hide();
            return;
        }
        tooltip.setText(String.format(Locale.ROOT, "%s  ·  %,d matches (%,d errors)", zone.minute(data.bucketStart(i)),
                data.counts()[i], data.errors()[i]));
        tooltip.show(canvas, screenX + 12, screenY + 12);
    }

    private void draw() {
        double w = getWidth();
        double h = getHeight();
        GraphicsContext g = canvas.getGraphicsContext2D();
        g.clearRect(0, 0, w, h);
        if (range == null || w <= LEFT) {
            return;
        }
        Color fg = dark ? Color.web("#c9d1d9") : Color.web("#57606a");
        Color bar = dark ? Color.web("#388bfd") : Color.web("#0969da");
        Color error = dark ? Color.web("#f85149") : Color.web("#cf222e");
        Color grid = dark ? Color.web("#30363d") : Color.web("#d0d7de");
        double plotH = h - AXIS - 6;
        long max = 1;
        if (data != null) {
            for (long c : data.counts()) {
                max = Math.max(max, c);
            }
        }
        g.setFont(Font.font(11));
        g.setFill(fg);
        g.setTextBaseline(VPos.CENTER);
        g.setTextAlign(TextAlignment.RIGHT);
        g.fillText(String.format(Locale.ROOT, "%,d", max), LEFT - 6, 8);
        g.fillText("0", LEFT - 6, plotH + 2);
        g.setStroke(grid);
        g.strokeLine(LEFT, plotH + 2.5, w - 8, plotH + 2.5);
        if (data != null) {
            for (int i = 0; i < data.size(); i++) {
                Instant b0 = data.bucketStart(i);
                Instant b1 = b0.plus(data.step());
                double x0 = Math.max(LEFT, xOf(b0));
                double x1 = Math.min(w - 8, xOf(b1));
                if (x1 <= x0) {
                    continue;
                }
                double bw = Math.max(1, x1 - x0 - (x1 - x0 > 3 ? 1 : 0));
                double total = data.counts()[i] * plotH / max;
                double err = data.errors()[i] * plotH / max;
                g.setFill(bar);
                g.fillRect(x0, plotH + 2 - total, bw, total - err);
                g.setFill(error);
                g.fillRect(x0, plotH + 2 - err, bw, err);
            }
        }
        // time axis: about one label per 110 px at round times
        g.setFill(fg);
        g.setTextAlign(TextAlignment.CENTER);
        int labels = (int) Math.max(2, plotWidth() / 110);
        boolean withDay = range.duration().compareTo(Duration.ofHours(20)) > 0;
        for (int i = 0; i <= labels; i++) {
            Instant t = range.from().plusMillis(range.duration().toMillis() * i / labels);
            double x = xOf(t);
            g.setStroke(grid);
            g.strokeLine(x, plotH + 2, x, plotH + 6);
            g.fillText(zone.axis(t, withDay), Math.max(LEFT + 20, Math.min(x, w - 40)), h - AXIS / 2);
        }
        if (dragStart >= 0 && Math.abs(dragEnd - dragStart) > 1) {
            g.setFill(bar.deriveColor(0, 1, 1, 0.2));
            g.fillRect(Math.min(dragStart, dragEnd), 0, Math.abs(dragEnd - dragStart), plotH + 2);
        }
    }
}
