package dev.callscope.ui.logs;

import dev.callscope.logs.LogExport;
import dev.callscope.time.TimeSpec;
import dev.callscope.ui.common.ExportMenu;
import dev.callscope.ui.common.RangeField;
import dev.callscope.ui.common.TimeZoneChoice;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The top of the Logs tab: the search box and range with their error line, the zone, live and
 * export controls, the match summary with the Lines/Patterns switch, and the histogram under them.
 * It lays the controls out and says what the user asked for; the tab does the searching.
 */
final class LogsToolbar {

    final TextField searchBox = new TextField();
    final Label searchError = new Label();
    final RangeField rangeBox;
    final Label rangeError = new Label();
    final Label summary = new Label();
    final ToggleButton linesMode = new ToggleButton("Lines");
    final ToggleButton patternsMode = new ToggleButton("Patterns");
    private final ToggleButton zoneToggle = new ToggleButton();
    private final ToggleButton liveToggle = new ToggleButton("Live");
    private final VBox node;

    /**
     * @param search runs the search as typed (Enter in the range box)
     * @param setSpec sets the range (a preset) and searches
     * @param exportMatches asks where to write every match, and writes them
     * @param live turns the live tail on or off
     */
    LogsToolbar(
            TimeZoneChoice zone,
            HistogramChart chart,
            Node owner,
            ExportMenu.Target histogramExport,
            Runnable search,
            Consumer<TimeSpec> setSpec,
            Consumer<LogExport.Format> exportMatches,
            Consumer<Boolean> live) {
        rangeBox = new RangeField("time-range", zone, Duration.ofHours(24), search, rangeError::setText);
        searchBox.setId("log-search");
        searchBox.setPromptText(
                "Search logs: words, \"a phrase\", -exclude, a OR b, level:error, function:name, err*, /regex/");
        HBox.setHgrow(searchBox, Priority.ALWAYS);
        searchError.setId("search-error");
        searchError.getStyleClass().add("danger");
        // the error line keeps its place: a line that appears and goes while typing would move the
        // table and make every keystroke re-lay out the whole view
        searchError.setMinHeight(Region.USE_PREF_SIZE);
        rangeError.setId("range-error");
        rangeError.getStyleClass().add("danger");

        MenuButton presets = new MenuButton("Range");
        for (String p : List.of("15m", "1h", "6h", "24h", "7d")) {
            MenuItem item = new MenuItem("Last " + p);
            item.setOnAction(e -> setSpec.accept(TimeSpec.parse(p, zone.zone(), rangeBox.now())));
            presets.getItems().add(item);
        }
        zoneToggle.setId("zone-toggle");
        zoneToggle.setText(zone.label());
        zoneToggle.setOnAction(e -> zone.toggle());
        zone.zoneProperty().addListener((obs, a, b) -> zoneToggle.setText(zone.label()));
        liveToggle.setId("live-toggle");
        liveToggle.setTooltip(new Tooltip("Follow new lines as they arrive (polled every second)"));
        liveToggle.selectedProperty().addListener((obs, was, on) -> live.accept(on));
        MenuButton export = new MenuButton("Export");
        export.setId("export");
        for (LogExport.Format f : LogExport.Format.values()) {
            MenuItem item =
                    new MenuItem(f == LogExport.Format.CSV ? "All matches as CSV…" : "All matches as JSON Lines…");
            item.setOnAction(e -> exportMatches.accept(f));
            export.getItems().add(item);
        }
        HBox controls = new HBox(8, searchBox, rangeBox, presets, zoneToggle, liveToggle, export);
        controls.setAlignment(Pos.CENTER_LEFT);

        summary.setId("match-summary");
        summary.getStyleClass().add("text-muted");
        HBox errors = new HBox(12, searchError, rangeError);
        errors.setMinHeight(18);
        errors.setPrefHeight(18);
        errors.setMaxHeight(18);
        MenuButton histogramMenu = ExportMenu.create(
                "histogram-export", "Export histogram", "callscope-matches", true, owner, histogramExport);
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox summaryRow = new HBox(8, summary, gap, modeButtons(), histogramMenu);
        summaryRow.setAlignment(Pos.CENTER_LEFT);
        node = new VBox(4, controls, errors, summaryRow, chart);
        node.setPadding(new Insets(8, 10, 4, 10));
    }

    /** Lines or Patterns: one is always on. */
    private HBox modeButtons() {
        linesMode.setId("lines-mode");
        patternsMode.setId("patterns-mode");
        patternsMode.setTooltip(
                new Tooltip("Group every match into patterns: numbers, ids, paths and the like folded"));
        ToggleGroup modes = new ToggleGroup();
        linesMode.setToggleGroup(modes);
        patternsMode.setToggleGroup(modes);
        linesMode.setSelected(true);
        modes.selectedToggleProperty().addListener((obs, was, now) -> {
            if (now == null) {
                was.setSelected(true);
            }
        });
        return new HBox(0, linesMode, patternsMode);
    }

    Node node() {
        return node;
    }

    /** Sets the patterns switch's listener (the tab swaps its center). */
    void onPatterns(Consumer<Boolean> on) {
        patternsMode.selectedProperty().addListener((obs, was, now) -> on.accept(now));
    }
}
