package dev.callscope.demo;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Models the pipe between the platform and ClickHouse: each event arrives after a random latency
 * (mostly sub-second, sometimes a consumer lag of a minute), and a few percent arrive twice
 * (at-least-once delivery). Rows are then written in arrival order, so the table sees events out of
 * order and ingested_at (the ReplacingMergeTree version) is not monotonic with event_at.
 *
 * <p>Redeliveries are returned apart so they are written by a separate INSERT, as a consumer replay
 * would be: ReplacingMergeTree collapses equal keys inside one inserted block, which would hide them.
 */
final class IngestOrder {

    static final double DUPLICATE_RATE = 0.03;
    private static final double LAG_RATE = 0.01;

    private IngestOrder() {}

    /** Events in arrival order: first deliveries, and the duplicate deliveries. */
    record Arrival(List<Event> first, List<Event> redelivered) {}

    static Arrival arrange(List<Event> events, RandomGenerator random) {
        List<Event> first = new ArrayList<>(events.size());
        List<Event> again = new ArrayList<>((int) (events.size() * DUPLICATE_RATE * 1.5));
        for (Event e : events) {
            long arrival = e.eventAt() + latencyUs(random);
            first.add(e.ingestedAt(arrival));
            if (random.nextDouble() < DUPLICATE_RATE) {
                again.add(e.ingestedAt(arrival + 200_000 + (long) (random.nextDouble() * 90e6)));
            }
        }
        first.sort(Comparator.comparingLong(Event::ingestedAt));
        again.sort(Comparator.comparingLong(Event::ingestedAt));
        return new Arrival(first, again);
    }

    private static long latencyUs(RandomGenerator random) {
        if (random.nextDouble() < LAG_RATE) {
            return 5_000_000 + (long) (random.nextDouble() * 55e6);
        }
        return 1 + (long) (150_000 * Math.exp(random.nextGaussian()));
    }
}
