package dev.callscope.ui.logs;

import dev.callscope.logs.FunctionNames;
import dev.callscope.logs.LogField;
import dev.callscope.logs.LogLine;
import dev.callscope.logs.LogSchema;
import dev.callscope.logs.search.SearchExpr;
import dev.callscope.ui.common.TimeZoneChoice;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.ObservableList;
import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollBar;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;

/**
 * The Logs tab's lines: time, level (coloured), short ids and the message with its matches, in a
 * virtualized table. It tells its owner when the user scrolls near the end (load more) or back
 * to the top (show the new lines live tail gathered).
 */
final class LogTable extends TableView<LogLine> {

    private final Map<LogField, TableColumn<LogLine, String>> byField = new EnumMap<>(LogField.class);

    LogTable(
            ObservableList<LogLine> rows,
            TimeZoneChoice zone,
            Supplier<SearchExpr> search,
            Runnable nearEnd,
            Runnable atTop) {
        super(rows);
        setId("log-table");
        setPlaceholder(new Label("No matching lines in this range."));
        TableColumn<LogLine, String> level = column("Level", 80, LogLine::level);
        level.setCellFactory(c -> new LevelCell());
        TableColumn<LogLine, String> message = column("Message", 700, LogLine::message);
        message.setCellFactory(c -> new MessageCell(search, expanded::contains, this::toggleExpanded));
        byField.put(LogField.LEVEL, level);
        // a function's name, as people know it; its id on hover (and in full in the detail and Copy)
        TableColumn<LogLine, String> function = column(
                "Function",
                140,
                l -> names.named(l.functionId()) ? names.function(l.functionId()) : shortId(l.functionId()));
        function.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty ? null : item);
                LogLine line =
                        empty || getTableRow() == null ? null : getTableRow().getItem();
                setTooltip(line == null ? null : new Tooltip(line.functionId()));
            }
        });
        byField.put(LogField.FUNCTION, function);
        byField.put(LogField.CALL, column("Call", 120, l -> shortId(l.callId())));
        byField.put(LogField.CONTAINER, column("Container", 120, l -> shortId(l.containerId())));
        getColumns()
                .setAll(List.of(
                        column("Time", 190, l -> zone.full(l.timestamp())),
                        level,
                        byField.get(LogField.FUNCTION),
                        byField.get(LogField.CALL),
                        byField.get(LogField.CONTAINER),
                        message));
        setColumnResizePolicy(TableView.UNCONSTRAINED_RESIZE_POLICY);
        setFixedCellSize(ROW_HEIGHT);
        skinProperty().addListener((obs, a, skin) -> {
            ScrollBar bar = verticalBar();
            if (bar != null) {
                bar.valueProperty().addListener((o, x, v) -> {
                    if (v.doubleValue() >= bar.getMax() * 0.92) {
                        nearEnd.run();
                    }
                    if (v.doubleValue() <= bar.getMin()) {
                        atTop.run();
                    }
                });
            }
        });
    }

    private FunctionNames names = FunctionNames.NONE;
    /** Multi-line messages opened in place; while any is, rows take the height they need. */
    private final Set<LogLine> expanded = new HashSet<>();

    /** Opens a multi-line message in its row, or closes it again. */
    void toggleExpanded(LogLine line) {
        if (!expanded.remove(line)) {
            expanded.add(line);
        }
        // a fixed row height keeps scrolling 50,000 rows cheap; only an open message needs more
        setFixedCellSize(expanded.isEmpty() ? ROW_HEIGHT : -1);
        refresh();
    }

    boolean isExpanded(LogLine line) {
        return expanded.contains(line);
    }

    /** Closes every opened message (the rows were replaced by a new search). */
    void collapseAll() {
        if (!expanded.isEmpty()) {
            expanded.clear();
            setFixedCellSize(ROW_HEIGHT);
        }
    }

    private static final double ROW_HEIGHT = 24;

    /** Names for the ids the lines carry (loaded with the logs table). */
    void setNames(FunctionNames names) {
        this.names = names;
        refresh();
    }

    /** Shows the columns of the fields the logs table has and hides the others. */
    void showFieldsOf(LogSchema schema) {
        byField.forEach((field, column) -> column.setVisible(schema.has(field)));
    }

    /** Whether the newest lines are in view (no scroll bar counts as yes). */
    boolean isScrolledToTop() {
        ScrollBar bar = verticalBar();
        return bar == null || !bar.isVisible() || bar.getValue() <= bar.getMin() + 1e-6;
    }

    private ScrollBar verticalBar() {
        for (Node n : lookupAll(".scroll-bar")) {
            if (n instanceof ScrollBar bar && bar.getOrientation() == Orientation.VERTICAL) {
                return bar;
            }
        }
        return null;
    }

    private static TableColumn<LogLine, String> column(String name, double width, Function<LogLine, String> value) {
        TableColumn<LogLine, String> c = new TableColumn<>(name);
        c.setPrefWidth(width);
        c.setSortable(false);
        c.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(value.apply(cell.getValue())));
        return c;
    }

    /** Ids are long; the table shows the prefix and the last characters, the detail pane all of it. */
    static String shortId(String id) {
        if (id == null || id.length() <= 12) {
            return id;
        }
        return id.substring(0, 3) + "…" + id.substring(id.length() - 8);
    }

    /** The level, coloured by severity through the stylesheet. */
    private static final class LevelCell extends TableCell<LogLine, String> {
        @Override
        protected void updateItem(String item, boolean empty) {
            super.updateItem(item, empty);
            setText(empty ? null : item);
            getStyleClass().removeAll("level-error", "level-warning", "level-debug");
            if (!empty && item != null) {
                // mapped tables spell levels their own way (OpenTelemetry's WARN, FATAL; lower case)
                switch (item.toUpperCase(Locale.ROOT)) {
                    case "ERROR", "ERR", "CRITICAL", "FATAL", "CRIT" ->
                        getStyleClass().add("level-error");
                    case "WARNING", "WARN" -> getStyleClass().add("level-warning");
                    case "DEBUG", "TRACE" -> getStyleClass().add("level-debug");
                    default -> {}
                }
            }
        }
    }

    /** Selecting a line shows it in {@code detail}; Enter focuses it, Ctrl+C copies it, Space opens a multi-line message in place. */
    void wireTo(LogDetailPane detail) {
        getSelectionModel().selectedItemProperty().addListener((obs, a, b) -> detail.show(b));
        setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ENTER) {
                detail.show(getSelectionModel().getSelectedItem());
                detail.requestFocus();
            } else if (e.getCode() == KeyCode.C && e.isShortcutDown()) {
                detail.copy();
            } else if (e.getCode() == KeyCode.SPACE
                    && getSelectionModel().getSelectedItem() != null
                    && getSelectionModel().getSelectedItem().message().indexOf('\n') >= 0) {
                toggleExpanded(getSelectionModel().getSelectedItem()); // a multi-line message opens in place
                e.consume();
            }
        });
    }
}
