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
public record BatchSummary(
        String batchId,
        String functionId,
        String functionName,
        int inputs,
        int done,
        int failed,
        int pending,
        int retries,
        Instant firstEnqueued,
        Instant lastFinished,
        int finishedRecently,
        Duration billed,
        double cost,
        Instant now) {

    /** Inputs finished a second (see {@link BatchJob#throughput}). */
    public double throughput() {
        return BatchJob.throughput(pending, finishedRecently, done + failed, wall());
    }

    /** First enqueue to the last finish, or to now while running (see {@link BatchJob#wall}). */
    public Duration wall() {
        return BatchJob.wall(firstEnqueued, lastFinished, pending, now);
    }

    public Instant eta() {
        return BatchJob.eta(pending, finishedRecently, now);
    }
}
