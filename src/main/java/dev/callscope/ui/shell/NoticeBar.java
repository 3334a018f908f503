package dev.callscope.ui.shell;

import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;

/** The bar under the connection bar for what the user should know once (settings reset, a table read raw), until dismissed. */
final class NoticeBar extends HBox {

    private final Label notice = new Label();

    NoticeBar() {
        super(10);
        notice.setId("notice");
        notice.setWrapText(true);
        Button dismiss = new Button("Dismiss");
        dismiss.setOnAction(e -> notice.setText(""));
        dismiss.setMinWidth(Region.USE_PREF_SIZE); // a long notice wraps; the button keeps its word
        HBox.setHgrow(notice, Priority.ALWAYS);
        notice.setMaxWidth(Double.MAX_VALUE);
        getChildren().setAll(notice, dismiss);
        setAlignment(Pos.CENTER_LEFT);
        setPadding(new Insets(6, 12, 6, 12));
        getStyleClass().add("notice-bar");
        visibleProperty().bind(notice.textProperty().isNotEmpty());
        managedProperty().bind(visibleProperty());
    }

    /** Adds {@code message} to what the bar says. */
    void show(String message) {
        notice.setText(notice.getText().isEmpty() ? message : notice.getText() + " · " + message);
    }
}
