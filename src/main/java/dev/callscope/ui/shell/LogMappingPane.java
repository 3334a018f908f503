package dev.callscope.ui.shell;

import dev.callscope.logs.LogField;
import dev.callscope.profiles.LogMapping;
import java.util.EnumMap;
import java.util.Map;
import javafx.geometry.Pos;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

/**
 * The "Schema" part of a profile: Callscope's tables, ClickStack's otel_logs, or the user's own
 * logs table with a column (or simple expression) per field. Holds the text as typed; the
 * profile's validation checks it.
 */
final class LogMappingPane extends VBox {

    final ChoiceBox<LogMapping.Kind> kind = new ChoiceBox<>();
    final TextField database = MappingFields.field("profile-logs-database", "default");
    final TextField table = MappingFields.field("profile-logs-table", "otel_logs");
    final Map<LogField, TextField> columns = new EnumMap<>(LogField.class);
    private final Label note = MappingFields.note();

    LogMappingPane() {
        super(6);
        kind.setId("profile-schema");
        kind.getItems().setAll(LogMapping.Kind.values());
        kind.setConverter(new StringConverter<>() {
            @Override
            public String toString(LogMapping.Kind k) {
                return k == null
                        ? ""
                        : switch (k) {
                            case CANONICAL -> "Callscope tables (callscope.function_logs)";
                            case OTEL_LOGS -> "OpenTelemetry logs (otel_logs, as ClickStack writes them)";
                            case CUSTOM -> "My own logs table (map each field)";
                        };
            }

            @Override
            public LogMapping.Kind fromString(String s) {
                return null;
            }
        });
        kind.setValue(LogMapping.Kind.CANONICAL);
        HBox where = new HBox(6, database, new Label("."), table);
        where.setAlignment(Pos.CENTER_LEFT);
        database.setPrefColumnCount(12);
        table.setPrefColumnCount(16);
        GridPane grid = MappingFields.grid(
                "profile-log-columns",
                LogField.values(),
                columns,
                f -> "map-" + f.label(),
                f -> f.label() + (f.required() ? " *" : ""),
                LogMappingPane::prompt);
        getChildren().setAll(kind, where, grid, note);
        where.visibleProperty().bind(kind.valueProperty().isNotEqualTo(LogMapping.Kind.CANONICAL));
        where.managedProperty().bind(where.visibleProperty());
        grid.visibleProperty().bind(kind.valueProperty().isEqualTo(LogMapping.Kind.CUSTOM));
        grid.managedProperty().bind(grid.visibleProperty());
        kind.valueProperty().addListener((obs, was, k) -> {
            note.setText(
                    k == LogMapping.Kind.CANONICAL
                            ? ""
                            : "The Logs tab reads this table; choose under Events where the calls are. "
                                    + (k == LogMapping.Kind.CUSTOM
                                            ? "A field is a column, map['key'] or toString/lower/upper of one; leave it blank when absent."
                                            : ""));
            if (k == LogMapping.Kind.OTEL_LOGS && table.getText().isBlank()) {
                table.setText("otel_logs");
            }
        });
    }

    void show(LogMapping m) {
        LogMapping mapping = m == null ? LogMapping.CANONICAL : m;
        kind.setValue(mapping.kind());
        database.setText(mapping.database() == null ? "" : mapping.database());
        table.setText(mapping.table() == null ? "" : mapping.table());
        columns.forEach((f, t) -> t.setText(mapping.column(f)));
    }

    LogMapping read() {
        String db = database.getText().strip().isEmpty()
                ? "default"
                : database.getText().strip();
        return switch (kind.getValue()) {
            case CANONICAL -> LogMapping.CANONICAL;
            case OTEL_LOGS -> LogMapping.otelLogs(db, table.getText().strip());
            case CUSTOM -> {
                Map<LogField, String> byField = new EnumMap<>(LogField.class);
                columns.forEach((f, t) -> byField.put(f, t.getText()));
                yield LogMapping.custom(db, table.getText().strip(), byField);
            }
        };
    }

    private static String prompt(LogField f) {
        return switch (f) {
            case TIME -> "ts";
            case MESSAGE -> "msg";
            case LEVEL -> "severity";
            case STREAM -> "(none)";
            case APP -> "service";
            case FUNCTION -> "service";
            case CALL -> "trace_id";
            case CONTAINER -> "attrs['pod']";
        };
    }
}
