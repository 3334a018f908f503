package dev.callscope.ui.shell;

import dev.callscope.app.ConnectionTarget;
import dev.callscope.app.Connector;
import dev.callscope.app.ProgressListener;
import dev.callscope.engine.Engine;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.RadioButton;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.GridPane;

/** Chooses the embedded demo engine or a ClickHouse server; "Test" tries the connection in the background. */
final class ConnectionDialog extends Dialog<ConnectionTarget> {

    private final RadioButton embedded = new RadioButton("Embedded demo engine (chDB, no server)");
    private final RadioButton server = new RadioButton("ClickHouse server");
    private final TextField dataDir = new TextField();
    private final TextField url = new TextField();
    private final TextField user = new TextField();
    private final PasswordField password = new PasswordField();
    private final TextField database = new TextField();
    private final Label result = new Label();

    ConnectionDialog(Path defaultDataDir, Connector connector, ExecutorService background) {
        setTitle("Connect");
        setHeaderText("Where are your function events and logs?");
        ToggleGroup group = new ToggleGroup();
        embedded.setToggleGroup(group);
        server.setToggleGroup(group);
        embedded.setSelected(true);
        dataDir.setText(defaultDataDir.toString());
        url.setPromptText("https://your-host:8443, or paste a jdbc:clickhouse: URL");
        url.textProperty().addListener((obs, was, text) -> {
            if (text != null && text.strip().toLowerCase(java.util.Locale.ROOT).startsWith("jdbc:")) {
                fillFromJdbc(text);
            }
        });
        user.setPromptText("default");
        database.setPromptText("default");
        result.setId("test-result");
        result.setWrapText(true);
        result.setMaxWidth(460);
        Button test = new Button("Test");
        test.setId("test-connection");
        test.setOnAction(e -> test(connector, background));
        test.disableProperty().bind(embedded.selectedProperty()); // one embedded data directory per process

        GridPane grid = new GridPane(10, 8);
        grid.setPadding(new Insets(10));
        grid.addRow(0, embedded);
        grid.addRow(1, new Label("Data directory"), dataDir);
        grid.addRow(2, server);
        grid.addRow(3, new Label("URL"), url);
        grid.addRow(4, new Label("User"), user);
        grid.addRow(5, new Label("Password"), password);
        grid.addRow(6, new Label("Database"), database);
        grid.addRow(7, test, result);
        GridPane.setColumnSpan(embedded, 2);
        GridPane.setColumnSpan(server, 2);
        dataDir.setPrefColumnCount(30);
        dataDir.disableProperty().bind(server.selectedProperty());
        for (TextField f : new TextField[] {url, user, password, database}) {
            f.disableProperty().bind(embedded.selectedProperty());
        }
        getDialogPane().setContent(grid);
        getDialogPane().getButtonTypes().addAll(ButtonType.OK, ButtonType.CANCEL);
        getDialogPane().lookupButton(ButtonType.OK).disableProperty().bind(
                server.selectedProperty().and(url.textProperty().isEmpty()));
        setResultConverter(button -> button == ButtonType.OK ? target() : null);
    }

    private ConnectionTarget target() {
        if (embedded.isSelected()) {
            try {
                return new ConnectionTarget.Embedded(Path.of(dataDir.getText().strip()));
            } catch (InvalidPathException e) {
                return null;
            }
        }
        return new ConnectionTarget.Remote(url.getText().strip(), user.getText().strip(), password.getText(),
                database.getText().strip());
    }

    /** A pasted JDBC URL becomes the form's URL, database, user (and password, if it held one). */
    private void fillFromJdbc(String text) {
        try {
            dev.callscope.app.JdbcUrl jdbc = dev.callscope.app.JdbcUrl.parse(text);
            Platform.runLater(() -> {
                url.setText(jdbc.url());
                if (jdbc.database() != null) {
                    database.setText(jdbc.database());
                }
                if (jdbc.user() != null) {
                    user.setText(jdbc.user());
                }
                if (jdbc.password() != null) {
                    password.setText(jdbc.password());
                }
                result.setText("Read the JDBC URL into the fields.");
            });
        } catch (IllegalArgumentException e) {
            result.setText(e.getMessage());
        }
    }

    private void test(Connector connector, ExecutorService background) {
        ConnectionTarget target = target();
        if (target == null) {
            result.setText("That is not a valid directory path.");
            return;
        }
        result.setText("Testing…");
        background.submit(() -> {
            String message;
            try (Engine engine = connector.open(target, ProgressListener.NONE)) {
                java.util.List<String> problems = dev.callscope.schema.SchemaCheck.problems(engine, "callscope");
                message = "Connected: ClickHouse " + engine.info().serverVersion()
                        + (problems.isEmpty() ? "; Callscope's tables are there." : ". But: " + String.join("; ", problems) + ".");
            } catch (Connector.ConnectException | RuntimeException e) {
                message = "Failed: " + e.getMessage();
            }
            String shown = message;
            Platform.runLater(() -> result.setText(shown));
        });
    }
}
