package dev.callscope.batches;

import dev.callscope.chart.LineChart;
import dev.callscope.chart.Palette;
import dev.callscope.performance.LatencyQuery;
import dev.callscope.time.Durations;
import dev.callscope.time.TimeRange;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * A job's progress over time as charts, so the tab and {@code callscope export batch} draw the same thing. Buckets are
 * half-open {@code [start, start + step)}; each shows the inputs done, failed and pending at its end (an input is
 * pending from its enqueue until its last attempt finished), stacked; and the inputs that finished in it, a second (the
 * last bucket of a running job over the part of it that has passed).
 */
public final class BatchProgress {

    /** About this many buckets from the first enqueue to the job's end (or now). */
    static final int BUCKETS = 150;

    private BatchProgress() {}

    /** The span the charts cover: first enqueue, in whole steps, to the last finish (a finished job) or now. */
    static TimeRange span(BatchJob job) {
        Instant first = job.firstEnqueued();
        Instant end = first.plus(job.wall()).plusNanos(1_000); // the last finish falls inside the last bucket
        return new TimeRange(first, end);
    }

    /** Done, failed and pending inputs at the end of each bucket, stacked. */
    public static LineChart of(BatchJob job, Palette p) {
        if (job.inputs().isEmpty()) {
            return null;
        }
        Duration step = LatencyQuery.step(span(job), BUCKETS);
        Instant start = floor(job.firstEnqueued(), step);
        int n = (int) Math.max(
                1, (Duration.between(start, span(job).to()).toNanos() + step.toNanos() - 1) / step.toNanos());
        // counted as changes at bucket boundaries and summed once: O(inputs + buckets), not inputs × buckets
        double[] done = new double[n + 1];
        double[] failed = new double[n + 1];
        double[] pending = new double[n + 1];
        long[] finishedIn = new long[n];
        for (BatchInput in : job.inputs()) {
            int enq = bucket(start, step, in.enqueued(), n);
            int fin = in.finished() == null ? n : bucket(start, step, in.finished(), n);
            // pending in every bucket from the one it was enqueued in until the one it finished in
            if (enq < fin) {
                pending[enq]++;
                pending[fin]--;
            }
            if (in.finished() != null) {
                finishedIn[fin]++;
                (in.failed() ? failed : done)[fin]++;
            }
        }
        for (int b = 1; b < n; b++) {
            done[b] += done[b - 1];
            failed[b] += failed[b - 1];
            pending[b] += pending[b - 1];
        }
        done = Arrays.copyOf(done, n);
        failed = Arrays.copyOf(failed, n);
        pending = Arrays.copyOf(pending, n);
        List<LineChart.Series> series = List.of(
                LineChart.Series.bars("done", p.run(), done),
                LineChart.Series.bars("failed", p.failure(), failed),
                LineChart.Series.bars("pending", p.queue(), pending));
        return new LineChart(
                job.functionName() + " · " + job.batchId(),
                "inputs done, failed and pending at the end of each " + Durations.format(step) + " bucket, stacked",
                start,
                step,
                n,
                series,
                finishedIn,
                "");
    }

    /** Inputs finished (done or failed) per second in each bucket of {@code progress} (what {@link #of} drew for {@code job}). */
    public static LineChart throughput(BatchJob job, LineChart progress, Palette p) {
        if (progress == null) {
            return null;
        }
        double seconds = progress.step().toNanos() / 1e9;
        double[] perSecond = new double[progress.buckets()];
        for (int b = 0; b < perSecond.length; b++) {
            // while the job runs, the last bucket holds now: its rate is over the part of it that has passed
            double covered = job.pending() > 0 && b == perSecond.length - 1
                    ? Math.min(
                            seconds,
                            Duration.between(progress.bucketStart(b), job.now()).toNanos() / 1e9)
                    : seconds;
            perSecond[b] = covered <= 0 ? 0 : progress.samples()[b] / covered;
        }
        return new LineChart(
                "Inputs per second",
                "inputs finished per second in each " + Durations.format(progress.step()) + " bucket",
                progress.start(),
                progress.step(),
                progress.buckets(),
                List.of(new LineChart.Series("finished / s", p.selection(), false, perSecond, null)),
                progress.samples(),
                "");
    }

    private static Instant floor(Instant t, Duration step) {
        long s = step.toSeconds();
        return Instant.ofEpochSecond(Math.floorDiv(t.getEpochSecond(), s) * s);
    }

    /** The bucket {@code t} falls in, clamped to {@code [0, n)}. */
    private static int bucket(Instant start, Duration step, Instant t, int n) {
        long i = Math.floorDiv(Duration.between(start, t).toNanos(), step.toNanos());
        return (int) Math.max(0, Math.min(n - 1, i));
    }
}
