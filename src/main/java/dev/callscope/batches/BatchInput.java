package dev.callscope.batches;

import dev.callscope.timeline.CallStatus;
import dev.callscope.timeline.CallTimeline;
import java.time.Duration;
import java.time.Instant;

/**
 * One input of a batch job: the call that processed it, with every attempt (a retry is another attempt of the same
 * call). Its outcome is its last attempt's: done (finished, not with a failure), failed, or pending (no finish
 * event: waiting, running, or its finish lost).
 *
 * @param finished its last attempt's finish, or null while pending
 * @param run      its last attempt's run time (to now while running)
 * @param latency  enqueue to its last attempt's end (to now while pending)
 * @param billed   cold starts and runs of every attempt, as the Cost tab bills them
 */
public record BatchInput(int index, String callId, Instant enqueued, Instant finished, CallStatus status, int attempts,
                         Duration run, Duration latency, Duration billed, double cost) {

    public boolean pending() {
        return finished == null;
    }

    public boolean failed() {
        return finished != null && status.isFailure();
    }

    public boolean done() {
        return finished != null && !status.isFailure();
    }

    /** The input {@code call} processed, timed to {@code now}, at {@code pricePerSecond} of what it reserved. */
    static BatchInput of(int index, CallTimeline call, Instant now, double pricePerSecond) {
        Duration billed = call.coldStartTime(now).plus(call.runTime(now));
        return new BatchInput(index, call.callId(), call.enqueuedAt(), call.last().finishedAt(), call.finalStatus(),
                call.attempts().size(), call.last().runTime(now), call.endToEnd(now), billed,
                billed.toNanos() / 1e9 * pricePerSecond);
    }
}
