package dev.callscope.cost;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/** The Cost tab's table as CSV: one line per function (or app) over the whole range, dollars to four decimals. */
public final class CostTableCsv {

    private CostTableCsv() {}

    public static void write(List<CostRow> rows, OutputStream out) throws IOException {
        Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        w.write(
                "name,app,gpu,attempts,successes,gpu_s,cost_usd,cost_per_success_usd,failed_share,cold_share,idle_s,idle_cost_usd,no_finish_event\r\n");
        for (CostRow r : rows) {
            w.write(String.format(
                    Locale.ROOT,
                    "%s,%s,%s,%d,%d,%.3f,%.4f,%s,%.4f,%.4f,%.3f,%.4f,%d\r\n",
                    csv(r.functionName()),
                    csv(r.appName()),
                    csv(r.gpuType()),
                    r.attempts(),
                    r.successes(),
                    r.gpuSeconds(),
                    r.cost(),
                    Double.isNaN(r.costPerSuccess()) ? "" : String.format(Locale.ROOT, "%.4f", r.costPerSuccess()),
                    r.failedShare(),
                    r.coldShare(),
                    r.idleSeconds(),
                    r.idleCost(),
                    r.unfinished()));
        }
        w.flush();
    }

    private static String csv(String s) {
        return s.contains(",") || s.contains("\"") || s.contains("\n") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }
}
