package dev.callscope.batches;

import java.time.Duration;
import java.time.Instant;

/**
 * A batch job as the jobs list shows it: counted in ClickHouse by the same rules {@link BatchJob} computes them by
 * (an input's outcome is its last attempt's; billed time as the Cost tab bills it).
 *
 * @param lastFinished the last finish of an input, or null when none finished
 * @param finishedRecently inputs finished in {@code [now - BatchJob.RECENT, now)}
 */
public record BatchSummary(String batchId, String functionId, String functionName, int inputs, int done, int failed,
                           int pending, int retries, Instant firstEnqueued, Instant lastFinished, int finishedRecently,
                           Duration billed, double cost, Instant now) {

    /** Inputs finished a second (see {@link BatchJob#throughput}). */
    public double throughput() {
        if (pending > 0) {
            return finishedRecently / (double) BatchJob.RECENT.toSeconds();
        }
        double seconds = wall().toNanos() / 1e9;
        return seconds <= 0 ? 0 : (done + failed) / seconds;
    }

    /** First enqueue to the last finish, or to now while running. */
    public Duration wall() {
        Instant end = pending > 0 || lastFinished == null ? now : lastFinished;
        return end.isBefore(firstEnqueued) ? Duration.ZERO : Duration.between(firstEnqueued, end);
    }

    public Instant eta() {
        return BatchJob.eta(pending, finishedRecently, now);
    }
}
