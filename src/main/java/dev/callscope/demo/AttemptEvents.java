package dev.callscope.demo;

import java.util.ArrayList;
import java.util.List;

/** The events one attempt of a call emits, as the platform writes them: queued (or retried), cold start, started, finished. */
final class AttemptEvents {

    private AttemptEvents() {}

    /**
     * @param coldBegan when its container's cold start began, or {@link Event#NONE} on a warm container (then
     *                  {@code start} is when it began to run either way)
     */
    static List<Event> of(
            String id,
            int attempt,
            String container,
            long enqueuedUs,
            long queuedUs,
            long coldBegan,
            long startUs,
            long finishUs,
            Event.Status outcome,
            String error) {
        boolean cold = coldBegan != Event.NONE;
        List<Event> events = new ArrayList<>(4);
        events.add(new Event(
                queuedUs + (attempt > 1 ? 1 : 0),
                attempt > 1 ? Event.Type.RETRIED : Event.Type.QUEUED,
                id,
                attempt,
                "",
                false,
                enqueuedUs,
                Event.NONE,
                Event.NONE,
                Event.NONE,
                Event.NONE,
                Event.Status.PENDING,
                "",
                queuedUs + 900));
        if (cold) {
            events.add(new Event(
                    coldBegan,
                    Event.Type.COLD_START_BEGIN,
                    id,
                    attempt,
                    container,
                    true,
                    enqueuedUs,
                    coldBegan,
                    Event.NONE,
                    Event.NONE,
                    Event.NONE,
                    Event.Status.PENDING,
                    "",
                    coldBegan + 900));
        }
        events.add(new Event(
                startUs,
                Event.Type.STARTED,
                id,
                attempt,
                container,
                cold,
                enqueuedUs,
                coldBegan,
                cold ? startUs : Event.NONE,
                startUs,
                Event.NONE,
                Event.Status.PENDING,
                "",
                startUs + 900));
        events.add(new Event(
                finishUs,
                Event.Type.FINISHED,
                id,
                attempt,
                container,
                cold,
                enqueuedUs,
                coldBegan,
                cold ? startUs : Event.NONE,
                startUs,
                finishUs,
                outcome,
                error,
                finishUs + 900));
        return events;
    }

    /** A container coming up for {@code requestedUs}'s attempt: its cold start began at {@code coldBegan}. */
    static Event containerStarted(String container, long requestedUs, long coldBegan) {
        return new Event(
                coldBegan,
                Event.Type.CONTAINER_STARTED,
                "",
                0,
                container,
                true,
                requestedUs,
                coldBegan,
                Event.NONE,
                Event.NONE,
                Event.NONE,
                Event.Status.PENDING,
                "",
                coldBegan + 900);
    }

    /** The container stopping at {@code stoppedUs}, idle since its last attempt (ready since {@code readyUs}). */
    static Event containerStopped(String container, long requestedUs, long coldBegan, long readyUs, long stoppedUs) {
        return new Event(
                stoppedUs,
                Event.Type.CONTAINER_STOPPED,
                "",
                0,
                container,
                true,
                requestedUs,
                coldBegan,
                readyUs,
                readyUs,
                stoppedUs,
                Event.Status.SUCCESS,
                "",
                stoppedUs + 900);
    }
}
