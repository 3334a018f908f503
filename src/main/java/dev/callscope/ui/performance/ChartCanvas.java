package dev.callscope.ui.performance;

import dev.callscope.chart.LineChart;
import dev.callscope.chart.LineChartPainter;
import dev.callscope.chart.Palette;
import dev.callscope.ui.common.CanvasSurface;
import dev.callscope.ui.common.TimeZoneChoice;
import javafx.scene.canvas.Canvas;
import javafx.scene.layout.Region;

/** A line chart on a canvas with a hover crosshair; redraws at once when its chart changes. */
final class ChartCanvas extends Region {

    private final Canvas canvas = new Canvas();
    private final TimeZoneChoice zone;
    private LineChart chart;
    private Palette palette = Palette.light();
    private int hover = -1;

    ChartCanvas(TimeZoneChoice zone, String id) {
        this.zone = zone;
        setId(id);
        getChildren().add(canvas);
        canvas.setOnMouseMoved(e -> {
            int i = chart == null ? -1 : LineChartPainter.bucketAt(chart, getWidth(), e.getX());
            if (i != hover) {
                hover = i;
                draw();
            }
        });
        canvas.setOnMouseExited(e -> {
            hover = -1;
            draw();
        });
        zone.zoneProperty().addListener((obs, a, b) -> draw());
    }

    void show(LineChart c) {
        this.chart = c;
        draw();
    }

    LineChart chart() {
        return chart;
    }

    void setPalette(Palette p) {
        this.palette = p;
        draw();
    }

    Palette palette() {
        return palette;
    }

    int hover() {
        return hover;
    }

    void hoverBucket(int i) {
        hover = i;
        draw();
    }

    @Override
    protected void layoutChildren() {
        canvas.setWidth(getWidth());
        canvas.setHeight(getHeight());
        draw();
    }

    private void draw() {
        CanvasSurface s = new CanvasSurface(canvas.getGraphicsContext2D());
        if (chart == null) {
            s.fillRect(0, 0, getWidth(), getHeight(), palette.background(), 1);
            return;
        }
        LineChartPainter.paint(s, chart, getWidth(), getHeight(), palette, zone.zone(), hover);
    }
}
