package dev.callscope.ui.common;

import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.geometry.Pos;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;

/** The columns the tabs' tables are made of: text, and right-aligned numbers that sort as numbers and show as text. */
public final class TableColumns {

    private TableColumns() {}

    public static <R> TableColumn<R, String> text(String name, double width, Function<R, String> value) {
        TableColumn<R, String> c = new TableColumn<>(name);
        c.setPrefWidth(width);
        c.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(value.apply(cell.getValue())));
        return c;
    }

    /** A number column; NaN shows as a dash. */
    public static <R, N extends Number & Comparable<N>> TableColumn<R, N> number(
            String name, double width, Function<R, N> value, Function<N, String> format) {
        TableColumn<R, N> c = new TableColumn<>(name);
        c.setPrefWidth(width);
        c.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(value.apply(cell.getValue())));
        c.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(N item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : Double.isNaN(item.doubleValue()) ? "—" : format.apply(item));
                setAlignment(Pos.CENTER_RIGHT);
            }
        });
        return c;
    }
}
