package dev.callscope.demo;

import dev.callscope.ids.CallscopeIds;
import dev.callscope.ids.CallscopeIds.Kind;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Batch jobs for the demo, deterministic by seed: a {@code .map} of a function over its inputs. All inputs are
 * submitted at once (a few thousand a second); a concurrency limit of {@code slots} warm containers runs them, so
 * the rest wait in the queue; each container cold-starts before its first input. About 3 % of inputs fail and are
 * retried (up to three attempts, a second apart); one in 200 is a corrupt record that fails every attempt, and one in
 * 200 is a straggler that runs 8 to 25 times
 * longer. The newest job is still running at the data's end (events after it are not written). Every event of an
 * input carries its job's {@code batch_id} and its {@code input_index}.
 */
final class BatchJobs {

    /** A job to write: its function, inputs, concurrency and where it starts (µs before the data's end). */
    record Plan(String function, int inputs, int slots, double medianS, long startsBeforeEndUs) {}

    /** What was written: the rows, the calls (inputs) and the id of the last job. */
    record Result(RowBinaryBuffer rows, int calls, String lastBatch) {}

    /** The inputs a job submits per second. */
    static final int SUBMITTED_PER_SECOND = 2_000;

    static final int MAX_ATTEMPTS = 3;

    private final Map<String, DemoFunction> byName = new HashMap<>();
    private final Random random;
    private final long endUs;
    private final RowBinaryBuffer out = new RowBinaryBuffer(1 << 20);
    private int calls;

    private BatchJobs(List<DemoFunction> functions, long seed, long endUs) {
        functions.forEach(f -> byName.put(f.profile().name(), f));
        this.random = new Random(seed * 31 + 77);
        this.endUs = endUs;
    }

    /** The jobs of a workload of {@code workloadCalls} calls: two small ones, or three (up to 20,000 inputs) from 100k calls. */
    static Result write(List<DemoFunction> functions, long seed, int workloadCalls, long spanUs, long endUs) {
        long hour = 3_600_000_000L;
        List<Plan> plans = workloadCalls < 100_000
                ? List.of(
                        new Plan("ingest_shard", 300, 16, 2.0, Math.min(spanUs / 2, 5 * hour)),
                        running("embed_corpus_batch", 800, 32, 1.5))
                : List.of(
                        new Plan("ingest_shard", 1_000, 32, 2.0, Math.min(spanUs / 2, 10 * hour)),
                        new Plan("embed_corpus_batch", 5_000, 64, 1.5, Math.min(spanUs / 3, 6 * hour)),
                        running("embed_corpus_batch", 20_000, 64, 1.5));
        return write(functions, seed, plans, endUs);
    }

    /** A job started so that about 70 % of it is done at the data's end. */
    static Plan running(String function, int inputs, int slots, double medianS) {
        long estimateUs = (long) (inputs * medianS * 1.2 / slots * 1e6);
        return new Plan(function, inputs, slots, medianS, (long) (estimateUs * 0.7));
    }

    static Result write(List<DemoFunction> functions, long seed, List<Plan> plans, long endUs) {
        BatchJobs b = new BatchJobs(functions, seed, endUs);
        String last = null;
        for (Plan p : plans) {
            DemoFunction f = b.byName.get(p.function());
            if (f != null) {
                last = b.job(f, p, endUs - p.startsBeforeEndUs());
            }
        }
        return new Result(b.out, b.calls, last);
    }

    /** One job submitted at {@code startUs}; returns its id. */
    private String job(DemoFunction f, Plan p, long startUs) {
        String batch = CallscopeIds.at(Kind.BATCH, startUs / 1000, random);
        long[] free = new long[p.slots()];
        String[] containers = new String[p.slots()];
        boolean[] warm = new boolean[p.slots()];
        long[] coldBegan = new long[p.slots()];
        long[] ready = new long[p.slots()];
        Arrays.fill(free, startUs);
        for (int s = 0; s < p.slots(); s++) {
            containers[s] = CallscopeIds.at(Kind.CONTAINER, startUs / 1000, random);
        }
        for (int i = 0; i < p.inputs(); i++) {
            long enqueued = startUs + i * 1_000_000L / SUBMITTED_PER_SECOND;
            if (enqueued > endUs) {
                break; // not submitted yet at the data's end
            }
            String id = CallscopeIds.at(Kind.CALL, enqueued / 1000, random);
            boolean straggler = random.nextDouble() < 0.005;
            boolean poison = random.nextDouble() < 0.005; // a corrupt record: fails every attempt
            long queued = enqueued;
            for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
                int slot = 0;
                for (int k = 1; k < free.length; k++) {
                    slot = free[k] < free[slot] ? k : slot;
                }
                long runsAt = Math.max(queued, free[slot]) + 1_000 + random.nextInt(4_000);
                boolean cold = !warm[slot];
                long start = runsAt + (cold ? 8_000_000 + random.nextInt(12_000_000) : 0);
                if (cold) {
                    coldBegan[slot] = runsAt;
                    ready[slot] = start;
                    emit(f, AttemptEvents.containerStarted(containers[slot], runsAt, runsAt), batch, i);
                }
                long run = (long) (p.medianS() * 1e6 * Math.exp(0.45 * random.nextGaussian()));
                if (straggler) {
                    run *= 8 + random.nextInt(18);
                }
                boolean fails = poison || random.nextDouble() < (attempt == 1 ? 0.03 : 0.3);
                long finish = start + (fails ? run * 6 / 10 : run);
                Event.Status outcome = fails ? Event.Status.FAILURE : Event.Status.SUCCESS;
                for (Event e : AttemptEvents.of(
                        id,
                        attempt,
                        containers[slot],
                        enqueued,
                        queued,
                        cold ? runsAt : Event.NONE,
                        start,
                        finish,
                        outcome,
                        fails ? "ValueError: corrupt record in shard (input " + i + ")" : "")) {
                    emit(f, e, batch, i);
                }
                free[slot] = finish;
                warm[slot] = true;
                if (!fails) {
                    break;
                }
                queued = finish + 1_000_000; // retried a second later
            }
            calls++;
        }
        // each container stops once idle for its function's idle timeout
        long idleUs = (long) (f.profile().idleTimeoutS() * 1e6);
        for (int s = 0; s < p.slots(); s++) {
            if (warm[s]) {
                emit(
                        f,
                        AttemptEvents.containerStopped(
                                containers[s], coldBegan[s], coldBegan[s], ready[s], free[s] + idleUs),
                        "",
                        0);
            }
        }
        return batch;
    }

    /** Writes an event that happened by the data's end; later ones have not happened yet. Container events carry no job. */
    private void emit(DemoFunction f, Event e, String batch, int index) {
        if (e.eventAt() <= endUs) {
            EventEncoder.appendInBatch(
                    out, f, e, e.callId().isEmpty() ? "" : batch, e.callId().isEmpty() ? 0 : index);
        }
    }
}
