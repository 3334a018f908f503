package dev.callscope.ui.cost;

import dev.callscope.cost.CostRow;
import dev.callscope.ui.common.Money;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;

/**
 * The cost table: one row per function or app, most expensive first, and a total row last. Not
 * sortable, so the total stays at the bottom; numbers are right-aligned.
 */
final class CostTable extends TableView<CostRow> {

    private final TableColumn<CostRow, String> name = new TableColumn<>("Function");
    private final Map<String, Function<CostRow, String>> formats = new HashMap<>();

    CostTable() {
        setId("cost-table");
        name.setPrefWidth(170);
        name.setMinWidth(140);
        name.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().functionName()));
        TableColumn<CostRow, String> gpu = new TableColumn<>("GPU");
        gpu.setPrefWidth(100);
        gpu.setMinWidth(90);
        gpu.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(
                c.getValue().gpuType().isEmpty() ? "—" : c.getValue().gpuType()));
        getColumns()
                .setAll(
                        List.of(
                                name,
                                gpu,
                                number(
                                        "Calls",
                                        80,
                                        r -> String.format(Locale.ROOT, "%,d", r.attempts()),
                                        "Attempts that finished in the range (a retried call counts each attempt)"),
                                number(
                                        "OK",
                                        75,
                                        r -> String.format(Locale.ROOT, "%,d", r.successes()),
                                        "Successful attempts"),
                                number(
                                        "GPU-s",
                                        105,
                                        r -> Money.seconds(r.gpuSeconds()),
                                        "Billed time (cold start and run) times GPUs"),
                                number(
                                        "Cost",
                                        105,
                                        r -> Money.format(r.cost()),
                                        "Billed container time at the price table"),
                                number(
                                        "Per OK",
                                        95,
                                        r -> Money.format(r.costPerSuccess()),
                                        "Cost over successful attempts"),
                                number(
                                        "Failed",
                                        80,
                                        r -> Money.share(r.failedShare()),
                                        "Share of the cost spent on failed attempts"),
                                number(
                                        "Cold",
                                        70,
                                        r -> Money.share(r.coldShare()),
                                        "Share of the cost spent on cold starts"),
                                number(
                                        "Idle",
                                        95,
                                        r -> Money.seconds(r.idleSeconds()),
                                        "Containers alive but serving no call"),
                                number(
                                        "Idle cost",
                                        100,
                                        r -> Money.format(r.idleCost()),
                                        "What idle containers cost, on top of Cost"),
                                number(
                                        "No finish",
                                        100,
                                        r -> r.unfinished() == 0
                                                ? ""
                                                : String.format(Locale.ROOT, "%,d", r.unfinished()),
                                        "Attempts with no finish event: billed until the newest event of the data, or at most 24 h after they began")));
        getColumns().forEach(c -> c.setSortable(false));
        setPlaceholder(new Label("No billed container time in this range."));
        setRowFactory(t -> new TableRow<>() {
            @Override
            protected void updateItem(CostRow item, boolean empty) {
                super.updateItem(item, empty);
                setStyle(!empty && item != null && isTotal(item) ? "-fx-font-weight: bold;" : "");
            }
        });
    }

    static boolean isTotal(CostRow r) {
        return r.functionId().isEmpty() && r.functionName().equals("Total");
    }

    void groupedByApp(boolean byApp) {
        name.setText(byApp ? "App" : "Function");
    }

    private TableColumn<CostRow, CostRow> number(
            String title, double width, Function<CostRow, String> format, String tip) {
        formats.put(title, format);
        TableColumn<CostRow, CostRow> c = new TableColumn<>(title);
        c.setPrefWidth(width);
        c.setMinWidth(width); // the bold header stays whole
        c.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(cell.getValue()));
        c.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(CostRow item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : format.apply(item));
                setAlignment(Pos.CENTER_RIGHT);
            }
        });
        Label header = new Label(title);
        header.setTooltip(new Tooltip(tip));
        c.setGraphic(header);
        c.setText("");
        return c;
    }

    /** The text of a cell as shown, for tests: {@code column} by its title. */
    String cell(int row, String column) {
        CostRow r = getItems().get(row);
        if (column.equals(name.getText())) {
            return r.functionName();
        }
        Function<CostRow, String> f = formats.get(column);
        if (f == null) {
            throw new IllegalArgumentException(column);
        }
        return f.apply(r);
    }
}
