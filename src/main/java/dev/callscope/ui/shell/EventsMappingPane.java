package dev.callscope.ui.shell;

import dev.callscope.calls.EventField;
import dev.callscope.profiles.EventsMapping;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import javafx.css.PseudoClass;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

/**
 * The "Events" part of a profile: Callscope's call events, the user's own table with a column or
 * SQL expression per field, or none (logs only). Holds the text as typed; the profile's validation
 * parses it and Check (the dialog's connection test) asks the server, marking the fields named.
 */
final class EventsMappingPane extends VBox {

    final ChoiceBox<EventsMapping.Kind> kind = new ChoiceBox<>();
    final TextField database = MappingFields.field("profile-events-database", "default");
    final TextField table = MappingFields.field("profile-events-table", "calls");
    final Button check = new Button("Check");
    final Map<EventField, TextField> columns = new EnumMap<>(EventField.class);
    private final Label note = MappingFields.note();

    EventsMappingPane() {
        super(6);
        kind.setId("profile-events");
        kind.getItems().setAll(EventsMapping.Kind.values());
        kind.setConverter(new StringConverter<>() {
            @Override
            public String toString(EventsMapping.Kind k) {
                return k == null
                        ? ""
                        : switch (k) {
                            case CANONICAL -> "Callscope tables (callscope.function_call_events)";
                            case CUSTOM -> "My own calls or events table (map each field)";
                            case OTEL_TRACES -> "OpenTelemetry traces (otel_traces, as ClickStack writes them)";
                            case NONE -> "None: this connection has logs only";
                        };
            }

            @Override
            public EventsMapping.Kind fromString(String s) {
                return null;
            }
        });
        kind.setValue(EventsMapping.Kind.CANONICAL);
        check.setId("profile-events-check");
        check.setTooltip(new Tooltip("Connect and check every mapped column and expression against the table"));
        HBox where = new HBox(6, database, new Label("."), table, check);
        where.setAlignment(Pos.CENTER_LEFT);
        database.setPrefColumnCount(12);
        table.setPrefColumnCount(16);
        GridPane grid = MappingFields.grid(
                "profile-event-columns",
                EventField.values(),
                columns,
                f -> "events-" + f.label(),
                f -> f.title() + (f == EventField.CALL || f == EventField.FUNCTION ? " *" : ""),
                EventsMappingPane::prompt);
        getChildren().setAll(kind, where, grid, note);
        where.visibleProperty()
                .bind(kind.valueProperty()
                        .isEqualTo(EventsMapping.Kind.CUSTOM)
                        .or(kind.valueProperty().isEqualTo(EventsMapping.Kind.OTEL_TRACES)));
        where.managedProperty().bind(where.visibleProperty());
        grid.visibleProperty().bind(kind.valueProperty().isEqualTo(EventsMapping.Kind.CUSTOM));
        grid.managedProperty().bind(grid.visibleProperty());
        kind.valueProperty()
                .addListener((obs, was, k) -> note.setText(
                        switch (k) {
                            case CANONICAL -> "";
                            case NONE ->
                                "Functions, Timeline, Performance and Cost are unavailable on this connection.";
                            case OTEL_TRACES ->
                                "Each span is a call: its service and name the function, its parent span the call that made it, its"
                                        + " trace the call graph. Spans record no queue and no cold start (both show as none), and no resources (so no cost).";
                            case CUSTOM ->
                                "A field is a column or a SQL expression over one row, e.g. multiIf(outcome = 'ok', 'success', "
                                        + "'failure') for status; leave it blank when absent. Without an event type each row is a call "
                                        + "(enqueued, started, finished on one row); with one, each row is an event. A view that needs an "
                                        + "absent field says so in its tab. * needed, and an enqueue or event time.";
                        }));
    }

    void show(EventsMapping m) {
        EventsMapping mapping = m == null ? EventsMapping.CANONICAL : m;
        kind.setValue(mapping.kind());
        database.setText(mapping.database() == null ? "" : mapping.database());
        table.setText(mapping.table() == null ? "" : mapping.table());
        columns.forEach((f, t) -> t.setText(mapping.column(f)));
        markProblems(List.of());
    }

    EventsMapping read() {
        String db = database.getText().strip().isEmpty()
                ? "default"
                : database.getText().strip();
        return switch (kind.getValue()) {
            case CANONICAL -> EventsMapping.CANONICAL;
            case NONE -> EventsMapping.NONE;
            case OTEL_TRACES ->
                EventsMapping.otelTraces(
                        db,
                        table.getText().strip().isEmpty()
                                ? "otel_traces"
                                : table.getText().strip());
            case CUSTOM -> {
                Map<EventField, String> byField = new EnumMap<>(EventField.class);
                columns.forEach((f, t) -> byField.put(f, t.getText()));
                yield EventsMapping.custom(db, table.getText().strip(), byField);
            }
        };
    }

    /**
     * Outlines the fields a check named: a problem starts with the field ({@code "status: ..."}) or
     * names it in a list of missing columns ({@code "... (for started)"}); the table when it is missing.
     */
    void markProblems(List<String> problems) {
        columns.forEach((f, t) -> t.pseudoClassStateChanged(
                PseudoClass.getPseudoClass("danger"),
                problems.stream()
                        .anyMatch(p -> p.startsWith(f.title() + ":")
                                || p.matches(".*\\(for ([A-Za-z ]+, )*" + f.title() + "(, [A-Za-z ]+)*\\).*"))));
        table.pseudoClassStateChanged(
                PseudoClass.getPseudoClass("danger"),
                problems.stream().anyMatch(p -> p.startsWith("Table ") && p.contains("does not exist")));
    }

    private static String prompt(EventField f) {
        return switch (f) {
            case CALL -> "id";
            case FUNCTION -> "fn";
            case FUNCTION_NAME -> "fn_name";
            case APP -> "service";
            case ATTEMPT -> "(1)";
            case EVENT_TYPE -> "(one row per call)";
            case EVENT_TIME -> "ts";
            case ENQUEUED -> "queued";
            case COLD_START_BEGAN, COLD_START_ENDED -> "(none)";
            case STARTED -> "begun";
            case FINISHED -> "ended";
            case COLD_START -> "(cold start began)";
            case STATUS -> "outcome";
            case ERROR -> "error_message";
            case CONTAINER -> "host";
            case GPU_TYPE -> "gpu";
            case GPU_COUNT -> "gpus";
            case CPU_CORES -> "cores";
            case MEMORY_MIB -> "memory_mb";
            case PARENT_CALL -> "parent_id";
            case ROOT_CALL -> "(no call graph)";
            case BATCH -> "(no batches)";
            case INPUT_INDEX -> "input_idx";
        };
    }
}
