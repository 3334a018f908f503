package dev.callscope.callgraph;

import static dev.callscope.timeline.CallAttempt.NO_TIME;

import dev.callscope.time.EpochNanos;
import dev.callscope.timeline.CallAttempt;
import dev.callscope.timeline.CallStatus;
import dev.callscope.timeline.CallTimeline;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The calls of one tree as columns: by call its id, function, parent, enqueue and price, and by attempt its times in
 * epoch nanoseconds ({@link CallAttempt#NO_TIME} for a stage not reached). A loaded tree lives until the next one,
 * and the collector copies every object of it while it is young: as objects a 100k-call tree was 1.45M of them (an
 * attempt, its list, its call, three instants, ...), here it is a few dozen arrays and the ids. A call is made an
 * object ({@link #timeline}) only when something asks for the whole of it.
 */
final class TreeCalls {

    private final int size;
    private final String[] ids;
    private final String[] functions;
    private final String[] parents;
    private final long[] enqueued;
    private final double[] perSecond;
    /** By call, where its attempts start; by call {@code size}, where they end. */
    private final int[] firstAttempt;

    private final int[] attempt;
    private final String[] containers;
    private final long[] queued;
    private final long[] coldBegan;
    private final long[] coldEnded;
    private final long[] started;
    private final long[] finished;
    private final boolean[] cold;
    private final CallStatus[] status;
    private final String[] errors;

    private TreeCalls(Builder b, int size) {
        this.size = size;
        int attempts = b.firstAttempt[size];
        ids = Arrays.copyOf(b.ids, size);
        functions = Arrays.copyOf(b.functions, size);
        parents = Arrays.copyOf(b.parents, size);
        enqueued = Arrays.copyOf(b.enqueued, size);
        perSecond = Arrays.copyOf(b.perSecond, size);
        firstAttempt = Arrays.copyOf(b.firstAttempt, size + 1);
        attempt = Arrays.copyOf(b.attempt, attempts);
        containers = Arrays.copyOf(b.containers, attempts);
        queued = Arrays.copyOf(b.queued, attempts);
        coldBegan = Arrays.copyOf(b.coldBegan, attempts);
        coldEnded = Arrays.copyOf(b.coldEnded, attempts);
        started = Arrays.copyOf(b.started, attempts);
        finished = Arrays.copyOf(b.finished, attempts);
        cold = Arrays.copyOf(b.cold, attempts);
        status = Arrays.copyOf(b.status, attempts);
        errors = Arrays.copyOf(b.errors, attempts);
    }

    /** {@code calls} with their parents ('' for none) and prices per second, by index. */
    static TreeCalls of(List<CallTimeline> calls, List<String> parents, double[] perSecond) {
        Builder b = new Builder();
        for (int i = 0; i < calls.size(); i++) {
            CallTimeline c = calls.get(i);
            b.call(c.callId(), c.functionId(), parents.get(i), perSecond[i], CallAttempt.nanos(c.enqueuedAt()));
            c.attempts().forEach(b::attempt);
        }
        return b.build(calls.size());
    }

    int size() {
        return size;
    }

    String id(int call) {
        return ids[call];
    }

    String function(int call) {
        return functions[call];
    }

    String parent(int call) {
        return parents[call];
    }

    long enqueued(int call) {
        return enqueued[call];
    }

    double perSecond(int call) {
        return perSecond[call];
    }

    int attempts(int call) {
        return firstAttempt[call + 1] - firstAttempt[call];
    }

    /** When the call's first attempt was queued. */
    long firstQueued(int call) {
        return queued[firstAttempt[call]];
    }

    /** Where the call ended (its last attempt), bounded as every view bounds an attempt with no finish event. */
    long end(int call, long now) {
        int a = firstAttempt[call + 1] - 1;
        return CallAttempt.endNanos(cold[a], coldBegan[a], started[a], finished[a], now);
    }

    /** The cold start and run of all the call's attempts, as the Cost tab bills them. */
    long billed(int call, long now) {
        long b = 0;
        for (int a = firstAttempt[call]; a < firstAttempt[call + 1]; a++) {
            b += CallAttempt.billedNanos(cold[a], coldBegan[a], coldEnded[a], started[a], finished[a], now);
        }
        return b;
    }

    /** Where the call's attempts are among all attempts: {@code [first(call), first(call + 1))}. */
    int first(int call) {
        return firstAttempt[call];
    }

    /** Attempt {@code a}'s start, {@link CallAttempt#NO_TIME} when it never started. */
    long started(int a) {
        return started[a];
    }

    /** Attempt {@code a}'s end, bounded as {@link CallAttempt#end} bounds it. */
    long attemptEnd(int a, long now) {
        return CallAttempt.endNanos(cold[a], coldBegan[a], started[a], finished[a], now);
    }

    CallStatus status(int a) {
        return status[a];
    }

    CallStatus finalStatus(int call) {
        return status[firstAttempt[call + 1] - 1];
    }

    /** Call {@code call} as an object, made now. */
    CallTimeline timeline(int call) {
        List<CallAttempt> list = new ArrayList<>(attempts(call));
        for (int a = firstAttempt[call]; a < firstAttempt[call + 1]; a++) {
            list.add(new CallAttempt(
                    attempt[a],
                    containers[a],
                    instant(queued[a]),
                    instant(coldBegan[a]),
                    instant(coldEnded[a]),
                    instant(started[a]),
                    instant(finished[a]),
                    cold[a],
                    status[a],
                    errors[a]));
        }
        return new CallTimeline(ids[call], functions[call], instant(enqueued[call]), list);
    }

    private static Instant instant(long nanos) {
        return nanos == NO_TIME ? null : EpochNanos.instant(nanos);
    }

    /** Calls added one at a time, each followed by its attempts in order. */
    static final class Builder {
        private String[] ids = new String[1024];
        private String[] functions = new String[1024];
        private String[] parents = new String[1024];
        private long[] enqueued = new long[1024];
        private double[] perSecond = new double[1024];
        private int[] firstAttempt = new int[1025];
        private int calls;

        private int[] attempt = new int[1024];
        private String[] containers = new String[1024];
        private long[] queued = new long[1024];
        private long[] coldBegan = new long[1024];
        private long[] coldEnded = new long[1024];
        private long[] started = new long[1024];
        private long[] finished = new long[1024];
        private boolean[] cold = new boolean[1024];
        private CallStatus[] status = new CallStatus[1024];
        private String[] errors = new String[1024];
        private int attempts;

        /** Calls begun so far. */
        int calls() {
            return calls;
        }

        /** Begins a call; its attempts follow. */
        void call(String id, String function, String parent, double price, long enqueuedAt) {
            if (calls == ids.length) {
                int n = calls * 2;
                ids = Arrays.copyOf(ids, n);
                functions = Arrays.copyOf(functions, n);
                parents = Arrays.copyOf(parents, n);
                enqueued = Arrays.copyOf(enqueued, n);
                perSecond = Arrays.copyOf(perSecond, n);
                firstAttempt = Arrays.copyOf(firstAttempt, n + 1);
            }
            ids[calls] = id;
            functions[calls] = function;
            parents[calls] = parent;
            perSecond[calls] = price;
            enqueued[calls] = enqueuedAt;
            firstAttempt[calls] = attempts;
            calls++;
            firstAttempt[calls] = attempts;
        }

        /** The current call's parent, when a later row names it (read as a maximum over the call's rows). */
        void parent(String parent) {
            parents[calls - 1] = parent;
        }

        String parent() {
            return parents[calls - 1];
        }

        void price(double price) {
            perSecond[calls - 1] = price;
        }

        /** The current call's enqueue, when a later attempt's is earlier. */
        void enqueued(long at) {
            enqueued[calls - 1] = Math.min(enqueued[calls - 1], at);
        }

        long enqueued() {
            return enqueued[calls - 1];
        }

        /** Attempt {@code a} of the current call, its times taken as epoch nanoseconds. */
        void attempt(CallAttempt a) {
            attempt(
                    a.attempt(),
                    a.containerId(),
                    CallAttempt.nanos(a.queuedAt()),
                    CallAttempt.nanos(a.coldStartBegan()),
                    CallAttempt.nanos(a.coldStartEnded()),
                    CallAttempt.nanos(a.startedAt()),
                    CallAttempt.nanos(a.finishedAt()),
                    a.coldStart(),
                    a.status(),
                    a.error());
        }

        /** An attempt of the current call. */
        void attempt(
                int number,
                String container,
                long queuedAt,
                long coldBeganAt,
                long coldEndedAt,
                long startedAt,
                long finishedAt,
                boolean coldStart,
                CallStatus st,
                String error) {
            if (attempts == attempt.length) {
                int n = attempts * 2;
                attempt = Arrays.copyOf(attempt, n);
                containers = Arrays.copyOf(containers, n);
                queued = Arrays.copyOf(queued, n);
                coldBegan = Arrays.copyOf(coldBegan, n);
                coldEnded = Arrays.copyOf(coldEnded, n);
                started = Arrays.copyOf(started, n);
                finished = Arrays.copyOf(finished, n);
                cold = Arrays.copyOf(cold, n);
                status = Arrays.copyOf(status, n);
                errors = Arrays.copyOf(errors, n);
            }
            attempt[attempts] = number;
            containers[attempts] = container;
            queued[attempts] = queuedAt;
            coldBegan[attempts] = coldBeganAt;
            coldEnded[attempts] = coldEndedAt;
            started[attempts] = startedAt;
            finished[attempts] = finishedAt;
            cold[attempts] = coldStart;
            status[attempts] = st;
            errors[attempts] = error;
            attempts++;
            firstAttempt[calls] = attempts;
        }

        /** The first {@code n} calls begun (a reader may have begun one past its limit). */
        TreeCalls build(int n) {
            return new TreeCalls(this, Math.min(n, calls));
        }
    }
}
