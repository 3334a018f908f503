package dev.callscope.ui.timeline;

import dev.callscope.chart.Palette;
import dev.callscope.chart.TimeAxis;
import dev.callscope.timeline.CallAttempt;
import dev.callscope.timeline.CallTimeline;
import dev.callscope.timeline.GanttModel;
import dev.callscope.timeline.GanttPainter;
import dev.callscope.timeline.GanttViewport;
import dev.callscope.ui.common.CanvasSurface;
import dev.callscope.ui.common.TimeZoneChoice;
import java.util.function.IntConsumer;
import javafx.application.Platform;
import javafx.geometry.Orientation;
import javafx.scene.canvas.Canvas;
import javafx.scene.control.ScrollBar;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.Region;

/**
 * The Gantt on a canvas: draws only what is visible, redraws at most once per frame. Wheel zooms
 * time at the cursor, Ctrl+wheel row height, Shift+wheel scrolls rows, drag pans, Shift+drag
 * selects a range to zoom to, W/S zoom, A/D pan, F fits,
 * ↑/↓ move the selection, click selects a call. Frame times are kept for the benchmark.
 */
final class GanttCanvas extends Region {

    static final double DEFAULT_ROW_HEIGHT = 14;
    /** Fitting may squeeze rows below a pixel; the painter then samples one row per pixel row. */
    static final double MIN_ROW_HEIGHT = 0.01;

    private final Canvas canvas = new Canvas();
    private final Canvas overview = new Canvas();
    private final ScrollBar scroll = new ScrollBar();
    private final TimeZoneChoice zone;
    private final Tooltip tooltip = new Tooltip();
    private final long[] frameNanos = new long[512];
    private int frames;
    private GanttModel model;
    private GanttViewport view = new GanttViewport(0, 1, 0, DEFAULT_ROW_HEIGHT, 1, 1);
    private Palette palette = Palette.light();
    private int selectedRow = -1;
    private IntConsumer onSelectCall = c -> {};
    private Runnable onViewChanged = () -> {};
    private double pressX;
    private double pressY;
    private double dragX = -1;
    private boolean selecting;
    private GanttViewport pressView;
    private boolean dirty;

    static final double OVERVIEW_HEIGHT = 36;

    GanttCanvas(TimeZoneChoice zone) {
        this.zone = zone;
        setId("gantt");
        canvas.setId("gantt-canvas");
        overview.setId("timeline-overview");
        scroll.setOrientation(Orientation.VERTICAL);
        scroll.setId("gantt-scroll");
        getChildren().addAll(overview, canvas, scroll);
        setFocusTraversable(true);
        scroll.valueProperty().addListener((obs, a, b) -> {
            if (Math.abs(b.doubleValue() - view.firstRow()) > 1e-9) {
                view = view.withFirstRow(b.doubleValue());
                redraw();
            }
        });
        canvas.setOnScroll(e -> {
            if (model == null) {
                return;
            }
            if (e.isControlDown()) {
                zoomRows(e.getDeltaY() > 0 ? 1.25 : 0.8, e.getY());
            } else if (e.isShiftDown()) {
                double delta = e.getDeltaY() != 0 ? e.getDeltaY() : e.getDeltaX();
                scrollRows(-delta / view.rowHeight());
            } else {
                double factor = e.getDeltaY() > 0 ? 0.8 : 1.25;
                setTimeView(view.zoom(factor, view.timeAt(e.getX())));
            }
            e.consume();
        });
        canvas.setOnMousePressed(e -> {
            requestFocus();
            pressX = e.getX();
            pressY = e.getY();
            pressView = view;
            selecting = e.isShiftDown() || e.getButton() == MouseButton.SECONDARY;
            dragX = -1;
        });
        canvas.setOnMouseDragged(e -> {
            if (model == null) {
                return;
            }
            if (selecting) {
                dragX = e.getX();
                redraw();
                return;
            }
            double dt = (e.getX() - pressX) / view.width() * (pressView.t1() - pressView.t0());
            double dr = (e.getY() - pressY) / view.rowHeight();
            view = pressView
                    .withTime(pressView.t0() - dt, pressView.t1() - dt)
                    .withFirstRow(clampRow(pressView.firstRow() - dr));
            syncScroll();
            redraw();
        });
        canvas.setOnMouseReleased(e -> {
            if (selecting && dragX >= 0 && Math.abs(dragX - pressX) > 4) {
                double a = view.timeAt(Math.min(pressX, dragX));
                double b = view.timeAt(Math.max(pressX, dragX));
                setTimeView(view.withTime(a, b));
            } else if (Math.abs(e.getX() - pressX) < 3 && Math.abs(e.getY() - pressY) < 3) {
                select(view.rowAt(e.getY()));
            }
            selecting = false;
            dragX = -1;
            redraw();
            onViewChanged.run();
        });
        canvas.setOnMouseMoved(e -> hover(e.getX(), e.getY(), e.getScreenX(), e.getScreenY()));
        canvas.setOnMouseExited(e -> tooltip.hide());
        overview.setOnMousePressed(e -> centreOverviewAt(e.getX()));
        overview.setOnMouseDragged(e -> centreOverviewAt(e.getX()));
        setOnKeyPressed(e -> {
            if (model == null) {
                return;
            }
            KeyCode k = e.getCode();
            double centre = (view.t0() + view.t1()) / 2;
            switch (k) {
                case W -> setTimeView(view.zoom(0.8, centre));
                case S -> setTimeView(view.zoom(1.25, centre));
                case A -> setTimeView(view.pan(-0.2));
                case D -> setTimeView(view.pan(0.2));
                case F -> fit();
                case UP -> select(Math.max(0, selectedRow - 1));
                case DOWN -> select(Math.min(model.rows() - 1, selectedRow + 1));
                default -> {
                    return;
                }
            }
            e.consume();
        });
        zone.zoneProperty().addListener((obs, a, b) -> redraw());
    }

    void onSelectCall(IntConsumer handler) {
        this.onSelectCall = handler;
    }

    void onViewChanged(Runnable handler) {
        this.onViewChanged = handler;
    }

    void setPalette(Palette p) {
        this.palette = p;
        redraw();
    }

    GanttModel model() {
        return model;
    }

    GanttViewport view() {
        return view;
    }

    int selectedRow() {
        return selectedRow;
    }

    /** Swaps in a model built in the background and fits it. */
    void setModel(GanttModel m) {
        this.model = m;
        this.selectedRow = -1;
        fit();
    }

    void fit() {
        if (model == null) {
            return;
        }
        setView(GanttViewport.fit(model, view.width(), canvas.getHeight(), MIN_ROW_HEIGHT));
    }

    /** A new time window: rows scroll to the first call active in it, unless one is already in view. */
    void setTimeView(GanttViewport v) {
        setView(model == null ? v : v.following(model));
    }

    void setView(GanttViewport v) {
        view = v;
        syncScroll();
        redraw();
        onViewChanged.run();
    }

    void select(int row) {
        if (model == null || row < 0 || row >= model.rows()) {
            return;
        }
        selectedRow = row;
        int visible = view.visibleRows() - 2;
        if (row < view.firstRow()) {
            view = view.withFirstRow(row);
        } else if (row > view.firstRow() + visible) {
            view = view.withFirstRow(clampRow(row - visible));
        }
        syncScroll();
        redraw();
        int call = model.callOfRow(row);
        if (call >= 0) {
            onSelectCall.accept(call);
        }
    }

    /** Selects the row showing {@code callIndex} and brings it into view. */
    void selectCall(int callIndex) {
        if (model != null && model.rowOfCall(callIndex) >= 0) {
            select(model.rowOfCall(callIndex));
            CallTimeline c = model.calls().get(callIndex);
            double s = model.millis(c.enqueuedAt());
            double e = model.millis(c.end(model.now()));
            if (e < view.t0() || s > view.t1()) {
                double span = view.t1() - view.t0();
                setView(view.withTime(s - span * 0.1, s + span * 0.9));
            }
        }
    }

    /** Ctrl+wheel: taller or shorter rows, keeping the row under the cursor in place. */
    private void zoomRows(double factor, double y) {
        double anchor = view.firstRow() + (y - GanttViewport.AXIS_HEIGHT) / view.rowHeight();
        double h = Math.max(MIN_ROW_HEIGHT, Math.min(40, view.rowHeight() * factor));
        GanttViewport v = view.withRowHeight(h);
        GanttViewport moved = v.withFirstRow(clampRow(anchor - (y - GanttViewport.AXIS_HEIGHT) / h));
        view = model == null ? moved : moved.following(model);
        syncScroll();
        redraw();
    }

    private void scrollRows(double rows) {
        view = view.withFirstRow(clampRow(view.firstRow() + rows));
        syncScroll();
        redraw();
    }

    private double clampRow(double row) {
        if (model == null) {
            return 0;
        }
        double max = Math.max(0, model.rows() - (view.height() - GanttViewport.AXIS_HEIGHT) / view.rowHeight() + 1);
        return Math.max(0, Math.min(max, row));
    }

    private void syncScroll() {
        if (model == null) {
            scroll.setMax(0);
            return;
        }
        double visible = (view.height() - GanttViewport.AXIS_HEIGHT) / view.rowHeight();
        scroll.setMin(0);
        scroll.setMax(Math.max(0, model.rows() - visible + 1));
        scroll.setVisibleAmount(Math.max(1, visible));
        scroll.setValue(view.firstRow());
    }

    private void centreOverviewAt(double x) {
        if (model == null) {
            return;
        }
        double lo = model.minTime();
        double hi = Math.max(lo + 1, model.maxTime());
        double t = lo + x / overview.getWidth() * (hi - lo);
        double span = view.t1() - view.t0();
        setTimeView(view.withTime(t - span / 2, t + span / 2));
    }

    private void hover(double x, double y, double sx, double sy) {
        if (model == null) {
            return;
        }
        int row = view.rowAt(y);
        int seg = model.segmentAt(row, view.timeAt(x));
        if (seg < 0) {
            tooltip.hide();
            return;
        }
        CallTimeline c = model.calls().get(model.call(seg));
        StringBuilder text = new StringBuilder(c.callId())
                .append("  ·  ")
                .append(c.finalStatus().label());
        var now = model.now();
        for (CallAttempt a : c.attempts()) {
            text.append(String.format("%nattempt %d: queued %s", a.attempt(), TimeAxis.duration(a.queueTime(now))));
            if (a.coldStart()) {
                text.append(", cold start ").append(TimeAxis.duration(a.coldStartTime(now)));
            }
            text.append(", ran ")
                    .append(TimeAxis.duration(a.runTime(now)))
                    .append(" → ")
                    .append(a.status().label());
        }
        tooltip.setText(text.toString());
        tooltip.show(canvas, sx + 14, sy + 14);
    }

    /** Coalesces redraw requests into the next pulse. */
    void redraw() {
        if (!dirty) {
            dirty = true;
            Platform.runLater(this::paintNow);
        }
    }

    private void paintNow() {
        dirty = false;
        long t0 = System.nanoTime();
        CanvasSurface surface = new CanvasSurface(canvas.getGraphicsContext2D());
        if (model == null) {
            surface.fillRect(0, 0, canvas.getWidth(), canvas.getHeight(), palette.background(), 1);
        } else {
            GanttPainter.paint(surface, model, view, palette, selectedRow, zone.zone());
            if (dragX >= 0) {
                surface.fillRect(
                        Math.min(pressX, dragX),
                        GanttViewport.AXIS_HEIGHT,
                        Math.abs(dragX - pressX),
                        canvas.getHeight(),
                        palette.selection(),
                        0.15);
            }
            GanttPainter.paintOverview(
                    new CanvasSurface(overview.getGraphicsContext2D()),
                    model,
                    view,
                    overview.getWidth(),
                    overview.getHeight(),
                    palette);
        }
        frameNanos[frames++ % frameNanos.length] = System.nanoTime() - t0;
    }

    /** Drawing times of the most recent frames, in nanoseconds (for the benchmark). */
    long[] recentFrameNanos() {
        int n = Math.min(frames, frameNanos.length);
        long[] out = new long[n];
        System.arraycopy(frameNanos, 0, out, 0, n);
        return out;
    }

    /** Draws one frame now, for the benchmark. */
    void paintForBenchmark() {
        paintNow();
    }

    @Override
    protected void layoutChildren() {
        double w = getWidth();
        double h = getHeight();
        double sw = scroll.prefWidth(-1);
        overview.setWidth(w - sw);
        overview.setHeight(OVERVIEW_HEIGHT);
        overview.relocate(0, 0);
        canvas.setWidth(Math.max(1, w - sw));
        canvas.setHeight(Math.max(1, h - OVERVIEW_HEIGHT - 4));
        canvas.relocate(0, OVERVIEW_HEIGHT + 4);
        scroll.resizeRelocate(
                w - sw,
                OVERVIEW_HEIGHT + 4 + GanttViewport.AXIS_HEIGHT,
                sw,
                Math.max(0, h - OVERVIEW_HEIGHT - 4 - GanttViewport.AXIS_HEIGHT));
        view = view.withSize(canvas.getWidth(), canvas.getHeight());
        syncScroll();
        redraw();
    }
}
