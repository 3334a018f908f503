package dev.callscope.cli;

import dev.callscope.batches.BatchInputsCsv;
import dev.callscope.batches.BatchJob;
import dev.callscope.batches.BatchProgress;
import dev.callscope.batches.BatchQuery;
import dev.callscope.calls.EventSchema;
import dev.callscope.calls.FunctionDirectory;
import dev.callscope.chart.ChartFiles;
import dev.callscope.chart.Palette;
import dev.callscope.cost.Prices;
import dev.callscope.engine.Engine;
import dev.callscope.platform.AtomicFiles;
import dev.callscope.time.DataNow;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Locale;

/** {@code callscope export batch --batch ID}: a job's progress chart as the tab draws it, or CSV, one row per input. */
final class BatchExport {

    private BatchExport() {}

    static int write(
            CommandSupport support,
            Engine engine,
            EventSchema events,
            String batchId,
            Prices prices,
            Path out,
            boolean quiet,
            String format,
            int width,
            int height,
            int scale,
            Palette palette,
            ZoneId zone) {
        if (!quiet) {
            support.err().println("Reading the batch job " + batchId + "…");
        }
        Instant now = DataNow.of(new FunctionDirectory(events).newestEvent(engine), Instant.now());
        BatchQuery.Loaded r = new BatchQuery(events).load(engine, batchId, now, prices);
        BatchJob job = r.job();
        if (job.inputs().isEmpty()) {
            return support.usageError("no batch job with id '" + batchId + "' in " + events.qualifiedTable());
        }
        try {
            if (format.equals("csv")) {
                AtomicFiles.write(out, o -> BatchInputsCsv.write(job, o));
            } else {
                var chart = BatchProgress.of(job, palette);
                AtomicFiles.write(out, o -> ChartFiles.writeTo(chart, width, height, palette, zone, format, scale, o));
            }
        } catch (IOException e) {
            return support.cannotWrite(out, e);
        }
        if (!quiet) {
            support.err()
                    .printf(
                            Locale.ROOT,
                            "Wrote %,d inputs (%,d done, %,d failed, %,d pending; $%.4f%s)%s to %s%n",
                            job.inputs().size(),
                            job.done(),
                            job.failed(),
                            job.pending(),
                            job.cost(),
                            prices.examples() ? " at example prices" : "",
                            r.cut() ? ", cut at " + BatchQuery.MAX_INPUTS + " inputs" : "",
                            out);
        }
        return CommandSupport.OK;
    }
}
