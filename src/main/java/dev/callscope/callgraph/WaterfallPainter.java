package dev.callscope.callgraph;

import dev.callscope.chart.Drawing;
import dev.callscope.chart.Palette;
import dev.callscope.chart.Surface;
import dev.callscope.chart.TimeAxis;
import dev.callscope.time.EpochNanos;
import dev.callscope.timeline.CallAttempt;
import dev.callscope.timeline.CallStatus;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.BitSet;
import java.util.Locale;

/**
 * Draws a {@link Waterfall}: a label column (the call's function, indented by depth, with its
 * status) and, on a shared time axis, each call's attempts as queue / cold start / run bars like
 * the Timeline's. The critical path's rows are tinted and their labels bold; a collapsed fan-out
 * is one row spanning its calls, labelled with their count and spread. Only visible rows are drawn.
 */
public final class WaterfallPainter {

    public static final double AXIS_HEIGHT = 22;
    public static final double ROW_HEIGHT = 20;
    public static final double LABEL_WIDTH = 300;

    private WaterfallPainter() {}

    /** What is in view: the time span and the first row at the top. */
    public record View(double width, double height, Instant t0, Instant t1, int firstRow) {
        public static View fit(Waterfall w, double width, double height) {
            if (w.rows().isEmpty()) {
                Instant now = w.tree().now();
                return new View(width, height, now.minusSeconds(60), now, 0);
            }
            Instant s = w.start(w.rows().getFirst());
            Instant e = s;
            for (Waterfall.Row r : w.rows()) {
                Instant re = w.end(r);
                e = re.isAfter(e) ? re : e;
            }
            Duration pad = Duration.between(s, e).dividedBy(40).plusMillis(1);
            return new View(width, height, s.minus(pad), e.plus(pad), 0);
        }

        double xOf(Instant t) {
            double span = Math.max(1, Duration.between(t0, t1).toNanos());
            return LABEL_WIDTH + (width - LABEL_WIDTH) * Duration.between(t0, t).toNanos() / span;
        }

        /** The row at a y position, or -1. */
        public int rowAt(double y, int rows) {
            if (y < AXIS_HEIGHT) {
                return -1;
            }
            int r = firstRow + (int) ((y - AXIS_HEIGHT) / ROW_HEIGHT);
            return r < rows ? r : -1;
        }

        public int visibleRows() {
            return (int) Math.ceil((height - AXIS_HEIGHT) / ROW_HEIGHT);
        }

        /** The same span shifted or zoomed: {@code factor} < 1 zooms in around {@code at} (0..1 of the plot). */
        public View zoom(double factor, double at) {
            long span = Duration.between(t0, t1).toNanos();
            long newSpan = Math.max(1_000_000, (long) (span * factor));
            Instant center = t0.plusNanos((long) (span * at));
            Instant nt0 = center.minusNanos((long) (newSpan * at));
            return new View(width, height, nt0, nt0.plusNanos(newSpan), firstRow);
        }

        public View pan(double fraction) {
            long shift = (long) (Duration.between(t0, t1).toNanos() * fraction);
            return new View(width, height, t0.plusNanos(shift), t1.plusNanos(shift), firstRow);
        }

        public View scrollTo(int row) {
            return new View(width, height, t0, t1, Math.max(0, row));
        }

        public View resized(double w, double h) {
            return new View(w, h, t0, t1, firstRow);
        }
    }

    /**
     * The waterfall as a file draws it: {@code view}'s span and first row at the file's size (a
     * taller file shows more rows); its CSV is the whole tree ({@link CallTreeCsv}).
     */
    public static Drawing drawing(Waterfall w, View view, Palette p, int selectedRow, ZoneId zone) {
        return new Drawing() {
            @Override
            public void paint(Surface s, double width, double height) {
                WaterfallPainter.paint(s, w, view.resized(width, height), p, selectedRow, zone);
            }

            @Override
            public void writeCsv(OutputStream out) throws IOException {
                CallTreeCsv.write(w.tree(), out);
            }
        };
    }

    /** The height that shows every row of {@code w} (within {@code max}). */
    public static double heightFor(Waterfall w, double min, double max) {
        return Math.max(min, Math.min(max, AXIS_HEIGHT + (w.rows().size() + 1) * ROW_HEIGHT));
    }

    public static void paint(Surface s, Waterfall w, View v, Palette p, int selectedRow, ZoneId zone) {
        paint(s, w, v, p, selectedRow, zone, null);
    }

    /** @param found rows a search in the tree found (outlined), or null */
    public static void paint(Surface s, Waterfall w, View v, Palette p, int selectedRow, ZoneId zone, BitSet found) {
        s.fillRect(0, 0, v.width(), v.height(), p.background(), 1);
        for (TimeAxis.Tick tick :
                TimeAxis.ticks(v.t0(), v.t1(), (int) Math.max(2, (v.width() - LABEL_WIDTH) / 120), zone)) {
            double x = v.xOf(tick.at());
            if (x >= LABEL_WIDTH) {
                s.line(x, AXIS_HEIGHT - 4, x, v.height(), p.grid(), 0.5);
                s.text(tick.label(), x + 3, AXIS_HEIGHT / 2 - 2, p.muted(), 11, false, Surface.Align.LEFT);
            }
        }
        s.line(0, AXIS_HEIGHT, v.width(), AXIS_HEIGHT, p.grid(), 1);
        s.line(LABEL_WIDTH, 0, LABEL_WIDTH, v.height(), p.grid(), 1);
        if (w.rows().isEmpty()) {
            s.text("No call tree to show.", v.width() / 2, v.height() / 2, p.muted(), 13, false, Surface.Align.CENTER);
            return;
        }
        int last = Math.min(w.rows().size(), v.firstRow() + v.visibleRows());
        for (int row = v.firstRow(); row < last; row++) {
            Waterfall.Row r = w.rows().get(row);
            double y = AXIS_HEIGHT + (row - v.firstRow()) * ROW_HEIGHT;
            if (r.critical()) {
                s.fillRect(0, y, v.width(), ROW_HEIGHT, p.selection(), 0.08);
            }
            if (row == selectedRow) {
                s.fillRect(0, y, v.width(), ROW_HEIGHT, p.selection(), 0.2);
            }
            if (found != null && found.get(row)) {
                s.strokeRect(1, y + 1, LABEL_WIDTH - 2, ROW_HEIGHT - 2, p.timeout(), 1.5);
            }
            label(s, w, r, y, p);
            s.clip(LABEL_WIDTH, y, v.width() - LABEL_WIDTH, ROW_HEIGHT);
            if (r.isGroup()) {
                group(s, w, r, v, y, p);
            } else {
                bars(s, w, r.node(), v, y, p);
            }
            s.restore();
        }
    }

    private static void label(Surface s, Waterfall w, Waterfall.Row r, double y, Palette p) {
        CallTree tree = w.tree();
        int node = r.node();
        double x = 6 + Math.min(r.depth(), 12) * 14;
        String text;
        int colour = p.foreground();
        if (r.isGroup()) {
            Waterfall.Spread sp = w.spread(r);
            text = "▸ " + tree.functionName(node) + " ×" + String.format(Locale.ROOT, "%,d", sp.calls())
                    + (sp.failures() > 0 ? " · " + sp.failures() + " failed" : "");
        } else {
            CallStatus st = tree.finalStatus(node);
            text = tree.functionName(node) + (st == CallStatus.SUCCESS ? "" : " · " + st.label());
            colour = st.isFailure() ? p.failure() : colour;
        }
        int max = (int) ((LABEL_WIDTH - x - 6) / 6.6);
        if (text.length() > max) {
            text = text.substring(0, Math.max(1, max - 1)) + "…";
        }
        s.text(text, x, y + ROW_HEIGHT / 2 + 4, colour, 12, r.critical(), Surface.Align.LEFT);
        // the call's id ends the label, so siblings of one function can be told apart
        String id = tree.callId(node);
        if (!r.isGroup() && x + 6.6 * (text.length() + 10) < LABEL_WIDTH && id.length() > 8) {
            s.text(
                    "…" + id.substring(id.length() - 6),
                    LABEL_WIDTH - 6,
                    y + ROW_HEIGHT / 2 + 4,
                    p.muted(),
                    11,
                    false,
                    Surface.Align.RIGHT);
        }
    }

    private static void bars(Surface s, Waterfall w, int node, View v, double y, Palette p) {
        CallTree tree = w.tree();
        Instant now = tree.now();
        double top = y + 3;
        double h = ROW_HEIGHT - 6;
        for (CallAttempt a : tree.nodes().get(node).call().attempts()) {
            if (a.queuedAt() != null) {
                bar(s, v, a.queuedAt(), a.queueEnd(now), top, h, p.queue(), 0.55);
            }
            if (a.coldStart() && a.coldStartBegan() != null) {
                bar(
                        s,
                        v,
                        a.coldStartBegan(),
                        a.coldStartEnded() != null ? a.coldStartEnded() : a.end(now),
                        top,
                        h,
                        p.coldStart(),
                        1);
            }
            if (a.startedAt() != null) {
                bar(s, v, a.startedAt(), a.end(now), top, h, p.run(), 1);
                if (a.status().isFailure()) {
                    double x0 = Math.max(LABEL_WIDTH, v.xOf(a.startedAt()));
                    double x1 = v.xOf(a.end(now));
                    s.strokeRect(x0 + 0.5, top + 0.5, Math.max(0.5, x1 - x0 - 1), h - 1, p.failure(), 1.5);
                }
            }
        }
    }

    /**
     * A fan-out: every member's run drawn faintly over the others, so where many ran at once the row
     * is dark and stragglers stand alone; its spread is written where there is room.
     */
    private static void group(Surface s, Waterfall w, Waterfall.Row r, View v, double y, Palette p) {
        int columns = (int) Math.ceil(v.width() - LABEL_WIDTH);
        if (columns > 0) {
            long t0 = EpochNanos.of(v.t0());
            int[][] density = w.bars(r).density(t0, EpochNanos.of(v.t1()) - t0, columns);
            columns(s, density[0], y, p.run());
            columns(s, density[1], y, p.failure());
        }
        Waterfall.Spread sp = w.spread(r);
        String text = "end to end p50 " + TimeAxis.duration(sp.p50()) + " · p90 " + TimeAxis.duration(sp.p90())
                + " · max " + TimeAxis.duration(sp.max());
        double x0 = v.xOf(w.start(r));
        double x1 = v.xOf(w.end(r));
        double room = 7 * text.length();
        if (x1 + 6 + room <= v.width()) {
            s.text(text, x1 + 6, y + ROW_HEIGHT / 2 + 4, p.muted(), 11, false, Surface.Align.LEFT);
        } else if (x0 - 6 - room >= LABEL_WIDTH) {
            s.text(text, x0 - 6, y + ROW_HEIGHT / 2 + 4, p.muted(), 11, false, Surface.Align.RIGHT);
        }
    }

    /** Runs of columns with the same count, each one rect as dark as that many faint bars stacked. */
    private static void columns(Surface s, int[] counts, double y, int rgb) {
        int c = 0;
        while (c < counts.length - 1) {
            int n = counts[c];
            int from = c;
            while (c < counts.length - 1 && counts[c] == n) {
                c++;
            }
            if (n > 0) {
                s.fillRect(LABEL_WIDTH + from, y + 3, c - from, ROW_HEIGHT - 6, rgb, 1 - Math.pow(1 - BAR_ALPHA, n));
            }
        }
    }

    /** How opaque one call's run is in a fan-out's row. */
    private static final double BAR_ALPHA = 0.18;

    private static void bar(Surface s, View v, Instant from, Instant to, double y, double h, int rgb, double alpha) {
        double x0 = v.xOf(from);
        double x1 = v.xOf(to);
        if (x1 < LABEL_WIDTH || x0 > v.width()) {
            return;
        }
        x0 = Math.max(LABEL_WIDTH, x0);
        s.fillRect(x0, y, Math.max(1, x1 - x0), h, rgb, alpha);
    }
}
