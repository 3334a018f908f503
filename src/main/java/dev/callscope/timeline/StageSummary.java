package dev.callscope.timeline;

import dev.callscope.chart.TimeAxis;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * For the calls overlapping a time window: how many ended in each outcome, and the median and p90
 * of each stage (nearest-rank on exact values; unfinished stages count up to now).
 */
public record StageSummary(
        int calls,
        Map<CallStatus, Integer> outcomes,
        Duration[] queue,
        Duration[] coldStart,
        Duration[] run,
        Duration[] endToEnd) {

    public static StageSummary of(List<CallTimeline> all, Instant from, Instant to, Instant now) {
        Map<CallStatus, Integer> outcomes = new EnumMap<>(CallStatus.class);
        List<Duration> q = new ArrayList<>();
        List<Duration> c = new ArrayList<>();
        List<Duration> r = new ArrayList<>();
        List<Duration> e = new ArrayList<>();
        int n = 0;
        for (CallTimeline call : all) {
            if (call.enqueuedAt().isAfter(to) || call.end(now).isBefore(from)) {
                continue;
            }
            n++;
            outcomes.merge(call.finalStatus(), 1, Integer::sum);
            q.add(call.queueTime(now));
            if (call.attempts().stream().anyMatch(CallAttempt::coldStart)) {
                c.add(call.coldStartTime(now));
            }
            r.add(call.runTime(now));
            e.add(call.endToEnd(now));
        }
        return new StageSummary(n, outcomes, medianP90(q), medianP90(c), medianP90(r), medianP90(e));
    }

    /** {median, p90} by nearest rank, or nulls when there are no values. */
    static Duration[] medianP90(List<Duration> values) {
        if (values.isEmpty()) {
            return new Duration[] {null, null};
        }
        List<Duration> sorted = new ArrayList<>(values);
        sorted.sort(null);
        return new Duration[] {rank(sorted, 0.5), rank(sorted, 0.9)};
    }

    private static Duration rank(List<Duration> sorted, double q) {
        int i = (int) Math.ceil(q * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, i)));
    }

    /** One line for the Timeline: the calls in view by outcome, then the median and p90 of each stage. */
    public String describe() {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "%,d calls in view", calls()));
        for (CallStatus st : CallStatus.values()) {
            Integer n = outcomes().get(st);
            if (n != null) {
                out.append(String.format(Locale.ROOT, " · %,d %s", n, st.label()));
            }
        }
        return out.append("   median / p90: queue ")
                .append(pair(queue()))
                .append(" · cold start ")
                .append(pair(coldStart()))
                .append(" · run ")
                .append(pair(run()))
                .append(" · end to end ")
                .append(pair(endToEnd()))
                .toString();
    }

    private static String pair(Duration[] d) {
        return d[0] == null ? "—" : TimeAxis.duration(d[0]) + " / " + TimeAxis.duration(d[1]);
    }
}
