package dev.callscope.demo;

import static dev.callscope.demo.Event.NONE;

import dev.callscope.demo.Event.Status;
import dev.callscope.demo.Event.Type;
import dev.callscope.ids.CallscopeIds;
import dev.callscope.ids.CallscopeIds.Kind;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * Plays one function's calls through a container pool and records their lifecycle events.
 *
 * <p>Requests (new calls and retries) are served in ready-time order. A request takes the most
 * recently freed idle container (warm start); if none is idle and the function is below its
 * container limit, a new container cold-starts; otherwise the request queues for the first container
 * to free up. Containers idle longer than the function's idle timeout are stopped. Nothing after
 * {@code end} is recorded, which leaves calls pending or running at the end, as in a live system.
 */
final class CallSimulator {

    private static final double HANG_RATE = 0.003;

    private final FunctionProfile p;
    private final RandomGenerator r;
    private final long endUs;
    private final int limit;
    private final List<Event> out = new ArrayList<>();
    private final List<Container> containers = new ArrayList<>();
    private final PriorityQueue<Request> retries = new PriorityQueue<>((a, b) -> Long.compare(a.readyAt, b.readyAt));
    private final Set<Long> containerEventTimes = new HashSet<>();

    private static final class Container {
        final String id;
        final long requestedAt;
        final long coldBegin;
        final long coldEnd;
        long freeAt;

        Container(String id, long requestedAt, long coldBegin, long coldEnd) {
            this.id = id;
            this.requestedAt = requestedAt;
            this.coldBegin = coldBegin;
            this.coldEnd = coldEnd;
            this.freeAt = Long.MAX_VALUE;
        }
    }

    private record Request(String callId, long enqueuedAt, int attempt, long readyAt) {}

    CallSimulator(FunctionProfile p, int calls, long spanUs, long endUs, RandomGenerator r) {
        this.p = p;
        this.r = r;
        this.endUs = endUs;
        double busy = calls * p.meanS() * 1e6 / spanUs;
        this.limit = Math.max(2, (int) Math.ceil(busy * p.headroom() * (1 + p.diurnalAmplitude())));
    }

    /** Simulates calls enqueued at the given sorted times; returns their events in time order per call. */
    List<Event> run(long[] enqueues) {
        int next = 0;
        while (next < enqueues.length || !retries.isEmpty()) {
            Request req;
            if (!retries.isEmpty() && (next == enqueues.length || retries.peek().readyAt <= enqueues[next])) {
                req = retries.poll();
            } else {
                long t = enqueues[next++];
                req = new Request(CallscopeIds.at(Kind.CALL, t / 1000, r), t, 1, t);
                call(Type.QUEUED, req, t, null, false, NONE, NONE, NONE, NONE, Status.PENDING, "");
            }
            if (req.readyAt <= endUs) {
                serve(req);
            }
        }
        reap(endUs);
        return out;
    }

    private void serve(Request req) {
        long t = req.readyAt;
        reap(t);
        Container c = warmest(t);
        boolean cold = false;
        long assignAt;
        if (c != null) {
            assignAt = t + ms(2, 40);
        } else if (containers.size() < limit) {
            cold = true;
            assignAt = t + ms(50, 400);
            long begin = containerTime(assignAt + ms(1, 5));
            long coldUs = Math.max(500_000, (long) (p.coldStartS() * 1e6 * Math.exp(0.35 * r.nextGaussian())));
            c = new Container(CallscopeIds.at(Kind.CONTAINER, begin / 1000, r), t, begin, begin + coldUs);
            containers.add(c);
            container(Type.CONTAINER_STARTED, c, c.coldBegin, NONE, Status.PENDING, "");
        } else {
            c = firstFree();
            assignAt = c.freeAt + ms(2, 40);
        }
        c.freeAt = Long.MAX_VALUE;
        long cb = cold ? c.coldBegin : NONE;
        long ce = cold ? c.coldEnd : NONE;
        call(Type.CONTAINER_ASSIGNED, req, assignAt, c.id, cold, NONE, NONE, NONE, NONE, Status.PENDING, "");
        if (cold) {
            call(Type.COLD_START_BEGIN, req, cb, c.id, true, cb, NONE, NONE, NONE, Status.PENDING, "");
            if (r.nextDouble() < p.initFailRate()) {
                String error = Errors.initFailure(r);
                call(Type.FINISHED, req, ce, c.id, true, cb, ce, NONE, ce, Status.INIT_FAILURE, error);
                containers.remove(c);
                container(Type.CONTAINER_STOPPED, c, ce + ms(5, 50), ce, Status.INIT_FAILURE, error);
                return;
            }
            call(Type.COLD_START_END, req, ce, c.id, true, cb, ce, NONE, NONE, Status.PENDING, "");
        }
        long started = (cold ? ce : assignAt) + ms(1, 20);
        call(Type.STARTED, req, started, c.id, cold, cb, ce, started, NONE, Status.PENDING, "");
        finish(req, c, cold, cb, ce, started);
    }

    private void finish(Request req, Container c, boolean cold, long cb, long ce, long started) {
        long duration = Math.max(1_000, (long) (p.medianS() * 1e6 * Math.exp(p.sigma() * r.nextGaussian())));
        long timeout = (long) (p.timeoutS() * 1e6);
        double u = r.nextDouble();
        Status status;
        String error = "";
        if (u < p.terminateRate()) {
            status = Status.TERMINATED;
            duration = (long) (duration * r.nextDouble()) + 1;
            error = "Terminated: the app was stopped by the user";
        } else if (u < p.terminateRate() + HANG_RATE || duration > timeout) {
            status = Status.TIMEOUT;
            duration = timeout;
            error = "FunctionTimeoutError: Function " + p.name() + " exceeded its timeout of " + (int) p.timeoutS()
                    + "s";
        } else if (u < p.terminateRate() + HANG_RATE + p.failRate()) {
            status = Status.FAILURE;
            duration = (long) (duration * (0.05 + 0.95 * r.nextDouble())) + 1;
            error = Errors.failure(p.kind(), r);
        } else {
            status = Status.SUCCESS;
        }
        long finished = started + duration;
        c.freeAt = finished + ms(1, 10);
        call(Type.FINISHED, req, finished, c.id, cold, cb, ce, started, finished, status, error);
        boolean retryable = status == Status.FAILURE || status == Status.TIMEOUT;
        if (retryable && req.attempt <= p.maxRetries()) {
            long backoff = (long) (1e6 * Math.pow(2, req.attempt - 1) * (1 + r.nextDouble()));
            Request retry = new Request(req.callId, req.enqueuedAt, req.attempt + 1, finished + backoff);
            call(Type.RETRIED, retry, retry.readyAt, null, false, NONE, NONE, NONE, NONE, Status.PENDING, "");
            retries.add(retry);
        }
    }

    /** The idle container freed most recently, so the pool's other containers can reach their idle timeout. */
    private Container warmest(long t) {
        Container best = null;
        for (Container c : containers) {
            if (c.freeAt <= t && (best == null || c.freeAt > best.freeAt)) {
                best = c;
            }
        }
        return best;
    }

    private Container firstFree() {
        Container best = containers.getFirst();
        for (Container c : containers) {
            if (c.freeAt < best.freeAt) {
                best = c;
            }
        }
        return best;
    }

    /** Stops containers whose idle timeout ran out before {@code t}. */
    private void reap(long t) {
        long idleUs = (long) (p.idleTimeoutS() * 1e6);
        containers.removeIf(c -> {
            if (c.freeAt == Long.MAX_VALUE || c.freeAt + idleUs >= t) {
                return false;
            }
            container(Type.CONTAINER_STOPPED, c, containerTime(c.freeAt + idleUs), c.coldEnd, Status.SUCCESS, "");
            return true;
        });
    }

    /** Container events share function_call_id '' in the key: keep their times distinct per function. */
    private long containerTime(long t) {
        while (!containerEventTimes.add(t)) {
            t++;
        }
        return t;
    }

    private void container(Type type, Container c, long at, long readyAt, Status status, String error) {
        boolean stopped = type == Type.CONTAINER_STOPPED;
        emit(new Event(
                at,
                type,
                "",
                0,
                c.id,
                true,
                c.requestedAt,
                c.coldBegin,
                stopped ? c.coldEnd : NONE,
                stopped ? readyAt : NONE,
                stopped ? at : NONE,
                status,
                error,
                NONE));
    }

    private void call(
            Type type,
            Request req,
            long at,
            String containerId,
            boolean cold,
            long coldBegan,
            long coldEnded,
            long started,
            long finished,
            Status status,
            String error) {
        emit(new Event(
                at,
                type,
                req.callId,
                req.attempt,
                containerId == null ? "" : containerId,
                cold,
                req.enqueuedAt,
                coldBegan,
                coldEnded,
                started,
                finished,
                status,
                error,
                NONE));
    }

    private void emit(Event e) {
        if (e.eventAt() <= endUs) {
            out.add(e);
        }
    }

    /** A random delay between lo and hi milliseconds, in microseconds (never zero, so event times differ). */
    private long ms(int lo, int hi) {
        return lo * 1000L + r.nextInt((hi - lo) * 1000) + 1;
    }
}
