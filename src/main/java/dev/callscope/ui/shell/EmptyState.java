package dev.callscope.ui.shell;

import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;

/** What a tab shows before its view exists: what it is for, in a sentence, never invented data. */
final class EmptyState extends VBox {

    EmptyState(String title, String text) {
        Label heading = new Label(title);
        heading.getStyleClass().add("title-3");
        Label body = new Label(text);
        body.setWrapText(true);
        body.setMaxWidth(560);
        body.getStyleClass().add("text-muted");
        getChildren().addAll(heading, body);
        setSpacing(8);
        setAlignment(Pos.CENTER);
    }
}
