package dev.callscope.timeline;

/**
 * Which part of a {@link GanttModel} is on screen: a time window (ms since the model's base), the
 * first visible row (fractional while scrolling) and the row height, in a plot of the given size.
 */
public record GanttViewport(double t0, double t1, double firstRow, double rowHeight, double width, double height) {

    public static final double AXIS_HEIGHT = 24;
    public static final double LABEL_WIDTH = 0;

    /** All of {@code m} in a plot of this size: its whole time span, rows as tall as fit (2 to 14 px). */
    public static GanttViewport fit(GanttModel m, double width, double height, double minRowHeight) {
        double pad = Math.max(1, (m.maxTime() - m.minTime()) * 0.02);
        double plotH = Math.max(1, height - AXIS_HEIGHT);
        double rowH = Math.max(minRowHeight, Math.min(14, plotH / Math.max(1, m.rows())));
        return new GanttViewport(m.minTime() - pad, m.maxTime() + pad, 0, rowH, width, height);
    }

    public double xOf(double t) {
        return (t - t0) / (t1 - t0) * width;
    }

    public double timeAt(double x) {
        return t0 + x / width * (t1 - t0);
    }

    public double yOfRow(int row) {
        return AXIS_HEIGHT + (row - firstRow) * rowHeight;
    }

    public int rowAt(double y) {
        return (int) Math.floor(firstRow + (y - AXIS_HEIGHT) / rowHeight);
    }

    public int visibleRows() {
        return (int) Math.ceil((height - AXIS_HEIGHT) / rowHeight) + 1;
    }

    public GanttViewport withTime(double from, double to) {
        return new GanttViewport(from, to, firstRow, rowHeight, width, height);
    }

    public GanttViewport withFirstRow(double row) {
        return new GanttViewport(t0, t1, row, rowHeight, width, height);
    }

    public GanttViewport withSize(double w, double h) {
        return new GanttViewport(t0, t1, firstRow, rowHeight, w, h);
    }

    public GanttViewport withRowHeight(double h) {
        return new GanttViewport(t0, t1, firstRow, h, width, height);
    }

    /** Zooms the time window by {@code factor} (< 1 zooms in) keeping time {@code at} in place. */
    public GanttViewport zoom(double factor, double at) {
        double span = Math.max(1, (t1 - t0) * factor);
        double f = (at - t0) / (t1 - t0);
        double from = at - f * span;
        return withTime(from, from + span);
    }

    /** Pans by a fraction of the visible span (negative is earlier). */
    public GanttViewport pan(double fraction) {
        double d = (t1 - t0) * fraction;
        return withTime(t0 + d, t1 + d);
    }

    /** This view scrolled to the first call of {@code model} active in the time window when none of the visible rows is. */
    public GanttViewport following(GanttModel model) {
        int first = (int) Math.floor(firstRow);
        int last = Math.min(model.rows(), first + visibleRows());
        for (int row = Math.max(0, first); row < last; row++) {
            for (int i = model.firstSegment(row); i < model.endSegment(row); i++) {
                if (model.end(i) >= t0 && model.start(i) <= t1) {
                    return this; // a visible row has a call in the window
                }
            }
        }
        int active = model.firstRowActiveIn(t0, t1);
        return active >= 0 ? withFirstRow(Math.max(0, active - 2)) : this;
    }
}
