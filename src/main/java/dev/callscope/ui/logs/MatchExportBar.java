package dev.callscope.ui.logs;

import dev.callscope.engine.Engine;
import dev.callscope.engine.EngineException;
import dev.callscope.logs.FunctionNames;
import dev.callscope.logs.LogExport;
import dev.callscope.logs.LogSearch;
import dev.callscope.logs.search.SearchExpr;
import dev.callscope.time.TimeRange;
import dev.callscope.ui.common.LatestTaskRunner;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Consumer;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.HBox;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/**
 * Writes every match of a search to a file in the background, showing progress against the
 * histogram's total and a Cancel button; visible only while an export runs.
 */
final class MatchExportBar extends HBox {

    private final LatestTaskRunner runner;
    private final Consumer<String> report;
    private final Label label = new Label();
    private final ProgressBar progress = new ProgressBar();

    /** @param report gets one line when the export ends, fails or is cancelled */
    MatchExportBar(LatestTaskRunner runner, Consumer<String> report) {
        super(8);
        this.runner = runner;
        this.report = report;
        Button cancel = new Button("Cancel");
        cancel.setOnAction(e -> {
            runner.cancel();
            setVisible(false);
            report.accept("Export cancelled; nothing was written.");
        });
        progress.setPrefWidth(240);
        getChildren().setAll(label, progress, cancel);
        setAlignment(Pos.CENTER_LEFT);
        setId("export-bar");
        setVisible(false);
        managedProperty().bind(visibleProperty());
    }

    /** Asks where to write every match of {@code s} as {@code format}, then writes them (see {@link #start}). */
    void choose(Window owner, LogsSearchState s, long total, LogExport.Format format, FunctionNames names) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Export all matching lines");
        chooser.setInitialFileName("callscope-logs." + format.extension());
        File file = chooser.showSaveDialog(owner);
        if (file != null) {
            start(s.engine(), s.search(), s.expr(), s.range(), total, format, file.toPath(), names);
        }
    }

    /** @param total the number of matches, for the progress bar (negative when unknown) */
    void start(
            Engine engine,
            LogSearch search,
            SearchExpr expr,
            TimeRange range,
            long total,
            LogExport.Format format,
            Path destination,
            FunctionNames names) {
        label.setText("Exporting…");
        progress.setProgress(total > 0 ? 0 : ProgressBar.INDETERMINATE_PROGRESS);
        setVisible(true);
        runner.submit(
                engine,
                scope -> {
                    try {
                        return LogExport.write(
                                scope,
                                search,
                                expr,
                                range,
                                format,
                                destination,
                                names,
                                written -> scope.publish(() -> {
                                    label.setText(String.format(
                                            Locale.ROOT,
                                            "Exporting: %,d%s lines",
                                            written,
                                            total > 0 ? String.format(Locale.ROOT, " of %,d", total) : ""));
                                    if (total > 0) {
                                        progress.setProgress(Math.min(1.0, (double) written / total));
                                    }
                                }));
                    } catch (IOException e) {
                        throw new EngineException(
                                0, "Could not write " + destination.getFileName() + ": " + e.getMessage(), e);
                    }
                },
                written -> {
                    setVisible(false);
                    report.accept(String.format(Locale.ROOT, "Exported %,d lines to %s", written, destination));
                },
                error -> {
                    setVisible(false);
                    report.accept("Export failed: " + error);
                });
    }
}
