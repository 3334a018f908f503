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
 * The tabs that read call events (Functions, Timeline, Performance, Cost). A tab whose connection
 * cannot serve it — logs only, or an events mapping without the fields it needs — shows why
 * instead of its view, so nothing tries (and fails, or shows made-up numbers) to query it.
 */
final class CallTabs {

    private final Map<Tab, Node> views = new LinkedHashMap<>();

    CallTabs(List<Tab> tabs) {
        tabs.forEach(t -> views.put(t, t.getContent()));
    }

    /** Shows each view again ({@code reason} null) or, in its place, the reason it cannot be shown. */
    void unavailable(String reason) {
        views.keySet().forEach(tab -> show(tab, reason));
    }

    /** Per tab: its view ({@code reasons} has no entry for it) or the reason it cannot be shown. */
    void unavailable(Map<Tab, String> reasons) {
        views.keySet().forEach(tab -> show(tab, reasons.get(tab)));
    }

    private void show(Tab tab, String reason) {
        Node view = views.get(tab);
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
    }

    boolean isUnavailable(Tab tab) {
        return tab.getContent() != views.get(tab);
    }
}
