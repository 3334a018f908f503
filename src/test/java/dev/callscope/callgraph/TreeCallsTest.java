package dev.callscope.callgraph;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.callscope.calls.NoFinishEvent;
import dev.callscope.time.EpochNanos;
import dev.callscope.timeline.CallAttempt;
import dev.callscope.timeline.CallStatus;
import dev.callscope.timeline.CallTimeline;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A tree's calls kept as columns give back exactly the calls they were made from, whatever stages
 * the attempts reached, and bill and end each call as its attempts do.
 */
class TreeCallsTest {

    private static final Instant T0 = Instant.parse("2026-11-20T10:00:00Z");
    private static final Instant NOW = T0.plus(Duration.ofDays(3));

    /** Calls of one to three attempts, each stage present or not, times down to the nanosecond. */
    private static List<CallTimeline> calls(int n, Random random) {
        List<CallTimeline> out = new ArrayList<>();
        CallStatus[] statuses = CallStatus.values();
        for (int i = 0; i < n; i++) {
            Instant enqueued = T0.plusNanos(random.nextLong(3_600_000_000_000L));
            List<CallAttempt> attempts = new ArrayList<>();
            Instant at = enqueued;
            int count = 1 + random.nextInt(3);
            for (int a = 1; a <= count; a++) {
                boolean cold = random.nextBoolean();
                Instant coldBegan = cold && random.nextInt(4) > 0 ? at.plusNanos(random.nextInt(1_000_000_000)) : null;
                Instant coldEnded = coldBegan != null && random.nextBoolean() ? coldBegan.plusMillis(1_500) : null;
                Instant started = random.nextInt(5) > 0 ? at.plusSeconds(2).plusNanos(random.nextInt(999)) : null;
                boolean last = a == count;
                // a retried attempt finished; the last may not have (running, waiting, or past the open bound)
                Instant finished = !last || random.nextInt(3) > 0 ? at.plusSeconds(5 + random.nextInt(100)) : null;
                attempts.add(new CallAttempt(
                        a,
                        random.nextBoolean() ? "ct-" + random.nextInt(50) : "",
                        at,
                        coldBegan,
                        coldEnded,
                        started,
                        finished,
                        cold,
                        finished == null ? CallStatus.PENDING : statuses[random.nextInt(statuses.length)],
                        random.nextInt(10) == 0 ? "boom " + i : ""));
                at = finished != null ? finished.plusMillis(10) : at;
            }
            // every tenth call began a day and more before now and never finished: bounded by MAX_OPEN
            if (i % 10 == 0) {
                Instant early = NOW.minus(NoFinishEvent.MAX_OPEN).minusSeconds(3_600);
                attempts = List.of(new CallAttempt(
                        1, "ct-1", early, null, null, early.plusSeconds(1), null, false, CallStatus.PENDING, ""));
                enqueued = early;
            }
            out.add(new CallTimeline("fc-" + i, "fu-" + (i % 7), enqueued, attempts));
        }
        return out;
    }

    @Test
    void everyCallComesBackAsItWentInAndIsBilledAndEndedAsItsAttempts() {
        int n = 3_000; // past the builder's first arrays (1,024 calls and attempts)
        List<CallTimeline> calls = calls(n, new Random(15));
        List<String> parents = new ArrayList<>();
        double[] prices = new double[n];
        for (int i = 0; i < n; i++) {
            parents.add(i == 0 ? "" : "fc-" + (i - 1) / 3);
            prices[i] = i * 0.001;
        }
        TreeCalls columns = TreeCalls.of(calls, parents, prices);
        long now = EpochNanos.of(NOW);
        assertEquals(n, columns.size());
        for (int i = 0; i < n; i++) {
            CallTimeline c = calls.get(i);
            assertEquals(c, columns.timeline(i), "call " + i);
            assertEquals(parents.get(i), columns.parent(i));
            assertEquals(prices[i], columns.perSecond(i));
            assertEquals(c.last().status(), columns.finalStatus(i));
            assertEquals(EpochNanos.of(c.end(NOW)), columns.end(i, now), "end of call " + i);
            long billed =
                    c.attempts().stream().mapToLong(a -> a.billedNanos(NOW)).sum();
            assertEquals(billed, columns.billed(i, now), "billed time of call " + i);
            long byDuration = c.coldStartTime(NOW).plus(c.runTime(NOW)).toNanos();
            assertEquals(byDuration, columns.billed(i, now), "as the Timeline sums it, call " + i);
        }
    }

    @Test
    void aReaderThatBeganOneCallPastItsLimitKeepsExactlyTheFirstCalls() {
        List<CallTimeline> calls = calls(5, new Random(7));
        TreeCalls.Builder b = new TreeCalls.Builder();
        for (CallTimeline c : calls) {
            b.call(c.callId(), c.functionId(), "", 0, CallAttempt.nanos(c.enqueuedAt()));
            c.attempts().forEach(b::attempt);
        }
        TreeCalls first = b.build(3);
        assertEquals(3, first.size());
        for (int i = 0; i < 3; i++) {
            assertEquals(calls.get(i), first.timeline(i));
        }
        assertEquals(calls.get(2).attempts().size(), first.attempts(2));
    }
}
