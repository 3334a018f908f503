package dev.callscope.ui.timeline;

import dev.callscope.calls.EventSchema;
import dev.callscope.cost.CostQuery;
import dev.callscope.cost.CostRow;
import dev.callscope.cost.Prices;
import dev.callscope.engine.Engine;
import dev.callscope.timeline.CallTimeline;
import dev.callscope.timeline.GanttModel;
import dev.callscope.ui.common.LatestTaskRunner;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import javafx.geometry.Pos;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;

/**
 * The Timeline's cost line: what the selected call cost, and, on request ("Cost of the calls in
 * view"), what the calls in view cost, at the Cost tab's prices. Pricing the calls in view is a
 * query over their ids, so it runs when asked, not on every pan and zoom.
 */
final class TimelineCostLine extends HBox {

    /** What "Cost of the calls in view" prices: the last model shown and its visible range. */
    private record Scope(GanttModel model, Instant from, Instant to) {}

    private final LatestTaskRunner costs;
    private final LatestTaskRunner selectedCosts;
    private final Supplier<Engine> engine;
    private final Supplier<EventSchema> events;
    private final Label costLine = new Label();
    private final Hyperlink priceInView = new Hyperlink("Cost of the calls in view");
    private Supplier<Prices> prices = () -> Prices.EXAMPLES;
    private Scope scope;
    private String inViewCost = "";
    private String selectedCost = "";

    TimelineCostLine(
            LatestTaskRunner costs,
            LatestTaskRunner selectedCosts,
            Supplier<Engine> engine,
            Supplier<EventSchema> events) {
        super(8);
        this.costs = costs;
        this.selectedCosts = selectedCosts;
        this.engine = engine;
        this.events = events;
        costLine.setId("timeline-cost");
        costLine.getStyleClass().add("text-muted");
        priceInView.setId("timeline-price-view");
        priceInView.setOnAction(e -> {
            if (scope != null) {
                price(scope.model(), scope.from(), scope.to());
            }
        });
        getChildren().setAll(priceInView, costLine);
        setAlignment(Pos.CENTER_LEFT);
    }

    /** Where the prices come from (the Cost tab's table). */
    void pricedBy(Supplier<Prices> source) {
        this.prices = source;
    }

    /** A new connection: nothing priced. */
    void clear() {
        costs.cancel();
        selectedCosts.cancel();
        inViewCost = "";
        selectedCost = "";
        show();
    }

    /** The calls in view changed: what the link would price now; the old price is dropped. */
    void inView(GanttModel m, Instant from, Instant to) {
        scope = new Scope(m, from, to);
        inViewCost = "";
        show();
    }

    /** Calls in view above this many are not priced (their ids would make a very long query). */
    static final int MAX_PRICED_CALLS = 20_000;

    /** What the calls in view cost, at the Cost tab's prices, computed in the background. */
    private void price(GanttModel m, Instant from, Instant to) {
        Prices p = prices.get();
        CostQuery q = new CostQuery(events.get());
        costs.submit(
                engine.get(),
                scope -> {
                    List<String> ids = m.calls().stream()
                            .filter(c -> c.enqueuedAt().isBefore(to)
                                    && c.end(m.now()).isAfter(from))
                            .map(CallTimeline::callId)
                            .toList();
                    if (ids.size() > MAX_PRICED_CALLS) {
                        return String.format(
                                Locale.ROOT, "Cost: zoom in to fewer than %,d calls to price them", MAX_PRICED_CALLS);
                    }
                    return ids.isEmpty()
                            ? ""
                            : "Cost of the "
                                    + costText(
                                            CostQuery.total(q.forCallList(scope, ids, p)),
                                            String.format(Locale.ROOT, "%,d calls in view", ids.size()),
                                            p);
                },
                text -> {
                    inViewCost = text;
                    show();
                },
                error -> {
                    inViewCost = "Cost: " + error;
                    show();
                });
    }

    /** Prices the selected call at once (one key-range read). */
    void ofSelected(CallTimeline c) {
        Prices p = prices.get();
        CostQuery q = new CostQuery(events.get());
        selectedCosts.submit(
                engine.get(),
                scope -> costText(CostQuery.total(q.forCalls(scope, c.callId(), c.callId(), p)), "selected call", p),
                text -> {
                    selectedCost = text;
                    show();
                },
                error -> {
                    selectedCost = "selected call: " + error;
                    show();
                });
    }

    private static String costText(CostRow t, String what, Prices p) {
        String money = t.cost() != 0 && t.cost() < 0.01
                ? String.format(Locale.ROOT, "$%.4f", t.cost())
                : String.format(Locale.ROOT, "$%,.2f", t.cost());
        String gpu = String.format(Locale.ROOT, t.gpuSeconds() < 10 ? "%.1f" : "%,.0f", t.gpuSeconds());
        return String.format(
                Locale.ROOT, "%s: %s (%s GPU-s)%s", what, money, gpu, p.examples() ? " at example prices" : "");
    }

    private void show() {
        costLine.setText(inViewCost + (inViewCost.isEmpty() || selectedCost.isEmpty() ? "" : "   ·   ") + selectedCost);
    }
}
