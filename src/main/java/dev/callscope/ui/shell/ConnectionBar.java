package dev.callscope.ui.shell;

import dev.callscope.engine.EngineInfo;
import java.util.Locale;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Control;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.shape.Circle;

/**
 * The strip above the tabs: which profile, which server and version, and the connection's state
 * (connecting, connected, retrying, offline, failed), with a warning when an https server's
 * certificate is not verified and a Reconnect button when the connection is down.
 */
final class ConnectionBar extends HBox {

    enum State {
        CONNECTING,
        CONNECTED,
        RETRYING,
        OFFLINE,
        FAILED
    }

    private final Circle dot = new Circle(5);
    private final Label state = new Label();
    private final Label profile = new Label();
    private final Label endpoint = new Label();
    private final Label version = new Label();
    private final Label dataset = new Label();
    private final Label insecure = new Label("⚠ Not verified");
    final Button reconnect = new Button("Reconnect");
    final Button connect = new Button("Connections…");
    final Button theme = new Button("Dark theme");
    private State current = State.CONNECTING;

    ConnectionBar() {
        Label title = new Label("Callscope");
        title.getStyleClass().add("title-4");
        profile.setId("profile-name");
        profile.getStyleClass().add("profile-name");
        endpoint.setId("endpoint");
        version.setId("server-version");
        state.setId("connection-state");
        dataset.setId("dataset");
        insecure.setId("insecure-badge");
        insecure.getStyleClass().add("insecure-badge");
        insecure.setTooltip(new Tooltip("This profile does not verify the server's certificate: anyone on the network "
                + "path can read or change the traffic. Use it for self-signed test servers only."));
        insecure.setVisible(false);
        insecure.managedProperty().bind(insecure.visibleProperty());
        reconnect.setId("reconnect");
        reconnect.setVisible(false);
        reconnect.managedProperty().bind(reconnect.visibleProperty());
        connect.setId("open-connections");
        version.getStyleClass().add("text-muted");
        dataset.getStyleClass().add("text-muted");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        // the endpoint and the data summary give way first; names, state and buttons keep their width
        endpoint.setMinWidth(0);
        dataset.setMinWidth(0);
        profile.setMaxWidth(260);
        for (Control c : new Control[] {title, state, insecure, reconnect, connect, theme, profile, version}) {
            c.setMinWidth(Region.USE_PREF_SIZE);
        }
        getChildren()
                .addAll(
                        title, dot, state, reconnect, profile, endpoint, insecure, version, dataset, spacer, theme,
                        connect);
        setSpacing(10);
        setAlignment(Pos.CENTER_LEFT);
        setPadding(new Insets(8, 12, 8, 12));
        getStyleClass().add("connection-bar");
        show(State.CONNECTING, "Starting…");
    }

    State state() {
        return current;
    }

    void show(State s, String text) {
        current = s;
        String style = s == State.CONNECTED && insecure.isVisible()
                ? "insecure"
                : s.name().toLowerCase(Locale.ROOT);
        dot.getStyleClass().setAll("status-dot", "status-" + style);
        state.setText(text);
        reconnect.setVisible(s == State.OFFLINE || s == State.FAILED);
        if (s == State.CONNECTING || s == State.FAILED) {
            version.setText("");
            dataset.setText("");
        }
    }

    void connected(EngineInfo info) {
        endpoint.setText(info.kind() == EngineInfo.Kind.EMBEDDED ? "Embedded chDB" : info.endpoint());
        endpoint.setTooltip(new Tooltip(info.endpoint()));
        version.setText("ClickHouse " + info.serverVersion());
        show(State.CONNECTED, "Connected");
    }

    /** Which profile this is (empty for a connection given on the command line). */
    void profile(String name) {
        profile.setText(name == null || name.isBlank() ? "" : name + " ·");
    }

    /** Shows the warning for an https server whose certificate is not verified. */
    void insecure(boolean on) {
        insecure.setVisible(on);
    }

    void dataset(String text) {
        dataset.setText(text);
    }

    void target(String label) {
        endpoint.setText(label);
    }
}
