package dev.callscope.ui.common;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import javafx.scene.image.Image;
import javafx.stage.Stage;

/** The window's icon: the rendered sizes of assets/icon/callscope.svg, copied into the jar by the build. */
public final class AppIcon {

    private static final List<Integer> SIZES = List.of(16, 24, 32, 48, 64, 128, 256);

    private AppIcon() {}

    /** Gives the stage every size; the window system picks the one it needs. */
    public static void addTo(Stage stage) {
        for (int size : SIZES) {
            try (InputStream in = AppIcon.class.getResourceAsStream("/dev/callscope/icon/callscope-" + size + ".png")) {
                if (in != null) { // absent only when running from an IDE that skips the build's resources
                    stage.getIcons().add(new Image(in));
                }
            } catch (IOException ignored) {
                // an icon is decoration; the window works without it
            }
        }
    }
}
