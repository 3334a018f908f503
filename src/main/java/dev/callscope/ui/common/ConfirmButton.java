package dev.callscope.ui.common;

import java.util.function.Supplier;
import javafx.scene.control.Button;

/**
 * A button for something that cannot be undone: the first click asks ("Delete prod? Click again",
 * in red), the second does it; {@link #reset} takes the question back.
 */
public final class ConfirmButton extends Button {

    private final String label;
    private boolean asking;

    /**
     * @param question what the first click asks, or null when there is nothing to confirm (the action runs at once)
     * @param action what the second click does
     */
    public ConfirmButton(String label, Supplier<String> question, Runnable action) {
        super(label);
        this.label = label;
        setOnAction(e -> {
            String q = question.get();
            if (q != null && !asking) {
                asking = true;
                setText(q);
                getStyleClass().add("danger");
                return;
            }
            reset();
            action.run();
        });
    }

    public void reset() {
        asking = false;
        setText(label);
        getStyleClass().remove("danger");
    }
}
