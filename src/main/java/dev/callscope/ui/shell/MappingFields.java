package dev.callscope.ui.shell;

import java.util.Map;
import java.util.function.Function;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;

/** The parts the logs and events mapping panes share: a box per field in two columns, and a note. */
final class MappingFields {

    private MappingFields() {}

    static TextField field(String id, String prompt) {
        TextField f = new TextField();
        f.setId(id);
        f.setPromptText(prompt);
        return f;
    }

    /** A labelled box per field, two to a row, filling {@code boxes} in the fields' order. */
    static <F extends Enum<F>> GridPane grid(
            String id,
            F[] fields,
            Map<F, TextField> boxes,
            Function<F, String> boxId,
            Function<F, String> label,
            Function<F, String> prompt) {
        GridPane grid = new GridPane(8, 5);
        grid.setId(id);
        int i = 0;
        for (F f : fields) {
            TextField t = field(boxId.apply(f), prompt.apply(f));
            t.setPrefColumnCount(14);
            boxes.put(f, t);
            Label l = new Label(label.apply(f));
            l.setMinWidth(Label.USE_PREF_SIZE);
            grid.add(l, (i % 2) * 2, i / 2);
            grid.add(t, (i % 2) * 2 + 1, i / 2);
            i++;
        }
        return grid;
    }

    /** The muted, wrapping explanation under a mapping. */
    static Label note() {
        Label note = new Label();
        note.getStyleClass().add("text-muted");
        note.setWrapText(true);
        note.setMaxWidth(560);
        note.setMinHeight(Label.USE_PREF_SIZE);
        return note;
    }
}
