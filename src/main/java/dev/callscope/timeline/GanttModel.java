package dev.callscope.timeline;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The calls of a view laid out for drawing: rows (one per call, or one per container) and their
 * segments in flat arrays sorted by row, with times in milliseconds since {@link #base()}. Built
 * once on a background thread and swapped into the view whole; drawing only reads it.
 */
public final class GanttModel {

    public enum Grouping {
        BY_CALL,
        BY_CONTAINER
    }

    public static final byte QUEUE = 0;
    public static final byte COLD_START = 1;
    public static final byte RUN = 2;

    private final List<CallTimeline> calls;
    private final Instant base;
    private final Instant now;
    private final Grouping grouping;
    private final List<String> rowLabels = new ArrayList<>();
    /** For BY_CALL the call index of each row; for BY_CONTAINER -1. */
    private final int[] rowCall;

    private final int[] rowOffsets;
    private final double[] start;
    private final double[] end;
    private final byte[] kind;
    private final byte[] outcome;
    private final int[] segmentCall;
    private final double minTime;
    private final double maxTime;

    private GanttModel(List<CallTimeline> calls, Instant now, Grouping grouping) {
        this.calls = List.copyOf(calls);
        this.now = now;
        this.grouping = grouping;
        this.base = calls.isEmpty()
                ? now
                : calls.stream()
                        .map(CallTimeline::enqueuedAt)
                        .min(Comparator.naturalOrder())
                        .orElse(now);
        List<double[]> segs = new ArrayList<>(); // row, start, end, kind, outcome, call
        Map<String, Integer> containerRows = new LinkedHashMap<>();
        List<Integer> rowCalls = new ArrayList<>();
        for (int c = 0; c < this.calls.size(); c++) {
            CallTimeline call = this.calls.get(c);
            int callRow = -1;
            if (grouping == Grouping.BY_CALL) {
                callRow = rowLabels.size();
                rowLabels.add(call.callId());
                rowCalls.add(c);
            }
            for (CallAttempt a : call.attempts()) {
                int row = callRow;
                if (grouping == Grouping.BY_CONTAINER) {
                    String container =
                            a.containerId() == null || a.containerId().isEmpty()
                                    ? "(no container yet)"
                                    : a.containerId();
                    row = containerRows.computeIfAbsent(container, k -> {
                        rowLabels.add(k);
                        rowCalls.add(-1);
                        return rowLabels.size() - 1;
                    });
                }
                byte out = (byte) a.status().ordinal();
                if (grouping == Grouping.BY_CALL && a.queuedAt() != null) {
                    add(segs, row, a.queuedAt(), a.queueEnd(now), QUEUE, out, c);
                }
                if (a.coldStart() && a.coldStartBegan() != null) {
                    Instant coldEnd = a.coldStartEnded() != null ? a.coldStartEnded() : a.end(now);
                    add(segs, row, a.coldStartBegan(), coldEnd, COLD_START, out, c);
                }
                if (a.startedAt() != null) {
                    add(segs, row, a.startedAt(), a.end(now), RUN, out, c);
                }
            }
        }
        segs.sort(Comparator.comparingDouble((double[] s) -> s[0]).thenComparingDouble(s -> s[1]));
        int n = segs.size();
        start = new double[n];
        end = new double[n];
        kind = new byte[n];
        outcome = new byte[n];
        segmentCall = new int[n];
        rowOffsets = new int[rowLabels.size() + 1];
        double lo = Double.MAX_VALUE;
        double hi = -Double.MAX_VALUE;
        int row = 0;
        for (int i = 0; i < n; i++) {
            double[] s = segs.get(i);
            while (row <= (int) s[0]) {
                rowOffsets[row++] = i;
            }
            start[i] = s[1];
            end[i] = s[2];
            kind[i] = (byte) s[3];
            outcome[i] = (byte) s[4];
            segmentCall[i] = (int) s[5];
            lo = Math.min(lo, s[1]);
            hi = Math.max(hi, s[2]);
        }
        while (row <= rowLabels.size()) {
            rowOffsets[row++] = n;
        }
        rowCall = rowCalls.stream().mapToInt(Integer::intValue).toArray();
        minTime = n == 0 ? 0 : lo;
        maxTime = n == 0 ? 1 : hi;
    }

    private void add(List<double[]> segs, int row, Instant from, Instant to, byte k, byte out, int call) {
        double s = millis(from);
        double e = Math.max(s, millis(to));
        segs.add(new double[] {row, s, e, k, out, call});
    }

    public static GanttModel of(List<CallTimeline> calls, Instant now, Grouping grouping) {
        return new GanttModel(calls, now, grouping);
    }

    /** Milliseconds since {@link #base()}. */
    public double millis(Instant t) {
        return (t.getEpochSecond() - base.getEpochSecond()) * 1000.0 + (t.getNano() - base.getNano()) / 1e6;
    }

    public Instant instant(double millis) {
        return base.plusNanos(Math.round(millis * 1e6));
    }

    public Instant base() {
        return base;
    }

    public Instant now() {
        return now;
    }

    public Grouping grouping() {
        return grouping;
    }

    public List<CallTimeline> calls() {
        return calls;
    }

    public int rows() {
        return rowLabels.size();
    }

    public String rowLabel(int row) {
        return rowLabels.get(row);
    }

    /** The call a row shows (BY_CALL), or -1. */
    public int callOfRow(int row) {
        return row >= 0 && row < rowCall.length ? rowCall[row] : -1;
    }

    /** The row that shows a call (BY_CALL only), or -1. */
    public int rowOfCall(int call) {
        if (grouping != Grouping.BY_CALL) {
            return -1;
        }
        return call;
    }

    public int firstSegment(int row) {
        return rowOffsets[row];
    }

    public int endSegment(int row) {
        return rowOffsets[row + 1];
    }

    public double start(int segment) {
        return start[segment];
    }

    public double end(int segment) {
        return end[segment];
    }

    public byte kind(int segment) {
        return kind[segment];
    }

    public CallStatus outcome(int segment) {
        return CallStatus.values()[outcome[segment]];
    }

    public int call(int segment) {
        return segmentCall[segment];
    }

    public double minTime() {
        return minTime;
    }

    public double maxTime() {
        return maxTime;
    }

    public int segments() {
        return start.length;
    }

    /**
     * The first row with a segment that reaches {@code t0} or later and starts before {@code t1}
     * (so a time window's calls come into view when zooming), or -1.
     */
    public int firstRowActiveIn(double t0, double t1) {
        for (int row = 0; row < rows(); row++) {
            for (int i = firstSegment(row); i < endSegment(row); i++) {
                if (end[i] >= t0 && start[i] <= t1) {
                    return row;
                }
            }
        }
        return -1;
    }

    /** The segment of {@code row} under time {@code t} (ms since base), or -1. */
    public int segmentAt(int row, double t) {
        if (row < 0 || row >= rows()) {
            return -1;
        }
        for (int i = firstSegment(row); i < endSegment(row); i++) {
            if (start[i] <= t && t <= end[i]) {
                return i;
            }
        }
        return -1;
    }
}
