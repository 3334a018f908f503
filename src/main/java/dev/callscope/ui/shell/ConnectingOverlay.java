package dev.callscope.ui.shell;

import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.VBox;

/** What covers the tabs while a connection opens: its progress, or why it failed and the way to Connections…. */
final class ConnectingOverlay extends VBox {

    private final ProgressBar progress = new ProgressBar();
    private final Label progressText = new Label();
    private final Label problem = new Label();

    ConnectingOverlay(Runnable openConnections) {
        super(12);
        progress.setPrefWidth(420);
        progressText.setId("progress-text");
        problem.setId("problem");
        problem.setWrapText(true);
        problem.setMaxWidth(560);
        problem.getStyleClass().add("danger");
        Button retry = new Button("Connections…");
        retry.setId("overlay-connections");
        retry.setOnAction(e -> openConnections.run());
        retry.visibleProperty().bind(problem.textProperty().isNotEmpty());
        getChildren().setAll(progressText, progress, problem, retry);
        setAlignment(Pos.CENTER);
        setPadding(new Insets(24));
        getStyleClass().add("overlay");
    }

    void connecting(String label) {
        problem.setText("");
        progressText.setText("Connecting to " + label + "…");
        progress.setProgress(ProgressBar.INDETERMINATE_PROGRESS);
        setVisible(true);
    }

    /** @param fraction done so far, or negative when unknown */
    void progress(String message, double fraction) {
        progressText.setText(message);
        progress.setProgress(fraction < 0 ? ProgressBar.INDETERMINATE_PROGRESS : fraction);
    }

    void connected() {
        setVisible(false);
    }

    void failed(String message) {
        progress.setProgress(0);
        progressText.setText("Could not connect.");
        problem.setText(message);
    }
}
