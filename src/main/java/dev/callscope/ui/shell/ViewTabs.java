package dev.callscope.ui.shell;

import dev.callscope.calls.CallView;
import dev.callscope.calls.EventSchema;
import dev.callscope.cost.PriceStore;
import dev.callscope.engine.Engine;
import dev.callscope.engine.QueryStats;
import dev.callscope.logs.LogSchema;
import dev.callscope.platform.AppDirs;
import dev.callscope.time.TimeRange;
import dev.callscope.ui.batches.BatchesView;
import dev.callscope.ui.callgraph.CallGraphView;
import dev.callscope.ui.common.TimeZoneChoice;
import dev.callscope.ui.cost.CostView;
import dev.callscope.ui.functions.FunctionsView;
import dev.callscope.ui.logs.LogsView;
import dev.callscope.ui.performance.PerformanceView;
import dev.callscope.ui.timeline.TimelineView;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.function.Consumer;
import javafx.scene.Node;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;

/**
 * The window's tabs: the Logs view and the six call views, the links between them (a log line to its call, a call to
 * its tree or batch job, a function to its Timeline), and what each is given when a connection opens or closes. The
 * call views load when first shown, so the tab in front gets the machine.
 */
final class ViewTabs {

    /**
     * One call view as the window drives it, whatever its own methods are called: where its events are, its engine
     * (null: none), its theme.
     */
    private record CallTab(
            CallView view, Tab tab, Consumer<EventSchema> events, Consumer<Engine> engine, Consumer<Boolean> dark) {}

    private final LogsView logs;
    private final TimelineView timeline;
    private final CallGraphView callGraph;
    private final BatchesView batches;
    private final CostView cost;
    private final Tab logsTab;
    private final List<CallTab> callTabs;
    private final TabPane pane;
    private final TabLoads loads;
    private final CallTabs unavailable;
    /** The price table's key of the connection (Cost saves prices per connection). */
    private String priceKey;

    ViewTabs(ExecutorService queries, TimeZoneChoice zone, Consumer<QueryStats> stats) {
        logs = new LogsView(queries, zone, stats);
        timeline = new TimelineView(queries, zone, stats, this::openCallInLogs);
        PerformanceView performance = new PerformanceView(queries, zone, stats);
        FunctionsView functions = new FunctionsView(
                queries, zone, stats, this::openFunctionInTimeline, this::openLogsSearch, this::openCallGraph);
        cost = new CostView(
                queries, zone, new PriceStore(AppDirs.forCurrentUser().config()));
        callGraph = new CallGraphView(queries, zone, stats, this::openCallInTimeline);
        batches = new BatchesView(queries, zone, stats, this::openLogsSearch, this::openCallInTimeline);
        logs.onShowCall(this::openCallInTimeline);
        logs.onShowTree(this::openCallGraph);
        timeline.pricedBy(cost::prices);
        timeline.onShowTree(this::openCallGraph);
        timeline.onShowBatch(this::openBatch);
        callGraph.pricedBy(cost::prices);
        callGraph.onOpenLogs(this::openCallInLogs);
        batches.pricedBy(cost::prices);
        logsTab = tab("Logs", "tab-logs", logs);
        callTabs = List.of(
                new CallTab(
                        CallView.FUNCTIONS,
                        tab("Functions", "tab-functions", functions),
                        functions::setEvents,
                        functions::setEngine,
                        functions::setDark),
                new CallTab(
                        CallView.TIMELINE,
                        tab("Timeline", "tab-timeline", timeline),
                        e -> {},
                        timeline::setEngine,
                        timeline::setDark),
                new CallTab(
                        CallView.CALL_GRAPH,
                        tab("Call graph", "tab-callgraph", callGraph),
                        callGraph::setEvents,
                        callGraph::setEngine,
                        callGraph::setDark),
                new CallTab(
                        CallView.BATCHES,
                        tab("Batches", "tab-batches", batches),
                        batches::setEvents,
                        batches::setEngine,
                        batches::setDark),
                new CallTab(
                        CallView.PERFORMANCE,
                        tab("Performance", "tab-performance", performance),
                        performance::setEvents,
                        performance::setEngine,
                        performance::setDark),
                new CallTab(
                        CallView.COST,
                        tab("Cost", "tab-cost", cost),
                        cost::setEvents,
                        e -> cost.setEngine(e, priceKey),
                        cost::setDark));
        pane = new TabPane(logsTab);
        callTabs.forEach(t -> pane.getTabs().add(t.tab()));
        pane.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        loads = new TabLoads(pane);
        unavailable = new CallTabs(callTabs.stream().map(CallTab::tab).toList());
    }

    private static Tab tab(String title, String id, Node view) {
        Tab t = new Tab(title, view);
        t.setId(id);
        return t;
    }

    TabPane pane() {
        return pane;
    }

    void setDark(boolean dark) {
        logs.setDark(dark);
        callTabs.forEach(t -> t.dark().accept(dark));
    }

    /** Every view lets go of the engine (a connection closing or being replaced). */
    void disconnect() {
        loads.clear();
        logs.setEngine(null);
        callTabs.forEach(t -> t.engine().accept(null));
    }

    /**
     * Gives every view the open engine {@code on}: the logs at once, each call view when first shown, reading
     * {@code events}; a call view that cannot be shown (no events, {@code noCalls}; or a mapping without the fields it
     * needs) says why in its place and gets no engine.
     */
    void connect(Engine on, LogSchema logSchema, EventSchema events, String noCalls, String priceKey) {
        this.priceKey = priceKey;
        Map<Tab, String> reasons = new HashMap<>();
        for (CallTab t : callTabs) {
            String reason =
                    noCalls != null ? noCalls : events.unavailable(t.view()).orElse(null);
            if (reason != null) {
                reasons.put(t.tab(), reason);
            }
        }
        Tab timelineTab = tabOf(CallView.TIMELINE);
        // a log line links to its call only where the Timeline can open it
        logs.setSchema(logSchema, reasons.get(timelineTab));
        logs.setEngine(on);
        unavailable.unavailable(reasons);
        timeline.setSchemas(events, logSchema);
        callGraph.setLogSchema(logSchema);
        for (CallTab t : callTabs) {
            t.events().accept(events);
            loads.whenShown(t.tab(), () -> t.engine().accept(reasons.containsKey(t.tab()) ? null : on));
        }
    }

    void dispose() {
        logs.dispose();
    }

    private Tab tabOf(CallView view) {
        return callTabs.stream()
                .filter(t -> t.view() == view)
                .findFirst()
                .orElseThrow()
                .tab();
    }

    private void openCallInTimeline(String callId) {
        pane.getSelectionModel().select(tabOf(CallView.TIMELINE));
        timeline.showCallId(callId);
    }

    private void openCallGraph(String callId) {
        pane.getSelectionModel().select(tabOf(CallView.CALL_GRAPH));
        callGraph.showCall(callId);
    }

    private void openBatch(String batchId) {
        pane.getSelectionModel().select(tabOf(CallView.BATCHES));
        batches.showBatch(batchId);
    }

    private void openFunctionInTimeline(String functionId, TimeRange range) {
        pane.getSelectionModel().select(tabOf(CallView.TIMELINE));
        timeline.showFunction(functionId, range);
    }

    private void openLogsSearch(String text) {
        pane.getSelectionModel().select(logsTab);
        logs.search(text);
    }

    private void openCallInLogs(String callId) {
        pane.getSelectionModel().select(logsTab);
        logs.search("call:" + callId);
    }
}
