package dev.callscope.chart;

import java.util.Locale;

/** Draws a {@link BarChart}: title, value axis with round ticks, bars, every few bins labelled. */
public final class BarChartPainter {

    private BarChartPainter() {}

    public static void paint(Surface s, BarChart c, double width, double height, Palette p) {
        double left = LineChartPainter.LEFT;
        double top = LineChartPainter.TOP;
        s.fillRect(0, 0, width, height, p.background(), 1);
        s.text(c.title(), left, 14, p.foreground(), 14, true, Surface.Align.LEFT);
        s.text(c.subtitle(), left, 31, p.muted(), 11, false, Surface.Align.LEFT);
        double plotW = Math.max(1, width - left - LineChartPainter.RIGHT);
        double plotH = Math.max(1, height - top - 40);
        double max = 0;
        for (double v : c.values()) {
            max = Math.max(max, v);
        }
        double[] ticks = LineChartPainter.niceTicks(max <= 0 ? 1 : max, 5);
        double scaleTop = ticks[ticks.length - 1];
        for (double t : ticks) {
            double y = top + plotH - t / scaleTop * plotH;
            s.line(left, y, left + plotW, y, p.grid(), 0.5);
            s.text(String.format(Locale.ROOT, "%,.0f", t), left - 6, y, p.muted(), 10, false, Surface.Align.RIGHT);
        }
        int n = c.values().length;
        double w = plotW / Math.max(1, n);
        int every = Math.max(1, (int) Math.ceil(n / (plotW / 60)));
        for (int i = 0; i < n; i++) {
            double h = c.values()[i] / scaleTop * plotH;
            s.fillRect(left + i * w + 1, top + plotH - h, Math.max(1, w - 2), h, c.rgb(), 1);
            if (i % every == 0) {
                s.text(c.labels().get(i), left + i * w, top + plotH + 12, p.muted(), 10, false, Surface.Align.LEFT);
            }
        }
        s.line(left, top + plotH, left + plotW, top + plotH, p.grid(), 1);
    }
}
