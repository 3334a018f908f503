package dev.callscope.functions;

import dev.callscope.chart.BarChart;
import dev.callscope.chart.BarChartPainter;
import dev.callscope.chart.Drawing;
import dev.callscope.chart.LineChart;
import dev.callscope.chart.LineChartPainter;
import dev.callscope.chart.Palette;
import dev.callscope.chart.Surface;
import dev.callscope.time.Durations;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The Functions tab's charts as values, so the tab and {@code callscope export} draw the same thing. */
public final class ScalingChart {

    private ScalingChart() {}

    /** Calls finished per bucket, succeeded and failed stacked, with calls enqueued as a line. */
    public static LineChart of(String functionName, ScalingSeries s, Palette p) {
        List<LineChart.Series> series = List.of(
                LineChart.Series.bars("succeeded", p.run(), toDouble(s.succeeded())),
                LineChart.Series.bars("failed", p.failure(), toDouble(s.failed())),
                new LineChart.Series("enqueued", p.queue(), false, toDouble(s.enqueued()), null));
        return new LineChart(
                functionName + " · calls",
                "calls per " + Durations.format(s.step())
                        + " bucket: finished (succeeded and failed, stacked) and enqueued",
                s.start(),
                s.step(),
                s.size(),
                series,
                s.enqueued(),
                "");
    }

    /** Average calls running and containers alive per bucket: how busy the containers were. */
    public static LineChart concurrency(String functionName, ScalingSeries s, Palette p) {
        List<LineChart.Series> series = List.of(
                new LineChart.Series(
                        "containers alive", p.coldStart(), true, s.containers().clone(), null),
                new LineChart.Series(
                        "calls running", p.selection(), false, s.running().clone(), null));
        return new LineChart(
                functionName + " · concurrency",
                "average over each " + Durations.format(s.step()) + " bucket of calls running and containers alive",
                s.start(),
                s.step(),
                s.size(),
                series,
                s.enqueued(),
                "");
    }

    /** The duration distribution over log-spaced bins, labelled by each bin's lower bound. */
    public static BarChart durations(DurationHistogram h, Palette p) {
        List<String> labels = new ArrayList<>();
        for (int i = 0; i < h.counts().length; i++) {
            labels.add(LineChartPainter.formatValue(h.lowerOf(i), "ms"));
        }
        String subtitle = h.counts().length == 0
                ? "no successful calls"
                : "from " + LineChartPainter.formatValue(h.lowerOf(0), "ms") + " to "
                        + LineChartPainter.formatValue(h.lowerOf(h.counts().length), "ms") + ", 4 bins per decade";
        return new BarChart("Execution time of successful calls", subtitle, labels, toDouble(h.counts()), p.run());
    }

    static double[] toDouble(long[] v) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i];
        }
        return out;
    }

    /** The duration distribution drawn as bars, and its bins as CSV (lower bound in ms, calls). */
    public static Drawing durationsDrawing(DurationHistogram hist, Palette p) {
        BarChart bars = durations(hist, p);
        return new Drawing() {
            @Override
            public void paint(Surface s, double w, double h) {
                BarChartPainter.paint(s, bars, w, h, p);
            }

            @Override
            public void writeCsv(OutputStream o) throws IOException {
                Writer w = new OutputStreamWriter(o, StandardCharsets.UTF_8);
                w.write("bin_lower_ms,calls\r\n");
                for (int i = 0; i < bars.values().length; i++) {
                    w.write(String.format(Locale.ROOT, "%.3f,%d\r\n", hist.lowerOf(i), hist.counts()[i]));
                }
                w.flush();
            }
        };
    }
}
