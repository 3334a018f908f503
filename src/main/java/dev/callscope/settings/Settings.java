package dev.callscope.settings;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What Callscope remembers between runs. Never holds a password.
 *
 * @param theme           "light" or "dark"
 * @param embeddedDataDir the last embedded data directory, or null for the default
 * @param serverUrl       the last server URL, or null when the embedded engine was used
 * @param serverUser      the last server user
 * @param serverDatabase  the last server database
 * @param windowWidth     last window width
 * @param windowHeight    last window height
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Settings(
        String theme,
        String embeddedDataDir,
        String serverUrl,
        String serverUser,
        String serverDatabase,
        double windowWidth,
        double windowHeight) {

    /** A window smaller than this is unusable; larger than this is no screen's. */
    public static final double MIN_WIDTH = 640;

    public static final double MIN_HEIGHT = 480;
    public static final double MAX_SIDE = 16_384;

    public static Settings defaults() {
        return new Settings("light", null, null, null, null, 1280, 800);
    }

    public boolean dark() {
        return "dark".equals(theme);
    }

    public Settings withTheme(String t) {
        return new Settings(t, embeddedDataDir, serverUrl, serverUser, serverDatabase, windowWidth, windowHeight);
    }

    public Settings withWindow(double w, double h) {
        return new Settings(theme, embeddedDataDir, serverUrl, serverUser, serverDatabase, w, h);
    }

    public Settings withEmbedded(String dataDir) {
        return new Settings(theme, dataDir, null, null, null, windowWidth, windowHeight);
    }

    public Settings withServer(String url, String user, String database) {
        return new Settings(theme, null, url, user, database, windowWidth, windowHeight);
    }

    /**
     * These settings with every value a window can use: a size that is not a positive finite number is the
     * default, one out of bounds is clamped; an unknown theme is light; a data directory that is no
     * path on this system is forgotten. The screens present clamp the size further (the window does
     * that, as only it knows them).
     */
    public Settings sanitized() {
        String t = "dark".equals(theme) ? "dark" : "light";
        String dir = embeddedDataDir;
        if (dir != null) {
            try {
                Path.of(dir);
            } catch (InvalidPathException e) {
                dir = null;
            }
        }
        return new Settings(
                t,
                dir,
                serverUrl,
                serverUser,
                serverDatabase,
                side(windowWidth, MIN_WIDTH, defaults().windowWidth),
                side(windowHeight, MIN_HEIGHT, defaults().windowHeight));
    }

    /** The names of the settings {@link #sanitized} changes, for telling the user. */
    public List<String> unusable() {
        Settings s = sanitized();
        List<String> out = new ArrayList<>();
        if (!s.theme.equals(theme)) {
            out.add("theme");
        }
        if (s.embeddedDataDir == null && embeddedDataDir != null) {
            out.add("embeddedDataDir");
        }
        if (Double.compare(s.windowWidth, windowWidth) != 0) {
            out.add("windowWidth");
        }
        if (Double.compare(s.windowHeight, windowHeight) != 0) {
            out.add("windowHeight");
        }
        return out;
    }

    private static double side(double value, double min, double fallback) {
        if (!Double.isFinite(value) || value <= 0) { // 0 is what a file without the field gives
            return fallback;
        }
        return Math.max(min, Math.min(MAX_SIDE, value));
    }
}
