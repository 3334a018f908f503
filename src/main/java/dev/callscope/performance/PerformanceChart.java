package dev.callscope.performance;

import dev.callscope.chart.LineChart;
import dev.callscope.chart.Palette;
import java.io.IOException;
import java.io.Writer;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Turns latency series into the chart the tab draws and the CSV it exports: the chosen statistics
 * (and, when comparing, the previous period's, dashed), with sparse buckets marked weak.
 */
public final class PerformanceChart {

    private PerformanceChart() {
    }

    public static int colorOf(Statistic s, Palette p) {
        return switch (s) {
            case P50 -> p.dark() ? 0x58a6ff : 0x0969da;
            case P90 -> p.dark() ? 0xd29922 : 0xbf8700;
            case P99 -> p.dark() ? 0xf85149 : 0xcf222e;
            case AVG -> p.dark() ? 0x3fb950 : 0x1a7f37;
            case MAX -> p.dark() ? 0xbc8cff : 0x8250df;
        };
    }

    public static LineChart of(LatencySeries current, LatencySeries previous, Set<Statistic> shown, String scope, Palette p) {
        List<LineChart.Series> series = new ArrayList<>();
        for (Statistic st : Statistic.values()) {
            if (!shown.contains(st)) {
                continue;
            }
            series.add(series(current, st, st.label(), false, p));
            if (previous != null) {
                series.add(series(previous, st, st.label() + " (previous)", true, p));
            }
        }
        String title = current.metric().label() + " latency · " + scope;
        String subtitle = String.format(Locale.ROOT, "per %s bucket, by finish time · percentiles %s · hollow points: too few calls for that percentile",
                dev.callscope.time.Durations.format(current.step()), current.precision().label());
        return new LineChart(title, subtitle, current.start(), current.step(), current.size(), series, current.samples(), "ms");
    }

    private static LineChart.Series series(LatencySeries s, Statistic st, String name, boolean dashed, Palette p) {
        boolean[] weak = new boolean[s.size()];
        for (int i = 0; i < s.size(); i++) {
            weak[i] = s.samples()[i] > 0 && !s.enough(st, i);
        }
        return new LineChart.Series(name, colorOf(st, p), dashed, s.values().get(st).clone(), weak);
    }

    /**
     * Exactly the plotted data: one row per bucket with its start (UTC, ISO-8601), its calls, and
     * each shown series in milliseconds (empty for an empty bucket; weak points keep their value and
     * are flagged in a {@code _few_calls} column).
     */
    public static void writeCsv(LineChart chart, Writer out) throws IOException {
        StringBuilder header = new StringBuilder("bucket_start,calls");
        for (LineChart.Series s : chart.series()) {
            String col = s.name().replace(" (previous)", "_previous").replace(' ', '_') + "_ms";
            header.append(',').append(col).append(',').append(col, 0, col.length() - 3).append("_few_calls");
        }
        out.write(header.append("\r\n").toString());
        DateTimeFormatter iso = DateTimeFormatter.ISO_INSTANT.withZone(ZoneOffset.UTC);
        for (int i = 0; i < chart.buckets(); i++) {
            StringBuilder row = new StringBuilder(iso.format(chart.bucketStart(i))).append(',').append(chart.samples()[i]);
            for (LineChart.Series s : chart.series()) {
                double v = s.values()[i];
                row.append(',').append(Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.3f", v));
                row.append(',').append(s.weak() != null && s.weak()[i]);
            }
            out.write(row.append("\r\n").toString());
        }
        out.flush();
    }
}
