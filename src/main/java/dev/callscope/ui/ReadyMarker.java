package dev.callscope.ui;

import dev.callscope.platform.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Executor;
import java.util.logging.Logger;
import javafx.application.Platform;
import javafx.stage.Stage;

/**
 * {@code --ready-file}: lets a script (CI, an installer check) know that the window is on screen and
 * its first connection has settled, by writing a small file then; with {@code --exit-after-ready}
 * the window closes right after, through the normal shutdown path.
 *
 * @param file      where to write, or null for no marker
 * @param exitAfter close the window once the file is written
 */
public record ReadyMarker(Path file, boolean exitAfter) {

    private static final Logger LOG = Logger.getLogger(ReadyMarker.class.getName());

    public static final ReadyMarker NONE = new ReadyMarker(null, false);

    /**
     * Called on the FX thread once, when the first connection attempt ends; the file is written on
     * {@code io} so the FX thread never waits on the disk.
     *
     * @param connection "connected …" or "failed: …"
     */
    void signal(Stage stage, String connection, Executor io) {
        if (file == null) {
            return;
        }
        String text = String.format(
                Locale.ROOT,
                "window=%s %.0fx%.0f%nconnection=%s%n",
                stage.isShowing() ? "shown" : "hidden",
                stage.getWidth(),
                stage.getHeight(),
                connection.replace('\n', ' '));
        io.execute(() -> {
            try {
                AtomicFiles.write(file, out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
            } catch (IOException e) {
                LOG.warning("Ready file not written: " + e.getMessage());
            }
            if (exitAfter) {
                // quits while the tabs' first queries may still run: closing must cancel them cleanly
                Platform.runLater(stage::close);
            }
        });
    }
}
