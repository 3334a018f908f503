package dev.callscope.ui.shell;

import javafx.geometry.Rectangle2D;
import javafx.stage.Screen;

/** Fits a remembered window size to the screens present, so a saved size never opens off-screen. */
final class WindowSize {

    private WindowSize() {}

    /** The usable bounds of the largest screen (a fallback when the platform reports none). */
    static Rectangle2D largestScreen() {
        Rectangle2D best = null;
        for (Screen s : Screen.getScreens()) {
            Rectangle2D b = s.getVisualBounds();
            if (best == null || b.getWidth() * b.getHeight() > best.getWidth() * best.getHeight()) {
                best = b;
            }
        }
        return best != null && best.getWidth() > 0 && best.getHeight() > 0 ? best : new Rectangle2D(0, 0, 1280, 800);
    }

    /** {@code wanted}, no larger than {@code available}. */
    static double fit(double wanted, double available) {
        return Math.min(wanted, available);
    }
}
