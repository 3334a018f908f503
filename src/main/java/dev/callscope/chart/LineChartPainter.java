package dev.callscope.chart;

import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Draws a {@link LineChart}: title, value axis with round ticks, time axis, a strip of per-bucket
 * sample counts, the series, a legend, and (when hovering) a crosshair listing every series' value.
 */
public final class LineChartPainter {

    public static final double LEFT = 64;
    public static final double RIGHT = 16;
    public static final double TOP = 44;
    public static final double BOTTOM = 58;
    private static final double SAMPLE_STRIP = 18;

    private LineChartPainter() {}

    /** The bucket under {@code x}, or -1. */
    public static int bucketAt(LineChart c, double width, double x) {
        double plotW = width - LEFT - RIGHT;
        if (x < LEFT || x > LEFT + plotW || c.buckets() == 0) {
            return -1;
        }
        return (int) Math.min(c.buckets() - 1, Math.floor((x - LEFT) / plotW * c.buckets()));
    }

    public static void paint(Surface s, LineChart c, double width, double height, Palette p, ZoneId zone, int hover) {
        s.fillRect(0, 0, width, height, p.background(), 1);
        s.text(c.title(), LEFT, 14, p.foreground(), 14, true, Surface.Align.LEFT);
        s.text(c.subtitle(), LEFT, 31, p.muted(), 11, false, Surface.Align.LEFT);
        double plotW = Math.max(1, width - LEFT - RIGHT);
        double plotH = Math.max(1, height - TOP - BOTTOM);
        double max = 0;
        double[] stack = new double[c.buckets()];
        for (LineChart.Series series : c.series()) {
            for (int i = 0; i < c.buckets(); i++) {
                double v = series.values()[i];
                if (Double.isNaN(v)) {
                    continue;
                }
                if (series.stackedBar()) {
                    stack[i] += v;
                    max = Math.max(max, stack[i]);
                } else {
                    max = Math.max(max, v);
                }
            }
        }
        double[] ticks =
                c.unit().equals("ms") ? durationTicks(max <= 0 ? 1 : max, 5) : niceTicks(max <= 0 ? 1 : max, 5);
        double top = ticks[ticks.length - 1];
        for (double t : ticks) {
            double y = TOP + plotH - t / top * plotH;
            s.line(LEFT, y, LEFT + plotW, y, p.grid(), 0.5);
            s.text(formatValue(t, c.unit()), LEFT - 6, y, p.muted(), 10, false, Surface.Align.RIGHT);
        }
        double bucketW = plotW / Math.max(1, c.buckets());
        // sample counts: a strip under the plot, darker where more calls fell in the bucket
        long maxSamples = 1;
        for (long n : c.samples()) {
            maxSamples = Math.max(maxSamples, n);
        }
        double stripY = TOP + plotH + 22;
        for (int i = 0; i < c.buckets(); i++) {
            double h = (SAMPLE_STRIP - 2) * c.samples()[i] / maxSamples;
            s.fillRect(LEFT + i * bucketW, stripY + SAMPLE_STRIP - h, Math.max(1, bucketW - 0.5), h, p.muted(), 0.45);
        }
        s.text("calls", LEFT - 6, stripY + SAMPLE_STRIP / 2, p.muted(), 10, false, Surface.Align.RIGHT);
        for (TimeAxis.Tick tick : TimeAxis.ticks(c.start(), c.end(), (int) Math.max(2, plotW / 110), zone)) {
            double x = LEFT
                    + Duration.between(c.start(), tick.at()).toMillis()
                            / (double) Math.max(
                                    1, Duration.between(c.start(), c.end()).toMillis())
                            * plotW;
            s.line(x, TOP + plotH, x, TOP + plotH + 4, p.grid(), 1);
            s.text(tick.label(), x, TOP + plotH + 12, p.muted(), 10, false, Surface.Align.CENTER);
        }
        s.line(LEFT, TOP + plotH, LEFT + plotW, TOP + plotH, p.grid(), 1);
        s.clip(LEFT, TOP - 2, plotW, plotH + 4);
        double[] base = new double[c.buckets()];
        for (LineChart.Series series : c.series()) {
            if (!series.stackedBar()) {
                continue;
            }
            for (int i = 0; i < c.buckets(); i++) {
                double v = series.values()[i];
                if (Double.isNaN(v) || v <= 0) {
                    continue;
                }
                double y0 = TOP + plotH - base[i] / top * plotH;
                double y1 = TOP + plotH - (base[i] + v) / top * plotH;
                s.fillRect(
                        LEFT + i * bucketW + (bucketW > 3 ? 0.5 : 0),
                        y1,
                        Math.max(1, bucketW - (bucketW > 3 ? 1 : 0)),
                        y0 - y1,
                        series.rgb(),
                        0.85);
                base[i] += v;
            }
        }
        double[] xs = new double[c.buckets()];
        double[] ys = new double[c.buckets()];
        for (LineChart.Series series : c.series()) {
            if (series.stackedBar()) {
                continue;
            }
            int n = 0;
            for (int i = 0; i < c.buckets(); i++) {
                double v = series.values()[i];
                boolean weak = series.weak() != null && series.weak()[i];
                double x = LEFT + (i + 0.5) * bucketW;
                double y = TOP + plotH - (Double.isNaN(v) ? 0 : v) / top * plotH;
                if (Double.isNaN(v) || weak) {
                    run(s, xs, ys, n, series);
                    n = 0;
                    if (weak && !Double.isNaN(v)) {
                        s.circle(x, y, 2.5, series.rgb(), false);
                    }
                    continue;
                }
                xs[n] = x;
                ys[n] = y;
                n++;
            }
            run(s, xs, ys, n, series);
        }
        s.restore();
        legend(s, c, width, p);
        if (hover >= 0 && hover < c.buckets()) {
            crosshair(s, c, hover, LEFT + (hover + 0.5) * bucketW, plotH, plotW, p, zone);
        }
    }

    /** One unbroken run of points: a line, or a dot when it is a single point. */
    private static void run(Surface s, double[] xs, double[] ys, int n, LineChart.Series series) {
        s.polyline(xs, ys, n, series.rgb(), 1.6, series.dashed());
        if (n == 1) {
            s.circle(xs[0], ys[0], 1.6, series.rgb(), true);
        }
    }

    private static void legend(Surface s, LineChart c, double width, Palette p) {
        // right-aligned after the title, in series order; what does not fit beside the title goes,
        // still in order, to a second row
        double minX = LEFT + c.title().length() * 8.5 + 16;
        double right = width - RIGHT;
        List<LineChart.Series> first = new ArrayList<>();
        List<LineChart.Series> second = new ArrayList<>();
        double used = 0;
        for (LineChart.Series series : c.series()) {
            double w = legendWidth(series);
            if (second.isEmpty() && used + w <= right - minX) {
                first.add(series);
                used += w;
            } else {
                second.add(series);
            }
        }
        legendRow(s, first, right, 14, p);
        legendRow(s, second, right, 27, p);
    }

    private static double legendWidth(LineChart.Series series) {
        return 18 + series.name().length() * 6.2 + 6;
    }

    private static void legendRow(Surface s, List<LineChart.Series> row, double right, double y, Palette p) {
        double x =
                right - row.stream().mapToDouble(LineChartPainter::legendWidth).sum();
        for (LineChart.Series series : row) {
            if (series.stackedBar()) {
                s.fillRect(x, y - 4, 12, 8, series.rgb(), 0.85);
            } else {
                s.polyline(new double[] {x, x + 12}, new double[] {y, y}, 2, series.rgb(), 2, series.dashed());
            }
            s.text(series.name(), x + 15, y, p.foreground(), 10, false, Surface.Align.LEFT);
            x += legendWidth(series);
        }
    }

    private static void crosshair(
            Surface s, LineChart c, int i, double x, double plotH, double plotW, Palette p, ZoneId zone) {
        s.line(x, TOP, x, TOP + plotH, p.muted(), 1);
        DateTimeFormatter f = DateTimeFormatter.ofPattern("MMM d HH:mm:ss").withZone(zone);
        int lines = c.series().size() + 2;
        double boxW = 190;
        double boxH = lines * 15 + 8;
        double bx = x + 10 + boxW > LEFT + plotW ? x - 10 - boxW : x + 10;
        double by = TOP + 6;
        s.fillRect(bx, by, boxW, boxH, p.background(), 0.94);
        s.strokeRect(bx, by, boxW, boxH, p.grid(), 1);
        s.text(f.format(c.bucketStart(i)), bx + 8, by + 12, p.foreground(), 11, true, Surface.Align.LEFT);
        s.text(
                String.format(Locale.ROOT, "%,d calls", c.samples()[i]),
                bx + 8,
                by + 27,
                p.muted(),
                11,
                false,
                Surface.Align.LEFT);
        for (int k = 0; k < c.series().size(); k++) {
            LineChart.Series series = c.series().get(k);
            double v = series.values()[i];
            boolean weak = series.weak() != null && series.weak()[i];
            double y = by + 42 + k * 15;
            s.fillRect(bx + 8, y - 4, 10, 8, series.rgb(), 1);
            s.text(series.name(), bx + 24, y, p.foreground(), 11, false, Surface.Align.LEFT);
            s.text(
                    Double.isNaN(v) ? "—" : formatValue(v, c.unit()) + (weak ? " (few calls)" : ""),
                    bx + boxW - 8,
                    y,
                    weak ? p.muted() : p.foreground(),
                    11,
                    false,
                    Surface.Align.RIGHT);
        }
    }

    private static final double[] DURATION_STEPS_MS = {
        0.1, 0.2, 0.5, 1, 2, 5, 10, 20, 50, 100, 200, 500, 1_000, 2_000, 5_000, 10_000, 15_000, 30_000, 60_000, 120_000,
        300_000, 600_000, 900_000, 1_800_000, 3_600_000, 7_200_000
    };

    /** Ticks at round durations (…, 500 ms, 1 s, 2 s, 5 s, …, 1 min, 2 min, 5 min, …) from 0 to at least {@code max} ms. */
    static double[] durationTicks(double max, int target) {
        double step = DURATION_STEPS_MS[DURATION_STEPS_MS.length - 1];
        for (double s : DURATION_STEPS_MS) {
            if (max / s <= target) {
                step = s;
                break;
            }
        }
        return multiplesUpTo(max, step);
    }

    /** 0, step, 2·step, … up to the first multiple at or above {@code max}. */
    private static double[] multiplesUpTo(double max, double step) {
        int n = (int) Math.ceil(max / step);
        double[] out = new double[n + 1];
        for (int i = 0; i <= n; i++) {
            out[i] = i * step;
        }
        return out;
    }

    /** Round ticks from 0 to at least {@code max}. */
    static double[] niceTicks(double max, int target) {
        double raw = max / target;
        double mag = Math.pow(10, Math.floor(Math.log10(raw)));
        double step = mag;
        for (double m : new double[] {1, 2, 2.5, 5, 10}) {
            if (m * mag >= raw) {
                step = m * mag;
                break;
            }
        }
        return multiplesUpTo(max, step);
    }

    /** Milliseconds as ms, s or min; dollars with a sign and cents; anything else as a plain number. */
    public static String formatValue(double v, String unit) {
        if (unit.equals("$")) {
            return String.format(Locale.ROOT, Math.abs(v) >= 100 ? "$%,.0f" : "$%,.2f", v);
        }
        if (!unit.equals("ms")) {
            return String.format(Locale.ROOT, v == Math.rint(v) ? "%,.0f" : Math.abs(v) < 10 ? "%,.2f" : "%,.1f", v);
        }
        if (v < 1000) {
            return String.format(Locale.ROOT, v < 10 ? "%.1f ms" : "%.0f ms", v);
        }
        if (v < 60_000) {
            return trim(String.format(Locale.ROOT, "%.2f", v / 1000)) + " s";
        }
        if (v < 3_600_000) {
            return trim(String.format(Locale.ROOT, "%.1f", v / 60_000)) + " min";
        }
        return trim(String.format(Locale.ROOT, "%.1f", v / 3_600_000)) + " h";
    }

    private static String trim(String number) {
        return number.contains(".") ? number.replaceAll("0+$", "").replaceAll("\\.$", "") : number;
    }
}
