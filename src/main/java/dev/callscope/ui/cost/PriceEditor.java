package dev.callscope.ui.cost;

import dev.callscope.cost.Prices;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Consumer;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The price table as a form: a dollars-per-second field per GPU type (those in the table and those
 * seen in the data), per CPU core and per GiB of memory. Apply checks every field first: one bad
 * field names itself and nothing changes, and the typed text stays for correcting.
 */
final class PriceEditor extends VBox {

    private final GridPane grid = new GridPane();
    private final Map<String, TextField> gpu = new LinkedHashMap<>();
    private final TextField cpu = field("price-cpu");
    private final TextField memory = field("price-memory");
    private final Label error = new Label();
    private final Consumer<Prices> onApply;
    private Prices current = Prices.EXAMPLES;

    PriceEditor(Consumer<Prices> onApply) {
        this.onApply = onApply;
        setId("price-editor");
        setSpacing(8);
        setPadding(new Insets(8, 10, 8, 10));
        setPrefWidth(300);
        setMinWidth(280);
        Label title = new Label("Prices, $ per second");
        title.getStyleClass().add("title-4");
        Label hint = new Label("Per GPU of a type, per reserved CPU core and per reserved GiB of memory. "
                + "An empty GPU price bills that GPU at $0.");
        hint.setWrapText(true);
        hint.getStyleClass().add("text-muted");
        grid.setHgap(8);
        grid.setVgap(6);
        ScrollPane scroll = new ScrollPane(grid);
        scroll.setFitToWidth(true);
        error.setId("price-error");
        error.getStyleClass().add("danger");
        error.setWrapText(true);
        error.managedProperty().bind(error.textProperty().isNotEmpty());
        Button apply = new Button("Apply");
        apply.setTooltip(new Tooltip("Use these prices and save them for this connection"));
        apply.setId("price-apply");
        apply.setDefaultButton(false);
        apply.setOnAction(e -> apply());
        Button reset = new Button("Examples");
        reset.setTooltip(new Tooltip("Fill in the example prices (Apply to use them)"));
        reset.setOnAction(e -> show(Prices.EXAMPLES));
        cpu.setOnAction(e -> apply());
        memory.setOnAction(e -> apply());
        getChildren().addAll(title, hint, scroll, error, new HBox(8, apply, reset));
    }

    private static TextField field(String id) {
        TextField f = new TextField();
        f.setId(id);
        f.setPrefColumnCount(10);
        f.setAlignment(Pos.CENTER_RIGHT);
        return f;
    }

    /** Shows a table (replacing what was typed). */
    void show(Prices prices) {
        current = prices;
        error.setText("");
        TreeSet<String> types = new TreeSet<>(gpu.keySet());
        types.addAll(prices.gpuPerSecond().keySet());
        gpu.clear();
        for (String t : types) {
            TextField f = field("price-gpu-" + t);
            Double p = prices.gpuPerSecond().get(t);
            f.setText(p == null ? "" : plain(p));
            f.setOnAction(e -> apply());
            gpu.put(t, f);
        }
        cpu.setText(plain(prices.cpuCorePerSecond()));
        memory.setText(plain(prices.memoryGibPerSecond()));
        layoutRows();
    }

    /** Adds a row for each GPU type seen in the data that has none yet (empty: not priced). */
    void addGpuTypes(Collection<String> seen) {
        boolean added = false;
        for (String t : new TreeSet<>(seen)) {
            if (!t.isBlank() && !gpu.containsKey(t)) {
                TextField f = field("price-gpu-" + t);
                f.setPromptText("not priced");
                f.setOnAction(e -> apply());
                gpu.put(t, f);
                added = true;
            }
        }
        if (added) {
            List<Map.Entry<String, TextField>> sorted = new ArrayList<>(gpu.entrySet());
            sorted.sort(Map.Entry.comparingByKey());
            gpu.clear();
            sorted.forEach(e -> gpu.put(e.getKey(), e.getValue()));
            layoutRows();
        }
    }

    private void layoutRows() {
        grid.getChildren().clear();
        int row = 0;
        for (Map.Entry<String, TextField> e : gpu.entrySet()) {
            grid.addRow(row++, name(e.getKey()), e.getValue());
        }
        grid.addRow(row++, name("CPU core"), cpu);
        grid.addRow(row, name("GiB memory"), memory);
    }

    private static Label name(String text) {
        Label l = new Label(text);
        l.setMinWidth(Region.USE_PREF_SIZE); // GPU names stay whole; the field gives way
        return l;
    }

    /** Parses every field; applies the table only when all are valid. */
    void apply() {
        List<String> problems = new ArrayList<>();
        Map<String, Double> gpus = new LinkedHashMap<>();
        gpu.forEach((type, f) -> {
            if (!f.getText().isBlank()) {
                Double v = parse(type, f.getText(), problems);
                if (v != null) {
                    gpus.put(type, v);
                }
            }
        });
        Double c = parse("CPU core", cpu.getText(), problems);
        Double m = parse("GiB memory", memory.getText(), problems);
        if (!problems.isEmpty()) {
            error.setText(String.join("\n", problems) + "\nThe prices in use are unchanged.");
            return;
        }
        Prices next = new Prices(gpus, c, m, false);
        if (next.equals(current)) {
            error.setText("");
            return;
        }
        current = next;
        error.setText("");
        onApply.accept(next);
    }

    private static Double parse(String what, String text, List<String> problems) {
        String t = text.strip().replace("$", "");
        try {
            double v = Double.parseDouble(t);
            if (!Double.isFinite(v) || v < 0) {
                problems.add(what + ": a price must be zero or more, not " + text.strip());
                return null;
            }
            return v;
        } catch (NumberFormatException e) {
            problems.add(what + ": \"" + text.strip() + "\" is not a number (dollars per second, e.g. 0.000583)");
            return null;
        }
    }

    private static String plain(double v) {
        return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }

    /** For tests. */
    TextField gpuField(String type) {
        return gpu.get(type);
    }

    Label errorLabel() {
        return error;
    }

    Prices current() {
        return current;
    }
}
