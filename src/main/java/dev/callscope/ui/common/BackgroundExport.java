package dev.callscope.ui.common;

import dev.callscope.chart.ChartFiles;
import dev.callscope.chart.LineChart;
import dev.callscope.chart.Palette;
import dev.callscope.engine.Engine;
import dev.callscope.engine.EngineException;
import dev.callscope.platform.AtomicFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.time.ZoneId;
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

    /**
     * Writes the line chart on {@code canvas} as on screen (PNG at {@code scale}, SVG) or the data it
     * plots (CSV), in the background; nothing when it shows no chart.
     */
    public static void chart(
            LatestTaskRunner runner,
            Engine engine,
            ChartCanvas canvas,
            boolean dark,
            ZoneId zone,
            Path destination,
            String format,
            int scale,
            Consumer<String> report,
            Consumer<String> done) {
        LineChart c = canvas.chart();
        if (c == null) {
            return;
        }
        double w = canvas.getWidth();
        double h = canvas.getHeight();
        Palette p = Palette.of(dark);
        submit(
                runner,
                engine,
                destination,
                out -> ChartFiles.writeTo(c, w, h, p, zone, format, scale, out),
                report,
                done);
    }
}
