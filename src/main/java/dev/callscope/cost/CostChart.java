package dev.callscope.cost;

import dev.callscope.chart.Drawing;
import dev.callscope.chart.LineChart;
import dev.callscope.chart.LineChartPainter;
import dev.callscope.chart.Palette;
import dev.callscope.chart.Surface;
import dev.callscope.time.TimeRange;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Cost per day as stacked bars, one colour per function (the seven most expensive, then "other
 * functions"), with idle container time as its own bar segment; the CSV is the per-function, per-day
 * table behind it, so a spreadsheet sums to the same cents as the tab.
 */
public final class CostChart {

    /** Functions drawn in their own colour; the rest share one. */
    static final int TOP = 7;

    private CostChart() {}

    public static LineChart of(List<CostRow> days, TimeRange range, Prices prices, Palette p) {
        LocalDate first = LocalDate.ofInstant(range.from(), ZoneOffset.UTC);
        LocalDate last = LocalDate.ofInstant(range.to().minusNanos(1000), ZoneOffset.UTC);
        int n = (int) (last.toEpochDay() - first.toEpochDay() + 1);
        List<CostRow> ranked = CostQuery.byFunction(days);
        Map<String, Integer> slot = new LinkedHashMap<>();
        for (int i = 0; i < Math.min(TOP, ranked.size()); i++) {
            slot.put(ranked.get(i).functionId(), i);
        }
        boolean other = ranked.size() > TOP;
        double[][] values = new double[TOP + 2][n];
        long[] counts = new long[n]; // the strip under the bars: attempts finished per day
        for (CostRow d : days) {
            int day = (int) (d.day().toEpochDay() - first.toEpochDay());
            if (day < 0 || day >= n) {
                continue;
            }
            values[slot.getOrDefault(d.functionId(), TOP)][day] += d.cost();
            values[TOP + 1][day] += d.idleCost();
            counts[day] += d.attempts();
        }
        List<LineChart.Series> series = new ArrayList<>();
        for (Map.Entry<String, Integer> e : slot.entrySet()) {
            CostRow r = ranked.get(e.getValue());
            series.add(LineChart.Series.bars(r.functionName(), p.category(e.getValue()), values[e.getValue()]));
        }
        if (other) {
            series.add(LineChart.Series.bars("other functions", p.category(TOP), values[TOP]));
        }
        series.add(LineChart.Series.bars(
                "idle containers", p.initFailure(), values[TOP + 1])); // a colour no function gets
        String subtitle = "billed time (cold start and run) per UTC day, and idle warm containers"
                + (prices.examples() ? " · example prices, not a quote" : "");
        return new LineChart(
                "Cost per day",
                subtitle,
                first.atStartOfDay(ZoneOffset.UTC).toInstant(),
                Duration.ofDays(1),
                n,
                series,
                counts,
                "$");
    }

    /** The chart for PNG/SVG/PDF, and the per-function, per-day table for CSV. */
    public static Drawing drawing(List<CostRow> days, TimeRange range, Prices prices, Palette p, ZoneId zone) {
        LineChart chart = of(days, range, prices, p);
        return new Drawing() {
            @Override
            public void paint(Surface s, double width, double height) {
                LineChartPainter.paint(s, chart, width, height, p, zone, -1);
            }

            @Override
            public void writeCsv(OutputStream out) throws IOException {
                CostChart.writeCsv(days, out);
            }
        };
    }

    /** One line per function and day; dollars to four decimals (the cent and below). */
    public static void writeCsv(List<CostRow> days, OutputStream out) throws IOException {
        Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        w.write(
                "day,function_id,function,app,gpu,attempts,successes,cold_s,run_s,failed_s,gpu_s,cost_usd,cold_cost_usd,"
                        + "failed_cost_usd,idle_s,idle_cost_usd\r\n");
        for (CostRow r : days) {
            w.write(String.format(
                    Locale.ROOT,
                    "%s,%s,%s,%s,%s,%d,%d,%.3f,%.3f,%.3f,%.3f,%.4f,%.4f,%.4f,%.3f,%.4f\r\n",
                    r.day(),
                    r.functionId(),
                    csv(r.functionName()),
                    csv(r.appName()),
                    csv(r.gpuType()),
                    r.attempts(),
                    r.successes(),
                    r.coldSeconds(),
                    r.runSeconds(),
                    r.failedSeconds(),
                    r.gpuSeconds(),
                    r.cost(),
                    r.coldCost(),
                    r.failedCost(),
                    r.idleSeconds(),
                    r.idleCost()));
        }
        w.flush();
    }

    private static String csv(String s) {
        return s.contains(",") || s.contains("\"") || s.contains("\n") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }

    static Instant dayStart(LocalDate d) {
        return d.atStartOfDay(ZoneOffset.UTC).toInstant();
    }
}
