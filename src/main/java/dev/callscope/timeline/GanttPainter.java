package dev.callscope.timeline;

import dev.callscope.chart.Palette;
import dev.callscope.chart.Surface;
import dev.callscope.chart.TimeAxis;
import java.time.ZoneId;

/**
 * Draws the Gantt: a time axis, then only the rows and segments inside the viewport. Segment fill
 * is the stage (queued, cold start, running); the outline is the outcome when it is not a success.
 * The same code draws the screen, PNG and SVG exports.
 */
public final class GanttPainter {

    private GanttPainter() {}

    public static void paint(Surface s, GanttModel m, GanttViewport v, Palette p, int selectedRow, ZoneId zone) {
        s.fillRect(0, 0, v.width(), v.height(), p.background(), 1);
        // axis
        for (TimeAxis.Tick tick :
                TimeAxis.ticks(m.instant(v.t0()), m.instant(v.t1()), (int) Math.max(2, v.width() / 120), zone)) {
            double x = v.xOf(m.millis(tick.at()));
            s.line(x, GanttViewport.AXIS_HEIGHT - 4, x, v.height(), p.grid(), 0.5);
            s.text(tick.label(), x + 3, GanttViewport.AXIS_HEIGHT / 2 - 2, p.muted(), 11, false, Surface.Align.LEFT);
        }
        s.line(0, GanttViewport.AXIS_HEIGHT, v.width(), GanttViewport.AXIS_HEIGHT, p.grid(), 1);
        if (m.rows() == 0) {
            s.text(
                    "No calls in this range.",
                    v.width() / 2,
                    v.height() / 2,
                    p.muted(),
                    13,
                    false,
                    Surface.Align.CENTER);
            return;
        }
        s.clip(0, GanttViewport.AXIS_HEIGHT, v.width(), v.height() - GanttViewport.AXIS_HEIGHT);
        double h = v.rowHeight();
        if (h < 1) {
            paintDense(s, m, v, p);
        } else {
            paintRows(s, m, v, p, selectedRow);
        }
        double nowX = v.xOf(m.millis(m.now()));
        if (nowX >= 0 && nowX <= v.width()) {
            s.line(nowX, GanttViewport.AXIS_HEIGHT, nowX, v.height(), p.muted(), 1);
        }
        s.restore();
    }

    private static void paintRows(Surface s, GanttModel m, GanttViewport v, Palette p, int selectedRow) {
        int first = Math.max(0, (int) Math.floor(v.firstRow()));
        int last = Math.min(m.rows(), first + v.visibleRows());
        double h = v.rowHeight();
        double barH = h >= 4 ? Math.max(1, h - Math.min(4, h * 0.25)) : h;
        boolean outlines = h >= 5;
        for (int row = first; row < last; row++) {
            double y = v.yOfRow(row) + (h - barH) / 2;
            if (row == selectedRow) {
                s.fillRect(0, v.yOfRow(row), v.width(), h, p.selection(), 0.15);
            }
            for (int i = m.firstSegment(row); i < m.endSegment(row); i++) {
                segment(s, m, v, p, i, y, barH, outlines);
            }
        }
    }

    /**
     * More rows than pixels (a fitted view of many calls): each pixel row shows one of the rows it
     * covers, so a frame costs the plot's height in rows, whatever the number of calls.
     */
    private static void paintDense(Surface s, GanttModel m, GanttViewport v, Palette p) {
        double plotH = v.height() - GanttViewport.AXIS_HEIGHT;
        for (int py = 0; py < plotH; py++) {
            int row = (int) Math.floor(v.firstRow() + py / v.rowHeight());
            if (row < 0 || row >= m.rows()) {
                continue;
            }
            for (int i = m.firstSegment(row); i < m.endSegment(row); i++) {
                segment(s, m, v, p, i, GanttViewport.AXIS_HEIGHT + py, 1, false);
            }
        }
    }

    private static void segment(
            Surface s, GanttModel m, GanttViewport v, Palette p, int i, double y, double barH, boolean outlines) {
        double x0 = v.xOf(m.start(i));
        double x1 = v.xOf(m.end(i));
        if (x1 < 0 || x0 > v.width()) {
            return;
        }
        x0 = Math.max(-1, x0);
        x1 = Math.min(v.width() + 1, x1);
        double w = Math.max(1, x1 - x0);
        int fill = switch (m.kind(i)) {
            case GanttModel.QUEUE -> p.queue();
            case GanttModel.COLD_START -> p.coldStart();
            default -> p.run();
        };
        s.fillRect(x0, y, w, barH, fill, m.kind(i) == GanttModel.QUEUE ? 0.55 : 1);
        CallStatus outcome = m.outcome(i);
        if (outlines && outcome.isFailure() && m.kind(i) != GanttModel.QUEUE) {
            s.strokeRect(x0 + 0.5, y + 0.5, Math.max(0.5, w - 1), barH - 1, outlineOf(outcome, p), 1.5);
        }
    }

    static int outlineOf(CallStatus status, Palette p) {
        return switch (status) {
            case TIMEOUT -> p.timeout();
            case INIT_FAILURE -> p.initFailure();
            case TERMINATED -> p.terminated();
            default -> p.failure();
        };
    }

    /**
     * The overview strip: how many calls are running across the whole model (one bar per pixel
     * column), with the visible window outlined.
     */
    public static void paintOverview(Surface s, GanttModel m, GanttViewport v, double width, double height, Palette p) {
        s.fillRect(0, 0, width, height, p.background(), 1);
        double lo = m.minTime();
        double hi = Math.max(lo + 1, m.maxTime());
        int columns = Math.max(1, (int) width);
        int[] running = new int[columns];
        for (int i = 0; i < m.segments(); i++) {
            if (m.kind(i) != GanttModel.RUN) {
                continue;
            }
            int c0 = (int) Math.max(0, Math.floor((m.start(i) - lo) / (hi - lo) * columns));
            int c1 = (int) Math.min(columns - 1, Math.floor((m.end(i) - lo) / (hi - lo) * columns));
            for (int c = c0; c <= c1; c++) {
                running[c]++;
            }
        }
        int max = 1;
        for (int r : running) {
            max = Math.max(max, r);
        }
        for (int c = 0; c < columns; c++) {
            double bh = (height - 2) * running[c] / max;
            s.fillRect(c, height - bh, 1, bh, p.run(), 0.6);
        }
        double x0 = (v.t0() - lo) / (hi - lo) * width;
        double x1 = (v.t1() - lo) / (hi - lo) * width;
        s.fillRect(x0, 0, Math.max(2, x1 - x0), height, p.selection(), 0.12);
        s.strokeRect(x0, 0.5, Math.max(2, x1 - x0), height - 1, p.selection(), 1);
    }
}
