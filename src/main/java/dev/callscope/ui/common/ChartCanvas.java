package dev.callscope.ui.common;

import dev.callscope.chart.BarChart;
import dev.callscope.chart.BarChartPainter;
import dev.callscope.chart.LineChart;
import dev.callscope.chart.LineChartPainter;
import dev.callscope.chart.Palette;
import javafx.scene.canvas.Canvas;
import javafx.scene.layout.Region;

/** A line chart on a canvas with a hover crosshair; redraws at once when its chart changes. */
public final class ChartCanvas extends Region {

    private final Canvas canvas = new Canvas();
    private final TimeZoneChoice zone;
    private LineChart chart;
    private BarChart bars;
    private Palette palette = Palette.light();
    private int hover = -1;

    public ChartCanvas(TimeZoneChoice zone, String id) {
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

    public void show(LineChart c) {
        this.chart = c;
        this.bars = null;
        draw();
    }

    public void show(BarChart c) {
        this.bars = c;
        this.chart = null;
        draw();
    }

    public LineChart chart() {
        return chart;
    }

    public void setPalette(Palette p) {
        this.palette = p;
        draw();
    }

    public Palette palette() {
        return palette;
    }

    public int hover() {
        return hover;
    }

    public void hoverBucket(int i) {
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
        if (bars != null) {
            BarChartPainter.paint(s, bars, getWidth(), getHeight(), palette);
            return;
        }
        if (chart == null) {
            s.fillRect(0, 0, getWidth(), getHeight(), palette.background(), 1);
            return;
        }
        LineChartPainter.paint(s, chart, getWidth(), getHeight(), palette, zone.zone(), hover);
    }
}
