package dev.callscope.functions;

import dev.callscope.chart.BarChart;
import dev.callscope.chart.LineChart;
import dev.callscope.chart.LineChartPainter;
import dev.callscope.chart.Palette;
import dev.callscope.time.Durations;
import java.util.ArrayList;
import java.util.List;

/** The Functions tab's charts as values, so the tab and {@code callscope export} draw the same thing. */
public final class ScalingChart {

    private ScalingChart() {
    }

    public static LineChart of(String functionName, ScalingSeries s, Palette p) {
        List<LineChart.Series> series = List.of(
                new LineChart.Series("enqueued", p.queue(), false, toDouble(s.enqueued()), null),
                new LineChart.Series("succeeded", p.run(), false, toDouble(s.succeeded()), null),
                new LineChart.Series("failed", p.failure(), false, toDouble(s.failed()), null),
                new LineChart.Series("running", p.selection(), false, toDouble(s.running()), null),
                new LineChart.Series("containers", p.coldStart(), true, toDouble(s.containers()), null));
        return new LineChart(functionName + " · how it scales", "calls per " + Durations.format(s.step())
                + " bucket (enqueued, finished by outcome); calls running and containers alive during each bucket",
                s.start(), s.step(), s.size(), series, s.enqueued(), "");
    }

    /** The duration distribution over log-spaced bins, labelled by each bin's lower bound. */
    public static BarChart durations(DurationHistogram h, Palette p) {
        List<String> labels = new ArrayList<>();
        for (int i = 0; i < h.counts().length; i++) {
            labels.add(LineChartPainter.formatValue(h.lowerOf(i), "ms"));
        }
        String subtitle = h.counts().length == 0 ? "no successful calls"
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
}
