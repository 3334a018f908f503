package dev.callscope.batches;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;

/** A job as CSV: one row per input, by index, with what the tab shows of it. */
public final class BatchInputsCsv {

    public static final String HEADER = "batch_id,input_index,function_call_id,status,attempts,enqueued_at,finished_at,"
            + "run_seconds,latency_seconds,billed_seconds,cost";

    private BatchInputsCsv() {}

    public static void write(BatchJob job, OutputStream out) throws IOException {
        Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        w.write(HEADER);
        w.write('\n');
        for (BatchInput in : job.inputs()) {
            w.write(String.join(
                    ",",
                    job.batchId(),
                    Integer.toString(in.index()),
                    in.callId(),
                    in.pending() ? "pending" : in.failed() ? "failed" : "done",
                    Integer.toString(in.attempts()),
                    in.enqueued().toString(),
                    in.finished() == null ? "" : in.finished().toString(),
                    seconds(in.run()),
                    seconds(in.latency()),
                    seconds(in.billed()),
                    String.format(Locale.ROOT, "%.6f", in.cost())));
            w.write('\n');
        }
        w.flush();
    }

    private static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%.6f", d.toNanos() / 1e9);
    }
}
