package dev.callscope.ui.common;

import dev.callscope.engine.Engine;
import dev.callscope.engine.EngineException;
import dev.callscope.platform.AtomicFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Consumer;

/** Runs a chart or data export on a background runner and reports the outcome as one line of text. */
public final class BackgroundExport {

    private BackgroundExport() {}

    /**
     * Writes {@code content} to {@code destination} atomically off the FX thread; {@code report} gets
     * "Exported to …" or the reason it failed, then {@code done} (may be null) gets the same line.
     */
    public static void submit(
            LatestTaskRunner runner,
            Engine engine,
            Path destination,
            AtomicFiles.Content content,
            Consumer<String> report,
            Consumer<String> done) {
        runner.submit(
                engine,
                scope -> {
                    try {
                        AtomicFiles.write(destination, content);
                        return "Exported to " + destination;
                    } catch (IOException e) {
                        throw new EngineException(
                                0, "Could not write " + destination.getFileName() + ": " + e.getMessage(), e);
                    }
                },
                msg -> finish(msg, report, done),
                error -> finish("Export failed: " + error, report, done));
    }

    private static void finish(String line, Consumer<String> report, Consumer<String> done) {
        report.accept(line);
        if (done != null) {
            done.accept(line);
        }
    }
}
