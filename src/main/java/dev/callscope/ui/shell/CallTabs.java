package dev.callscope.ui.shell;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.StackPane;

/**
 * The tabs that read Callscope's call events (Functions, Timeline, Performance). On a connection
 * that maps only logs they show why they are unavailable instead of their view, so nothing tries
 * (and fails) to query tables that are not there.
 */
final class CallTabs {

    private final Map<Tab, Node> views = new LinkedHashMap<>();

    CallTabs(List<Tab> tabs) {
        tabs.forEach(t -> views.put(t, t.getContent()));
    }

    /** Shows each view again ({@code reason} null) or, in its place, the reason it cannot be shown. */
    void unavailable(String reason) {
        views.forEach((tab, view) -> {
            if (reason == null) {
                tab.setContent(view);
                tab.setTooltip(null);
                tab.getStyleClass().remove("unavailable");
                return;
            }
            Label why = new Label(reason);
            why.setId("unavailable-" + tab.getId());
            why.setWrapText(true);
            why.setMaxWidth(560);
            why.getStyleClass().add("text-muted");
            StackPane box = new StackPane(why);
            box.setAlignment(Pos.CENTER);
            tab.setContent(box);
            tab.setTooltip(new Tooltip(reason));
            if (!tab.getStyleClass().contains("unavailable")) {
                tab.getStyleClass().add("unavailable");
            }
        });
    }

    boolean isUnavailable(Tab tab) {
        return tab.getContent() != views.get(tab);
    }
}
