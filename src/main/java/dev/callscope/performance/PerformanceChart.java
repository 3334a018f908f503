package dev.callscope.performance;

import dev.callscope.chart.LineChart;
import dev.callscope.chart.Palette;
import dev.callscope.time.Durations;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Turns latency series into the chart the tab draws and the CSV it exports: the chosen statistics
 * (and, when comparing, the previous period's, dashed), with sparse buckets marked weak.
 */
public final class PerformanceChart {

    private PerformanceChart() {}

    public static int colorOf(Statistic s, Palette p) {
        return switch (s) {
            case P50 -> p.dark() ? 0x58a6ff : 0x0969da;
            case P90 -> p.dark() ? 0xd29922 : 0xbf8700;
            case P99 -> p.dark() ? 0xf85149 : 0xcf222e;
            case AVG -> p.dark() ? 0x3fb950 : 0x1a7f37;
            case MAX -> p.dark() ? 0xbc8cff : 0x8250df;
        };
    }

    public static LineChart of(
            LatencySeries current, LatencySeries previous, Set<Statistic> shown, String scope, Palette p) {
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
        String subtitle = String.format(
                Locale.ROOT,
                "calls finished %s (whole %s buckets) · percentiles %s · hollow points: too few calls",
                current.readRangeText(ZoneOffset.UTC),
                Durations.format(current.step()),
                current.precision().label());
        return new LineChart(
                title, subtitle, current.start(), current.step(), current.size(), series, current.samples(), "ms");
    }

    private static LineChart.Series series(LatencySeries s, Statistic st, String name, boolean dashed, Palette p) {
        boolean[] weak = new boolean[s.size()];
        for (int i = 0; i < s.size(); i++) {
            weak[i] = s.samples()[i] > 0 && !s.enough(st, i);
        }
        return new LineChart.Series(
                name, colorOf(st, p), dashed, s.values().get(st).clone(), weak);
    }
}
