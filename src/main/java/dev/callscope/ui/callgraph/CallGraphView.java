package dev.callscope.ui.callgraph;

import dev.callscope.callgraph.CallTree;
import dev.callscope.callgraph.CallTreeQuery;
import dev.callscope.callgraph.Waterfall;
import dev.callscope.callgraph.WaterfallPainter;
import dev.callscope.calls.EventSchema;
import dev.callscope.calls.FunctionDirectory;
import dev.callscope.chart.ChartFiles;
import dev.callscope.chart.Palette;
import dev.callscope.cost.Prices;
import dev.callscope.engine.Engine;
import dev.callscope.engine.QueryStats;
import dev.callscope.logs.LogSchema;
import dev.callscope.schema.Schema;
import dev.callscope.time.DataNow;
import dev.callscope.ui.common.BackgroundExport;
import dev.callscope.ui.common.CanvasSurface;
import dev.callscope.ui.common.LatestTaskRunner;
import dev.callscope.ui.common.TimeZoneChoice;
import java.nio.file.Path;
import java.time.Instant;
import java.util.BitSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.scene.canvas.Canvas;
import javafx.scene.control.SplitPane;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.Pane;
import javafx.scene.layout.VBox;

/**
 * The Call graph tab: the tree a call belongs to as a waterfall (each call's queue, cold start and
 * run like the Timeline's), the critical path tinted and listed, each subtree's calls, failures,
 * wall and billed time and cost at the Cost tab's prices. Fan-outs of one function show as one row
 * until clicked open. The tree is read and laid out in the background.
 */
public final class CallGraphView extends BorderPane {

    private final TimeZoneChoice zone;
    private final Consumer<QueryStats> statsSink;
    private final LatestTaskRunner loads;
    private final LatestTaskRunner layouts;
    private final CallGraphControls controls;
    /** Rows the search in the tree found, and which of them Enter moves to next. */
    private BitSet found = new BitSet();

    private final CallNodePane node;
    private LogSchema logSchema = LogSchema.canonical(Schema.DATABASE);
    private final Canvas canvas = new Canvas();
    private final Set<String> expanded = new HashSet<>();
    private final Consumer<String> openInTimeline;
    private Supplier<Prices> prices = () -> Prices.EXAMPLES;
    private EventSchema events = EventSchema.canonical(Schema.DATABASE);
    private Engine engine;
    private CallTree tree;
    private Waterfall waterfall;
    private WaterfallPainter.View view;
    private int selected = -1;
    private boolean dark;
    private double dragX = Double.NaN;

    public CallGraphView(
            ExecutorService executor,
            TimeZoneChoice zone,
            Consumer<QueryStats> statsSink,
            Consumer<String> openInTimeline) {
        this.zone = zone;
        this.statsSink = statsSink;
        this.openInTimeline = openInTimeline;
        this.loads = new LatestTaskRunner(executor, Platform::runLater);
        this.layouts = new LatestTaskRunner(executor, Platform::runLater);
        this.node = new CallNodePane(zone, new LatestTaskRunner(executor, Platform::runLater), openInTimeline);
        setId("callgraph-view");
        this.controls = new CallGraphControls(
                this,
                (file, format, scale) -> export(file, format, scale, null),
                this::showCall,
                this::relayout,
                this::fitAll,
                this::search);
        setTop(controls.node());

        Pane holder = new Pane(canvas);
        canvas.widthProperty().bind(holder.widthProperty());
        canvas.heightProperty().bind(holder.heightProperty());
        canvas.widthProperty().addListener((o, a, b) -> resized());
        canvas.heightProperty().addListener((o, a, b) -> resized());
        canvas.setFocusTraversable(true);
        canvas.setOnMouseClicked(e -> clicked(e.getX(), e.getY()));
        canvas.setOnScroll(e -> {
            if (view == null) {
                return;
            }
            if (e.isControlDown() || e.isShortcutDown()) {
                view = view.zoom(e.getDeltaY() > 0 ? 0.8 : 1.25, fraction(e.getX()));
            } else {
                view = view.scrollTo(view.firstRow() + (e.getDeltaY() > 0 ? -3 : 3));
            }
            paint();
        });
        canvas.setOnMousePressed(e -> dragX = e.getX());
        canvas.setOnMouseDragged(e -> {
            if (view != null && !Double.isNaN(dragX)) {
                view = view.pan(-(e.getX() - dragX) / Math.max(1, canvas.getWidth() - WaterfallPainter.LABEL_WIDTH));
                dragX = e.getX();
                paint();
            }
        });
        canvas.setOnKeyPressed(e -> keyed(e.getCode()));
        VBox side = node;
        SplitPane split = new SplitPane(holder, side);
        split.setDividerPositions(0.76);
        SplitPane.setResizableWithParent(side, false);
        setCenter(split);
        BorderPane.setMargin(split, new Insets(0, 10, 10, 10));
    }

    private void fitAll() {
        if (waterfall != null) {
            view = WaterfallPainter.View.fit(waterfall, canvas.getWidth(), canvas.getHeight());
            paint();
        }
    }

    /** Where the log lines are (a call's lines show beside the tree). */
    public void setLogSchema(LogSchema logs) {
        this.logSchema = logs;
    }

    /** Opens a call's lines in the Logs tab. */
    public void onOpenLogs(Consumer<String> openLogs) {
        node.onOpenLogs(openLogs);
    }

    /** For tests: the selected call's log lines as listed. */
    public List<String> nodeLogs() {
        return node.logLines();
    }

    /** Where the calls are; takes effect at the next load. */
    public void setEvents(EventSchema events) {
        this.events = events;
    }

    /** The Cost tab's prices, read when a tree is priced. */
    public void pricedBy(Supplier<Prices> prices) {
        this.prices = prices;
    }

    public void setEngine(Engine engine) {
        this.engine = engine;
        loads.cancel();
        layouts.cancel();
        if (engine == null) {
            controls.status.setText("Not connected.");
            return;
        }
        if (!controls.callBox.getText().isBlank()) {
            showCall(controls.callBox.getText().strip());
        } else {
            controls.status.setText(CallGraphControls.HINT);
        }
    }

    public void setDark(boolean dark) {
        this.dark = dark;
        paint();
    }

    /** Opens the tree of {@code callId} (from the Timeline, the Logs, or typed). */
    public void showCall(String callId) {
        controls.callBox.setText(callId);
        if (engine == null || callId.isEmpty()) {
            return;
        }
        controls.status.setText("Reading the call tree…");
        CallTreeQuery q = new CallTreeQuery(events);
        Prices p = prices.get();
        FunctionDirectory directory = new FunctionDirectory(events);
        long started = System.nanoTime();
        expanded.clear();
        boolean group = controls.grouped.isSelected();
        loads.submit(
                engine,
                scope -> {
                    Instant now = DataNow.of(directory.newestEvent(scope), Instant.now());
                    CallTreeQuery.Result r = q.load(scope, callId, now, p);
                    return new Loaded(r, Waterfall.showing(r.tree(), callId, Set.of(), group)); // its row shows
                },
                loaded -> {
                    statsSink.accept(loaded.result().stats());
                    tree = loaded.result().tree();
                    if (tree.isEmpty()) {
                        waterfall = null;
                        view = null;
                        controls.status.setText("No call with that id.");
                        controls.path.setText("");
                        paint();
                        return;
                    }
                    controls.describe(tree, p, loaded.result().cut(), (System.nanoTime() - started) / 1_000_000);
                    expanded.addAll(loaded.showing().opened());
                    show(
                            loaded.showing().waterfall(),
                            true); // last: the numbers above are in place when the tree appears
                    if (loaded.showing().row() > 0) {
                        select(loaded.showing().row());
                        paint();
                    }
                },
                error -> controls.status.setText("Could not read the call tree: " + error));
    }

    private record Loaded(CallTreeQuery.Result result, Waterfall.Showing showing) {}

    private void relayout() {
        if (tree == null) {
            return;
        }
        CallTree t = tree;
        Set<String> open = Set.copyOf(expanded);
        boolean group = controls.grouped.isSelected();
        layouts.submit(
                engine,
                scope -> Waterfall.of(t, open, group),
                w -> show(w, false),
                error -> controls.status.setText(error));
    }

    private void show(Waterfall w, boolean fit) {
        waterfall = w;
        found = new BitSet();
        if (fit || view == null) {
            view = WaterfallPainter.View.fit(w, canvas.getWidth(), canvas.getHeight());
            selected = w.rows().isEmpty() ? -1 : 0;
        }
        showDetail();
        search(false); // the marks of a search follow the rows (it paints)
    }

    private void resized() {
        if (view != null) {
            view = view.resized(canvas.getWidth(), canvas.getHeight());
        }
        paint();
    }

    private double fraction(double x) {
        return Math.max(
                0,
                Math.min(
                        1,
                        (x - WaterfallPainter.LABEL_WIDTH)
                                / Math.max(1, canvas.getWidth() - WaterfallPainter.LABEL_WIDTH)));
    }

    private void clicked(double x, double y) {
        canvas.requestFocus();
        if (waterfall == null) {
            return;
        }
        int row = view.rowAt(y, waterfall.rows().size());
        if (row < 0) {
            return;
        }
        selected = row;
        Waterfall.Row r = waterfall.rows().get(row);
        if (r.isGroup() && x < WaterfallPainter.LABEL_WIDTH) {
            expanded.add(waterfall.groupKey(r)); // a fan-out opens when its label is clicked
            relayout();
        }
        showDetail();
        paint();
    }

    private void keyed(KeyCode code) {
        if (waterfall == null) {
            return;
        }
        switch (code) {
            case DOWN -> select(Math.min(waterfall.rows().size() - 1, selected + 1));
            case UP -> select(Math.max(0, selected - 1));
            case W -> view = view.zoom(0.8, 0.5);
            case S -> view = view.zoom(1.25, 0.5);
            case A -> view = view.pan(-0.1);
            case D -> view = view.pan(0.1);
            case ENTER -> {
                if (selected >= 0 && waterfall.rows().get(selected).isGroup()) {
                    expanded.add(waterfall.groupKey(waterfall.rows().get(selected)));
                    relayout();
                }
            }
            default -> {
                return;
            }
        }
        paint();
    }

    private void select(int row) {
        selected = row;
        if (row < view.firstRow()) {
            view = view.scrollTo(row);
        } else if (row >= view.firstRow() + view.visibleRows() - 1) {
            view = view.scrollTo(row - view.visibleRows() + 2);
        }
        showDetail();
    }

    private void showDetail() {
        node.show(waterfall, selected, engine, logSchema);
    }

    private void paint() {
        var g = canvas.getGraphicsContext2D();
        g.clearRect(0, 0, canvas.getWidth(), canvas.getHeight());
        if (waterfall == null || view == null || canvas.getWidth() < 10) {
            return;
        }
        WaterfallPainter.paint(new CanvasSurface(g), waterfall, view, Palette.of(dark), selected, zone.zone(), found);
    }

    /**
     * Writes what is on screen (same span, rows from the first in view, same colours) as PNG (at
     * {@code scale}), SVG or CSV (every call of the tree), in the background; {@code done} may be null.
     */
    public void export(Path destination, String format, int scale, Consumer<String> done) {
        Waterfall w = waterfall;
        WaterfallPainter.View v = view;
        if (w == null || v == null) {
            return;
        }
        var drawing = WaterfallPainter.drawing(w, v, Palette.of(dark), selected, zone.zone());
        double width = canvas.getWidth();
        double height = canvas.getHeight();
        BackgroundExport.submit(
                layouts,
                engine,
                destination,
                out -> ChartFiles.writeTo(drawing, width, height, format, scale, out),
                controls.status::setText,
                done);
    }

    /**
     * Marks the rows whose function, or call id, contains the text (case ignored); with {@code next},
     * selects the next of them after the selection, opening the fan-out that holds it if need be.
     */
    private void search(boolean next) {
        String q = controls.find.getText().strip().toLowerCase(Locale.ROOT);
        found = new BitSet();
        if (waterfall == null || q.isEmpty()) {
            controls.findCount.setText("");
            paint();
            return;
        }
        found = waterfall.rowsMatching(q);
        List<Waterfall.Row> rows = waterfall.rows();
        if (next) {
            int at = found.nextSetBit(selected + 1);
            at = at < 0 ? found.nextSetBit(0) : at;
            if (at >= 0) {
                Waterfall.Row r = rows.get(at);
                if (r.isGroup()
                        && !waterfall.functionOf(r).toLowerCase(Locale.ROOT).contains(q)) {
                    expanded.add(waterfall.groupKey(r)); // the match is a call inside it: open it, then Enter again
                    relayout();
                }
                select(at);
            }
        }
        controls.findCount.setText(
                String.format(Locale.ROOT, "%,d %s", found.cardinality(), found.cardinality() == 1 ? "row" : "rows"));
        paint();
    }

    /** For tests. */
    public Waterfall waterfall() {
        return waterfall;
    }

    public List<Integer> criticalPath() {
        return tree == null ? List.of() : tree.criticalPath();
    }

    /** For tests: opens a fan-out's group as a click on its label would. */
    public void expandRow(int row) {
        clicked(5, WaterfallPainter.AXIS_HEIGHT + (row - view.firstRow()) * WaterfallPainter.ROW_HEIGHT + 2);
    }
}
