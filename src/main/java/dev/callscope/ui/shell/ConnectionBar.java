package dev.callscope.ui.shell;

import dev.callscope.engine.EngineInfo;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.shape.Circle;

/** The strip above the tabs: which engine, which version, whether it is connected. */
final class ConnectionBar extends HBox {

    enum State { CONNECTING, CONNECTED, FAILED }

    private final Circle dot = new Circle(5);
    private final Label state = new Label();
    private final Label endpoint = new Label();
    private final Label version = new Label();
    private final Label dataset = new Label();
    final Button connect = new Button("Connect…");
    final Button theme = new Button("Dark theme");

    ConnectionBar() {
        Label title = new Label("Callscope");
        title.getStyleClass().add("title-4");
        endpoint.setId("endpoint");
        version.setId("server-version");
        state.setId("connection-state");
        dataset.setId("dataset");
        version.getStyleClass().add("text-muted");
        dataset.getStyleClass().add("text-muted");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        endpoint.setMinWidth(0);
        getChildren().addAll(title, dot, state, endpoint, version, dataset, spacer, theme, connect);
        setSpacing(10);
        setAlignment(Pos.CENTER_LEFT);
        setPadding(new Insets(8, 12, 8, 12));
        getStyleClass().add("connection-bar");
        show(State.CONNECTING, "Starting…");
    }

    void show(State s, String text) {
        dot.getStyleClass().setAll("status-dot", "status-" + s.name().toLowerCase(java.util.Locale.ROOT));
        state.setText(text);
        if (s != State.CONNECTED) {
            version.setText("");
            dataset.setText("");
        }
    }

    void connected(EngineInfo info) {
        show(State.CONNECTED, "Connected");
        endpoint.setText(info.kind() == EngineInfo.Kind.EMBEDDED ? "Embedded chDB" : info.endpoint());
        endpoint.setTooltip(new Tooltip(info.endpoint()));
        version.setText("ClickHouse " + info.serverVersion());
    }

    void dataset(String text) {
        dataset.setText(text);
    }

    void target(String label) {
        endpoint.setText(label);
    }
}
