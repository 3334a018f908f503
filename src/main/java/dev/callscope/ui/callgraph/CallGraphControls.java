package dev.callscope.ui.callgraph;

import dev.callscope.callgraph.CallTree;
import dev.callscope.callgraph.CallTreeQuery;
import dev.callscope.chart.TimeAxis;
import dev.callscope.cost.Prices;
import dev.callscope.ui.common.ExportMenu;
import dev.callscope.ui.common.Money;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The top of the Call graph tab: the call id box, "Group fan-outs", Fit, Export and the search in
 * the tree, then the status line and the critical path. It lays them out; the tab acts on them.
 */
final class CallGraphControls {

    static final String HINT = "Open a call from the Timeline or the Logs, or paste a call id.";

    final TextField callBox = new TextField();
    final CheckBox grouped = new CheckBox("Group fan-outs");
    final TextField find = new TextField();
    final Label findCount = new Label();
    final Label status = new Label(HINT);
    final Label path = new Label();
    private final VBox node;

    /**
     * @param open opens the tree of the call id typed
     * @param regroup lays the tree out again (fan-outs grouped or not)
     * @param fit fits the whole tree in view
     * @param search marks the rows matching the search; with {@code true}, moves to the next one
     */
    CallGraphControls(
            Node owner,
            ExportMenu.Target export,
            Consumer<String> open,
            Runnable regroup,
            Runnable fit,
            Consumer<Boolean> search) {
        callBox.setId("callgraph-call");
        callBox.setPromptText("Call id (any call of the tree)");
        callBox.setPrefColumnCount(32);
        callBox.setOnAction(e -> open.accept(callBox.getText().strip()));
        grouped.setId("callgraph-group");
        grouped.setSelected(true);
        grouped.setOnAction(e -> regroup.run());
        Button fitButton = new Button("Fit");
        fitButton.setOnAction(e -> fit.run());
        status.setId("callgraph-status");
        status.getStyleClass().add("text-muted");
        path.setId("callgraph-path");
        path.setWrapText(true);
        grouped.setMinWidth(Region.USE_PREF_SIZE);
        fitButton.setMinWidth(Region.USE_PREF_SIZE);
        MenuButton exportMenu =
                ExportMenu.create("callgraph-export", "Export", "callscope-call-graph", true, owner, export);
        exportMenu.setMinWidth(Region.USE_PREF_SIZE);
        find.setId("callgraph-find");
        find.setPromptText("Find in the tree: function or call id");
        find.setPrefColumnCount(22);
        find.textProperty().addListener((o, a, b) -> search.accept(false));
        find.setOnAction(e -> search.accept(true));
        findCount.setId("callgraph-found");
        findCount.getStyleClass().add("text-muted");
        HBox controls = new HBox(8, callBox, grouped, fitButton, exportMenu, find, findCount);
        controls.setAlignment(Pos.CENTER_LEFT);
        node = new VBox(4, controls, status, path);
        node.setPadding(new Insets(8, 10, 6, 10));
    }

    Node node() {
        return node;
    }

    /** The status line and critical path of a tree just read (in {@code millis}, at {@code p}; {@code cut} at the limit). */
    void describe(CallTree tree, Prices p, boolean cut, long millis) {
        CallTree.Totals t = tree.totals(0);
        status.setText(String.format(
                Locale.ROOT,
                "%,d calls · %,d failed · wall %s · billed %s · %s%s%s · %d ms",
                t.calls(),
                t.failures(),
                TimeAxis.duration(t.wall()),
                TimeAxis.duration(t.billed()),
                Money.format(t.cost()),
                p.examples() ? " at example prices" : "",
                cut ? " · cut at " + CallTreeQuery.MAX_CALLS + " calls" : "",
                millis));
        List<String> steps = tree.criticalPath().stream()
                .map(i -> {
                    CallTree.Node n = tree.nodes().get(i);
                    return n.functionName() + " (" + TimeAxis.duration(n.call().endToEnd(tree.now())) + ")";
                })
                .toList();
        // a long path is listed by its first calls; the tinted rows show all of it
        path.setText("Critical path, " + steps.size()
                + (steps.size() == 1 ? " call: " : " calls: ")
                + String.join(" → ", steps.subList(0, Math.min(8, steps.size())))
                + (steps.size() > 8 ? " → … " + (steps.size() - 8) + " more (tinted below)" : ""));
    }
}
