package dev.callscope.ui.common;

import dev.callscope.calls.FunctionDirectory.FunctionInfo;
import java.util.List;
import javafx.collections.ListChangeListener;
import org.controlsfx.control.CheckComboBox;

/**
 * A drop-down of functions to check, titled by what is checked: "All functions" when none, the
 * function's name when one, "3 functions" when more.
 */
public final class FunctionsPicker extends CheckComboBox<FunctionInfo> {

    /** @param onChange told after every change of what is checked */
    public FunctionsPicker(String id, double width, Runnable onChange) {
        setId(id);
        setTitle("All functions");
        setPrefWidth(width);
        getCheckModel().getCheckedItems().addListener((ListChangeListener<FunctionInfo>) c -> {
            List<FunctionInfo> checked = checked();
            setTitle(
                    checked.isEmpty()
                            ? "All functions"
                            : checked.size() == 1 ? checked.getFirst().name() : checked.size() + " functions");
            onChange.run();
        });
    }

    /** The functions checked, in the order checked. */
    public List<FunctionInfo> checked() {
        return List.copyOf(getCheckModel().getCheckedItems());
    }
}
