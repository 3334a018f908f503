package dev.callscope.ui.shell;

import java.util.HashMap;
import java.util.Map;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;

/**
 * Hands each tab's view its engine when the tab is first shown, not at connect: on a large
 * dataset five tabs loading at once share two cores, and the one in front took seven times longer
 * (the Functions table: 4.9 s at start-up against 0.7 s alone, 10M calls). A later load for the same
 * tab replaces one not yet run; {@link #clear} drops them all (a new connection).
 */
final class TabLoads {

    private final TabPane tabs;
    private final Map<Tab, Runnable> pending = new HashMap<>();

    TabLoads(TabPane tabs) {
        this.tabs = tabs;
        tabs.getSelectionModel().selectedItemProperty().addListener((obs, was, now) -> {
            Runnable load = pending.remove(now);
            if (load != null) {
                load.run();
            }
        });
    }

    /** Runs {@code load} now if {@code tab} is showing, else when it is next selected. */
    void whenShown(Tab tab, Runnable load) {
        if (tabs.getSelectionModel().getSelectedItem() == tab) {
            pending.remove(tab);
            load.run();
        } else {
            pending.put(tab, load);
        }
    }

    void clear() {
        pending.clear();
    }
}
