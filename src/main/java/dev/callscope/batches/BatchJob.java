package dev.callscope.batches;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

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
        /** Of values sorted ascending, in nanoseconds (primitives: 200,000 of them sort in milliseconds). */
        static Percentiles ofSorted(long[] nanos) {
            if (nanos.length == 0) {
                return new Percentiles(null, null, null);
            }
            return new Percentiles(
                    Duration.ofNanos(rank(nanos, 0.5)),
                    Duration.ofNanos(rank(nanos, 0.9)),
                    Duration.ofNanos(rank(nanos, 0.99)));
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
        this.done = (int) inputs.stream().filter(BatchInput::done).count();
        this.failed = (int) inputs.stream().filter(BatchInput::failed).count();
        this.pending = this.inputs.size() - done - failed;
        this.retries = inputs.stream().mapToInt(i -> i.attempts() - 1).sum();
        this.retriedInputs = (int) inputs.stream().filter(i -> i.attempts() > 1).count();
        this.firstEnqueued = inputs.stream()
                .map(BatchInput::enqueued)
                .min(Comparator.naturalOrder())
                .orElse(null);
        long[] finishes = inputs.stream()
                .map(BatchInput::finished)
                .filter(Objects::nonNull)
                .mapToLong(BatchJob::nanos)
                .sorted()
                .toArray();
        this.lastFinished = finishes.length == 0 ? null : instant(finishes[finishes.length - 1]);
        this.billed = inputs.stream().map(BatchInput::billed).reduce(Duration.ZERO, Duration::plus);
        this.cost = inputs.stream().mapToDouble(BatchInput::cost).sum();
        Instant from = now.minus(RECENT);
        long recentFrom = nanos(from);
        long recentTo = nanos(now);
        this.finishedRecently = (int) Arrays.stream(finishes)
                .filter(f -> f >= recentFrom && f < recentTo)
                .count();
        List<BatchInput> finished =
                this.inputs.stream().filter(i -> !i.pending()).toList();
        long[] runs =
                finished.stream().mapToLong(i -> i.run().toNanos()).sorted().toArray();
        this.run = Percentiles.ofSorted(runs);
        this.latency = Percentiles.ofSorted(
                finished.stream().mapToLong(i -> i.latency().toNanos()).sorted().toArray());
        this.ninetyNinePercentFinished = pending > 0 || finishes.length == 0 ? null : instant(rank(finishes, 0.99));
        // the slowest: only inputs at least as slow as the SLOWEST-th slowest can be among them (ties included)
        long slowEnough = runs.length < SLOWEST ? Long.MIN_VALUE : runs[runs.length - SLOWEST];
        this.slowest = finished.stream()
                .filter(i -> i.run().toNanos() >= slowEnough)
                .sorted(Comparator.comparing(BatchInput::run).reversed().thenComparingInt(BatchInput::index))
                .limit(SLOWEST)
                .toList();
        this.failedInputs = this.inputs.stream().filter(BatchInput::failed).toList();
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

    /** The value at rank ⌈q·n⌉ of {@code sorted} (nearest rank). */
    private static long rank(long[] sorted, double q) {
        int i = (int) Math.ceil(q * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }

    /** {@code inputs} by index, in a stable order for equal ones (a sort of primitive keys, not of objects). */
    private static List<BatchInput> byIndex(List<BatchInput> inputs) {
        long[] keys = new long[inputs.size()];
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
