package dev.callscope.demo;

import dev.callscope.ids.CallscopeIds;
import dev.callscope.ids.CallscopeIds.Kind;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Call trees for the demo, deterministic by seed: an ingestion pipeline where a request
 * ({@code chat_stream}) calls {@code transcribe}, which fans out to {@code embed} over its chunks
 * (a concurrency limit makes the later chunks queue), some of which spawn {@code tokenize_docs},
 * which may spawn another {@code embed} (five levels deep), then {@code rerank} and {@code generate}.
 * Inside a branch calls fail, and are retried; a few cold-start; the newest trees are still running
 * at the data's end (events after it are not written). A large workload also gets one tree with a
 * 10,000-chunk fan-out. Every event carries its parent and root call ids.
 */
final class CallTrees {

    /** One tree per this many calls of the workload (at least three trees). */
    static final int CALLS_PER_TREE = 2_000;
    /** The large fan-out, written when the workload has at least {@link #BIG_FROM} calls. */
    static final int BIG_FAN_OUT = 10_000;

    static final int BIG_FROM = 200_000;
    /** Chunks embedded at once under one transcribe: the rest wait in the queue. */
    static final int CONCURRENCY = 16;

    private final Map<String, DemoFunction> byName = new HashMap<>();
    private final Random random;
    private final long endUs;
    /** The encoded rows, one insert. */
    private final RowBinaryBuffer out = new RowBinaryBuffer(1 << 20);

    private int calls;
    /** The root of the latest pipeline. */
    private String lastRoot;

    private CallTrees(List<DemoFunction> functions, long seed, long endUs) {
        functions.forEach(f -> byName.put(f.profile().name(), f));
        this.random = new Random(seed * 31 + 18);
        this.endUs = endUs;
    }

    /** The trees of a workload of {@code workloadCalls} calls ending at {@code endUs}, as one RowBinary batch. */
    static Result write(List<DemoFunction> functions, long seed, int workloadCalls, long spanUs, long endUs) {
        CallTrees t = new CallTrees(functions, seed, endUs);
        if (!t.byName
                .keySet()
                .containsAll(List.of("chat_stream", "transcribe", "embed", "rerank", "generate", "tokenize_docs"))) {
            return new Result(t.out, 0);
        }
        int trees = Math.max(3, workloadCalls / CALLS_PER_TREE);
        // spread over the span's last six hours; the last ones end past the data's end
        long window = Math.min(spanUs, 6L * 3_600_000_000L);
        for (int i = 0; i < trees; i++) {
            long at = endUs - window + (long) (window * (i + 0.5) / trees) - t.random.nextInt(60_000_000);
            t.pipeline(at, 8 + t.random.nextInt(57));
        }
        if (workloadCalls >= BIG_FROM) {
            t.pipeline(endUs - window / 2, BIG_FAN_OUT);
        }
        return new Result(t.out, t.calls);
    }

    /**
     * One pipeline whose transcribe fans out to {@code chunks} embeds, enqueued at {@code enqueuedUs}
     * (the benchmark's large tree); its root is the returned result's {@code root}.
     */
    static Big big(List<DemoFunction> functions, long seed, long enqueuedUs, int chunks, long endUs) {
        CallTrees t = new CallTrees(functions, seed, endUs);
        t.pipeline(enqueuedUs, chunks);
        return new Big(t.out, t.calls, t.lastRoot);
    }

    /** The large tree: its rows, its calls, and its root's id. */
    record Big(RowBinaryBuffer rows, int calls, String root) {}

    /** What was generated: the rows, and how many calls they are. */
    record Result(RowBinaryBuffer rows, int calls) {}

    /** A request and everything it calls; returns its end (µs). */
    private long pipeline(long enqueuedUs, int chunks) {
        String root = id(enqueuedUs);
        lastRoot = root;
        long start = enqueuedUs + 20_000 + random.nextInt(180_000);
        long t = start + 50_000;
        long transcribed = transcribe(t, chunks, root, root);
        long reranked = simple("rerank", transcribed + 5_000, 150_000 + random.nextInt(600_000), root, root);
        long generated = simple("generate", reranked + 5_000, 800_000 + random.nextInt(4_000_000), root, root);
        long end = generated + 30_000;
        emit("chat_stream", root, "", root, enqueuedUs, start, end, 1, false);
        return end;
    }

    private long transcribe(long enqueuedUs, int chunks, String parent, String root) {
        String id = id(enqueuedUs);
        long start = enqueuedUs + 10_000 + random.nextInt(90_000);
        boolean cold = random.nextDouble() < 0.1;
        if (cold) {
            start += 2_000_000 + random.nextInt(8_000_000);
        }
        // chunks are embedded CONCURRENCY at a time: each waits for a slot
        long[] slots = new long[CONCURRENCY];
        Arrays.fill(slots, start + 200_000);
        long last = start;
        for (int c = 0; c < chunks; c++) {
            long spawned = start + 200_000 + c * 2_000L;
            int slot = 0;
            for (int k = 1; k < CONCURRENCY; k++) {
                slot = slots[k] < slots[slot] ? k : slot;
            }
            long runsAt = Math.max(spawned, slots[slot]);
            long done = embed(spawned, runsAt, id, root, 3);
            slots[slot] = done;
            last = Math.max(last, done);
        }
        long end = last + 20_000;
        emit("transcribe", id, parent, root, enqueuedUs, start, end, 1, cold);
        return end;
    }

    /** An embed call queued at {@code enqueuedUs} that can start at {@code runsAt}; deeper levels spawn more. */
    private long embed(long enqueuedUs, long runsAt, String parent, String root, int depth) {
        String id = id(enqueuedUs);
        long start = runsAt + 2_000 + random.nextInt(20_000);
        long run = 80_000 + (long) (random.nextDouble() * random.nextDouble() * 900_000);
        if (random.nextDouble() < 0.01) {
            run *= 20; // a straggler
        }
        long end = start + run;
        if (depth < 5 && random.nextDouble() < 0.1) {
            long child = tokenize(start + run / 3, id, root, depth + 1);
            end = Math.max(end, child + 10_000);
        }
        if (random.nextDouble() < 0.04) {
            // fails, and is retried once: the second attempt usually succeeds
            long failedAt = start + run / 2;
            emitAttempt(
                    "embed", id, parent, root, enqueuedUs, enqueuedUs, start, failedAt, 1, false, Event.Status.FAILURE);
            long retryStart = failedAt + 50_000 + random.nextInt(200_000);
            long retryEnd = retryStart + run;
            Event.Status outcome = random.nextDouble() < 0.7 ? Event.Status.SUCCESS : Event.Status.FAILURE;
            emitAttempt("embed", id, parent, root, enqueuedUs, failedAt, retryStart, retryEnd, 2, false, outcome);
            calls++;
            return retryEnd;
        }
        emit("embed", id, parent, root, enqueuedUs, start, end, 1, false);
        return end;
    }

    private long tokenize(long enqueuedUs, String parent, String root, int depth) {
        String id = id(enqueuedUs);
        long start = enqueuedUs + 5_000 + random.nextInt(30_000);
        long end = start + 40_000 + random.nextInt(200_000);
        if (depth < 5 && random.nextDouble() < 0.3) {
            end = Math.max(end, embed(start + 10_000, start + 10_000, id, root, depth + 1) + 5_000);
        }
        emit("tokenize_docs", id, parent, root, enqueuedUs, start, end, 1, false);
        return end;
    }

    private long simple(String function, long enqueuedUs, long runUs, String parent, String root) {
        String id = id(enqueuedUs);
        long start = enqueuedUs + 10_000 + random.nextInt(150_000);
        long end = start + runUs;
        emit(function, id, parent, root, enqueuedUs, start, end, 1, false);
        return end;
    }

    private String id(long enqueuedUs) {
        return CallscopeIds.at(Kind.CALL, enqueuedUs / 1000, random);
    }

    private void emit(
            String function,
            String id,
            String parent,
            String root,
            long enqueuedUs,
            long startUs,
            long endUs,
            int attempt,
            boolean cold) {
        Event.Status outcome = random.nextDouble() < 0.01 ? Event.Status.FAILURE : Event.Status.SUCCESS;
        emitAttempt(function, id, parent, root, enqueuedUs, enqueuedUs, startUs, endUs, attempt, cold, outcome);
        calls++;
    }

    /** One attempt's events; those after the data's end are not written (the call is still running there). */
    private void emitAttempt(
            String function,
            String id,
            String parent,
            String root,
            long enqueuedUs,
            long queuedUs,
            long startUs,
            long finishUs,
            int attempt,
            boolean cold,
            Event.Status outcome) {
        DemoFunction f = byName.get(function);
        String container = CallscopeIds.at(Kind.CONTAINER, Math.max(0, (startUs - 60_000_000) / 1000), random);
        String error = outcome == Event.Status.FAILURE
                ? "RuntimeError: CUDA error: an illegal memory access was encountered"
                : "";
        long coldBegan = cold ? queuedUs + 30_000 : Event.NONE;
        List<Event> events = new ArrayList<>(AttemptEvents.of(
                id, attempt, container, enqueuedUs, queuedUs, coldBegan, startUs, finishUs, outcome, error));
        if (cold) {
            // a container of its own, which stops a minute after its one attempt
            events.add(AttemptEvents.containerStarted(container, queuedUs, coldBegan));
            events.add(AttemptEvents.containerStopped(container, queuedUs, coldBegan, startUs, finishUs + 60_000_000));
        }
        for (Event e : events) {
            if (e.eventAt() <= endUs) {
                boolean call = !e.callId().isEmpty(); // a container event belongs to no tree
                EventEncoder.appendLinked(out, f, e, call ? parent : "", call ? root : "");
            }
        }
    }
}
