package dev.callscope.ui.cost;

import dev.callscope.calls.EventSchema;
import dev.callscope.cost.CostQuery;
import dev.callscope.cost.CostRow;
import dev.callscope.cost.Prices;
import dev.callscope.engine.Engine;
import dev.callscope.ids.CallscopeIds;
import dev.callscope.ui.common.LatestTaskRunner;
import dev.callscope.ui.common.Money;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import javafx.beans.binding.Bindings;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;

/**
 * The Cost tab's "Calls from … to …" row: what every attempt of the calls with ids in a range
 * cost, whole, at the prices in use.
 */
final class CallRangeCost extends HBox {

    private final LatestTaskRunner callQueries;
    private final Supplier<Engine> engine;
    private final Supplier<EventSchema> events;
    private final Supplier<Prices> prices;
    private final TextField fromCall = new TextField();
    private final TextField toCall = new TextField();
    private final Label callsCost = new Label();

    CallRangeCost(
            LatestTaskRunner callQueries,
            Supplier<Engine> engine,
            Supplier<EventSchema> events,
            Supplier<Prices> prices) {
        super(8);
        this.callQueries = callQueries;
        this.engine = engine;
        this.events = events;
        this.prices = prices;
        fromCall.setId("cost-from-call");
        toCall.setId("cost-to-call");
        fromCall.setPromptText("first call id (fc-…)");
        toCall.setPromptText("last call id (empty: just the first)");
        fromCall.setPrefColumnCount(22);
        toCall.setPrefColumnCount(22);
        fromCall.setOnAction(e -> compute());
        toCall.setOnAction(e -> compute());
        Button calls = new Button("Cost of calls");
        calls.setId("cost-calls-go");
        calls.setOnAction(e -> compute());
        callsCost.setId("cost-calls-result");
        Label callsLabel = new Label("Calls from");
        Label toLabel = new Label("to");
        getChildren().setAll(callsLabel, fromCall, toLabel, toCall, calls, callsCost);
        setAlignment(Pos.CENTER_LEFT);
        // a long result gives way (its tooltip has it whole); the labels and the button never do
        for (Region r : List.of(callsLabel, toLabel, calls, fromCall, toCall)) {
            r.setMinWidth(Region.USE_PREF_SIZE);
        }
        callsCost.setMinWidth(0);
        HBox.setHgrow(callsCost, Priority.ALWAYS);
        callsCost
                .tooltipProperty()
                .bind(Bindings.createObjectBinding(
                        () -> callsCost.getText().isEmpty() ? null : new Tooltip(callsCost.getText()),
                        callsCost.textProperty()));
    }

    /** A new connection: nothing computed. */
    void clear() {
        callQueries.cancel();
        callsCost.setText("");
    }

    /** New prices: the typed range again, if one was typed. */
    void recompute() {
        if (!fromCall.getText().isBlank()) {
            compute();
        }
    }

    Label result() {
        return callsCost;
    }

    TextField fromField() {
        return fromCall;
    }

    /** Computes what the calls in the typed range cost, at the prices in use. */
    private void compute() {
        Engine engine = this.engine.get();
        if (engine == null) {
            return;
        }
        String first = CallscopeIds.parseCall(fromCall.getText());
        String last = toCall.getText().isBlank() ? first : CallscopeIds.parseCall(toCall.getText());
        if (first == null || last == null) {
            callQueries.cancel();
            callsCost.getStyleClass().setAll("label", "danger");
            callsCost.setText("Not a call id: ids look like fc-01JD8Q…, 26 characters after the prefix");
            return;
        }
        callsCost.getStyleClass().setAll("label");
        callsCost.setText("Computing…");
        Prices p = prices.get();
        CostQuery q = new CostQuery(events.get());
        callQueries.submit(
                engine,
                s -> q.forCalls(s, first, last, p),
                rows -> {
                    CostRow t = CostQuery.total(rows);
                    callsCost.setText(
                            rows.isEmpty()
                                    ? "No calls in that range."
                                    : String.format(
                                            Locale.ROOT,
                                            "%s for %,d attempts of %d function%s · %,.0f GPU-s · %s per OK call · %s on failures",
                                            Money.format(t.cost()),
                                            t.attempts(),
                                            rows.size(),
                                            rows.size() == 1 ? "" : "s",
                                            t.gpuSeconds(),
                                            Money.format(t.costPerSuccess()),
                                            Money.share(t.failedShare())));
                },
                error -> {
                    callsCost.getStyleClass().setAll("label", "danger");
                    callsCost.setText("Could not compute: " + error);
                });
    }
}
