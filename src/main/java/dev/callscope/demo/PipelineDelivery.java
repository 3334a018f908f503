package dev.callscope.demo;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * How a pipeline (Kafka, ClickPipes) delivers one function's events: {@link IngestOrder}'s
 * latencies and at-least-once duplicates, and besides a few events a stalled consumer delivers
 * minutes late, after the server has sealed their 30-second slot. One list in arrival order:
 * a duplicate is just another arrival, in whichever batch its time falls.
 */
final class PipelineDelivery {

    /** Share of events delivered late. */
    static final double LATE_RATE = 0.002;
    /** How late: between these, uniformly (past the rollup's one-minute sealing margin). */
    static final long LATE_MIN_US = 2 * 60_000_000L;

    static final long LATE_MAX_US = 15 * 60_000_000L;

    private PipelineDelivery() {}

    /** {@code events} with {@code ingestedAt} set to their arrival, in arrival order, duplicates included. */
    static List<Event> arrange(List<Event> events, RandomGenerator random) {
        IngestOrder.Arrival arrival = IngestOrder.arrange(events, random);
        List<Event> all =
                new ArrayList<>(arrival.first().size() + arrival.redelivered().size());
        for (Event e : arrival.first()) {
            if (random.nextDouble() < LATE_RATE) {
                long late = LATE_MIN_US + (long) (random.nextDouble() * (LATE_MAX_US - LATE_MIN_US));
                e = e.ingestedAt(e.ingestedAt() + late);
            }
            all.add(e);
        }
        all.addAll(arrival.redelivered());
        all.sort(Comparator.comparingLong(Event::ingestedAt));
        return all;
    }
}
