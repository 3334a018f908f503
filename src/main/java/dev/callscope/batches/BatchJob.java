package dev.callscope.batches;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * A batch job (a {@code .map} over inputs) as of {@code now}: how far it got, how fast it goes, when it will end, what
 * it cost, how long an input takes and how much of its wall time the last inputs took. Every number is computed here
 * from the inputs, once, when the job is made (off the FX thread: the tab only reads them), the same way for the
 * window, the CSV and the tests (docs/SCHEMA.md, "Batch jobs").
 */
public final class BatchJob {

    /** The window "inputs per second" and the ETA look back over. */
    public static final Duration RECENT = Duration.ofMinutes(5);
    /** Inputs listed as the slowest. */
    public static final int SLOWEST = 20;

    /** p50, p90 and p99 by nearest rank (the value at rank ⌈p·n⌉ of the sorted values), or nulls with no values. */
    public record Percentiles(Duration p50, Duration p90, Duration p99) {
        /** Of the first {@code n} values, in nanoseconds, in any order (they are reordered). */
        static Percentiles of(long[] nanos, int n) {
            if (n == 0) {
                return new Percentiles(null, null, null);
            }
            return new Percentiles(
                    Duration.ofNanos(NearestRank.select(nanos, n, NearestRank.index(n, 0.5))),
                    Duration.ofNanos(NearestRank.select(nanos, n, NearestRank.index(n, 0.9))),
                    Duration.ofNanos(NearestRank.select(nanos, n, NearestRank.index(n, 0.99))));
        }
    }

    private final String batchId;
    private final String functionName;
    private final Instant now;
    private final List<BatchInput> inputs;
    private final int done;
    private final int failed;
    private final int pending;
    private final int retries;
    private final int retriedInputs;
    private final Instant firstEnqueued;
    private final Instant lastFinished;
    private final Duration billed;
    private final double cost;
    private final int finishedRecently;
    private final Percentiles run;
    private final Percentiles latency;
    private final Instant ninetyNinePercentFinished;
    private final List<BatchInput> slowest;
    private final List<BatchInput> failedInputs;

    public BatchJob(String batchId, String functionName, List<BatchInput> inputs, Instant now) {
        this.batchId = batchId;
        this.functionName = functionName;
        this.now = now;
        this.inputs = byIndex(inputs);
        // one pass into primitives (a 200,000-input job was a dozen streams and three sorts: 200 ms)
        int n = this.inputs.size();
        long[] finishes = new long[n];
        long[] runs = new long[n];
        long[] latencies = new long[n];
        int finished = 0;
        int doneCount = 0;
        int retryCount = 0;
        int retried = 0;
        long firstEnq = Long.MAX_VALUE;
        long lastFin = Long.MIN_VALUE;
        long billedNanos = 0;
        double costSum = 0;
        long recentFrom = nanos(now.minus(RECENT));
        long recentTo = nanos(now);
        int recent = 0;
        List<BatchInput> failedList = new ArrayList<>();
        for (BatchInput in : this.inputs) {
            firstEnq = Math.min(firstEnq, nanos(in.enqueued()));
            retryCount += in.attempts() - 1;
            retried += in.attempts() > 1 ? 1 : 0;
            billedNanos += in.billed().toNanos();
            costSum += in.cost();
            if (in.pending()) {
                continue;
            }
            if (in.failed()) {
                failedList.add(in);
            } else {
                doneCount++;
            }
            long f = nanos(in.finished());
            lastFin = Math.max(lastFin, f);
            recent += f >= recentFrom && f < recentTo ? 1 : 0;
            finishes[finished] = f;
            runs[finished] = in.run().toNanos();
            latencies[finished] = in.latency().toNanos();
            finished++;
        }
        this.done = doneCount;
        this.failed = failedList.size();
        this.pending = n - done - failed;
        this.retries = retryCount;
        this.retriedInputs = retried;
        this.firstEnqueued = n == 0 ? null : instant(firstEnq);
        this.lastFinished = finished == 0 ? null : instant(lastFin);
        this.billed = Duration.ofNanos(billedNanos);
        this.cost = costSum;
        this.finishedRecently = recent;
        this.latency = Percentiles.of(latencies, finished);
        this.ninetyNinePercentFinished = pending > 0 || finished == 0
                ? null
                : instant(NearestRank.select(finishes, finished, NearestRank.index(finished, 0.99)));
        this.failedInputs = List.copyOf(failedList);
        // the slowest: only inputs at least as slow as the SLOWEST-th slowest can be among them (ties included)
        long[] byRun = Arrays.copyOf(runs, finished);
        this.run = Percentiles.of(runs, finished);
        long slowEnough = finished < SLOWEST ? Long.MIN_VALUE : NearestRank.select(byRun, finished, finished - SLOWEST);
        List<BatchInput> slow = new ArrayList<>();
        for (BatchInput in : this.inputs) {
            if (!in.pending() && in.run().toNanos() >= slowEnough) {
                slow.add(in);
            }
        }
        slow.sort(Comparator.comparing(BatchInput::run).reversed().thenComparingInt(BatchInput::index));
        this.slowest = List.copyOf(slow.subList(0, Math.min(SLOWEST, slow.size())));
    }

    public String batchId() {
        return batchId;
    }

    public String functionName() {
        return functionName;
    }

    public Instant now() {
        return now;
    }

    /** By input index. */
    public List<BatchInput> inputs() {
        return inputs;
    }

    public int done() {
        return done;
    }

    public int failed() {
        return failed;
    }

    public int pending() {
        return pending;
    }

    /** Attempts past the first, over all inputs. */
    public int retries() {
        return retries;
    }

    /** Inputs that took more than one attempt. */
    public int retriedInputs() {
        return retriedInputs;
    }

    /** The first input's enqueue, or null for no inputs. */
    public Instant firstEnqueued() {
        return firstEnqueued;
    }

    /** The last finish of an input, or null when none finished. */
    public Instant lastFinished() {
        return lastFinished;
    }

    /** First enqueue to the last finish (a finished job) or to now (one still running). */
    public Duration wall() {
        return wall(firstEnqueued, lastFinished, pending, now);
    }

    /** The wall-time rule, shared with the jobs list. */
    static Duration wall(Instant firstEnqueued, Instant lastFinished, int pending, Instant now) {
        if (firstEnqueued == null) {
            return Duration.ZERO;
        }
        Instant end = pending > 0 || lastFinished == null ? now : lastFinished;
        return end.isBefore(firstEnqueued) ? Duration.ZERO : Duration.between(firstEnqueued, end);
    }

    public Duration billed() {
        return billed;
    }

    /** What the job cost so far, at the Cost tab's prices. */
    public double cost() {
        return cost;
    }

    /** Inputs finished (done or failed) in {@code [now - RECENT, now)}. */
    public int finishedRecently() {
        return finishedRecently;
    }

    /** Inputs finished a second: while running, over the last {@link #RECENT}; once finished, over its wall time. */
    public double throughput() {
        return throughput(pending, finishedRecently, done + failed, wall());
    }

    /** The throughput rule, shared with the jobs list. */
    static double throughput(int pending, int finishedRecently, int finished, Duration wall) {
        if (pending > 0) {
            return finishedRecently / (double) RECENT.toSeconds();
        }
        double seconds = wall.toNanos() / 1e9;
        return seconds <= 0 ? 0 : finished / seconds;
    }

    /** When the pending inputs will have finished at the recent throughput, or null (finished, or nothing finished lately). */
    public Instant eta() {
        return eta(pending, finishedRecently, now);
    }

    /** The ETA rule, shared with the jobs list: {@code pending} at the rate of {@code finishedRecently} per {@link #RECENT}. */
    public static Instant eta(long pending, long finishedRecently, Instant now) {
        if (pending == 0 || finishedRecently == 0) {
            return null;
        }
        double seconds = pending * (double) RECENT.toSeconds() / finishedRecently;
        return now.plusNanos((long) (seconds * 1e9));
    }

    /** The run time of the last attempt of every finished input. */
    public Percentiles run() {
        return run;
    }

    /** Enqueue to finish of every finished input (its queue and retries included). */
    public Percentiles latency() {
        return latency;
    }

    /**
     * When 99 % of the inputs had finished: the finish at rank ⌈0.99·n⌉ of the sorted finishes; null while any input
     * is pending.
     */
    public Instant ninetyNinePercentFinished() {
        return ninetyNinePercentFinished;
    }

    /**
     * The straggler tail: the share of the wall time after 99 % of the inputs had finished (0 to 1), or NaN while
     * the job runs.
     */
    public double stragglerShare() {
        double wall = wall().toNanos();
        if (ninetyNinePercentFinished == null || wall <= 0) {
            return Double.NaN;
        }
        return Duration.between(ninetyNinePercentFinished, lastFinished).toNanos() / wall;
    }

    /** The {@link #SLOWEST} finished inputs by run time, slowest first (then by index). */
    public List<BatchInput> slowest() {
        return slowest;
    }

    /** Inputs whose last attempt failed, by index. */
    public List<BatchInput> failedInputs() {
        return failedInputs;
    }

    /**
     * {@code inputs} by index, in a stable order for equal ones: placed by counting when the indexes
     * are dense (a job's are 0 to n - 1), else a sort of primitive keys, not of objects.
     */
    private static List<BatchInput> byIndex(List<BatchInput> inputs) {
        int n = inputs.size();
        int min = Integer.MAX_VALUE;
        int max = Integer.MIN_VALUE;
        for (BatchInput in : inputs) {
            min = Math.min(min, in.index());
            max = Math.max(max, in.index());
        }
        if (n > 0 && (long) max - min < 4L * n) {
            int[] start = new int[max - min + 2];
            for (BatchInput in : inputs) {
                start[in.index() - min + 1]++;
            }
            for (int i = 1; i < start.length; i++) {
                start[i] += start[i - 1];
            }
            BatchInput[] out = new BatchInput[n];
            for (BatchInput in : inputs) {
                out[start[in.index() - min]++] = in;
            }
            return List.of(out);
        }
        long[] keys = new long[n];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = ((long) inputs.get(i).index() << 32) | i;
        }
        Arrays.sort(keys);
        List<BatchInput> out = new ArrayList<>(keys.length);
        for (long k : keys) {
            out.add(inputs.get((int) (k & 0xffffffffL)));
        }
        return List.copyOf(out);
    }

    private static long nanos(Instant t) {
        return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000_000L), t.getNano());
    }

    private static Instant instant(long nanos) {
        return Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L));
    }
}
