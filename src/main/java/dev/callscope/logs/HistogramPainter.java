package dev.callscope.logs;

import dev.callscope.chart.Drawing;
import dev.callscope.chart.Palette;
import dev.callscope.chart.Surface;
import dev.callscope.chart.TimeAxis;
import dev.callscope.time.TimeRange;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Locale;

/**
 * Draws the Logs tab's match histogram (errors stacked in red) on any {@link Surface}: the tab's
 * canvas, and PNG, SVG and PDF files from {@code callscope export logs-histogram}.
 */
public final class HistogramPainter {

    public static final double LEFT = 64;
    public static final double AXIS = 18;
    private static final double RIGHT = 8;

    private HistogramPainter() {}

    public static double plotWidth(double width) {
        return Math.max(1, width - LEFT - RIGHT);
    }

    public static double xOf(TimeRange range, double width, Instant t) {
        double f = (double) Duration.between(range.from(), t).toMillis()
                / Math.max(1, range.duration().toMillis());
        return LEFT + f * plotWidth(width);
    }

    /** {@code data} may be null (still counting): then only the axes are drawn. */
    public static void paint(
            Surface s, MatchHistogram data, TimeRange range, double width, double height, Palette p, ZoneId zone) {
        s.fillRect(0, 0, width, height, p.background(), 1);
        if (range == null || width <= LEFT) {
            return;
        }
        int bar = p.dark() ? 0x388bfd : 0x0969da;
        double plotH = height - AXIS - 6;
        long max = 1;
        if (data != null) {
            for (long c : data.counts()) {
                max = Math.max(max, c);
            }
        }
        s.text(String.format(Locale.ROOT, "%,d", max), LEFT - 6, 8, p.muted(), 11, false, Surface.Align.RIGHT);
        s.text("0", LEFT - 6, plotH + 2, p.muted(), 11, false, Surface.Align.RIGHT);
        s.line(LEFT, plotH + 2.5, width - RIGHT, plotH + 2.5, p.grid(), 1);
        if (data != null) {
            for (int i = 0; i < data.size(); i++) {
                Instant b0 = data.bucketStart(i);
                double x0 = Math.max(LEFT, xOf(range, width, b0));
                double x1 = Math.min(width - RIGHT, xOf(range, width, b0.plus(data.step())));
                if (x1 <= x0) {
                    continue;
                }
                double bw = Math.max(1, x1 - x0 - (x1 - x0 > 3 ? 1 : 0));
                double total = data.counts()[i] * plotH / max;
                double err = data.errors()[i] * plotH / max;
                s.fillRect(x0, plotH + 2 - total, bw, total - err, bar, 1);
                s.fillRect(x0, plotH + 2 - err, bw, err, p.failure(), 1);
            }
        }
        for (TimeAxis.Tick tick :
                TimeAxis.ticks(range.from(), range.to(), (int) Math.max(2, plotWidth(width) / 110), zone)) {
            double x = xOf(range, width, tick.at());
            s.line(x, plotH + 2, x, plotH + 6, p.grid(), 1);
            s.text(
                    tick.label(),
                    Math.max(LEFT + 20, Math.min(x, width - 40)),
                    height - AXIS / 2,
                    p.muted(),
                    11,
                    false,
                    Surface.Align.CENTER);
        }
    }

    /** The histogram as a drawing for files (PNG, SVG, PDF) and its CSV. */
    public static Drawing drawing(MatchHistogram data, TimeRange range, Palette p, ZoneId zone) {
        return new Drawing() {
            @Override
            public void paint(Surface s, double width, double height) {
                HistogramPainter.paint(s, data, range, width, height, p, zone);
            }

            @Override
            public void writeCsv(OutputStream out) throws IOException {
                HistogramPainter.writeCsv(data, out);
            }
        };
    }

    /** The plotted data: one row per bucket with its start (UTC), matches and error-level matches. */
    public static void writeCsv(MatchHistogram data, OutputStream stream) throws IOException {
        OutputStreamWriter out = new OutputStreamWriter(stream, StandardCharsets.UTF_8);
        out.write("bucket_start,matches,errors\r\n");
        for (int i = 0; i < data.size(); i++) {
            out.write(data.bucketStart(i) + "," + data.counts()[i] + "," + data.errors()[i] + "\r\n");
        }
        out.flush();
    }
}
