package dev.callscope.batches;

import dev.callscope.timeline.CallStatus;
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
public record BatchInput(
        int index,
        String callId,
        Instant enqueued,
        Instant finished,
        CallStatus status,
        int attempts,
        Duration run,
        Duration latency,
        Duration billed,
        double cost) {

    public boolean pending() {
        return finished == null;
    }

    public boolean failed() {
        return finished != null && status.isFailure();
    }

    public boolean done() {
        return finished != null && !status.isFailure();
    }
}
