package dev.callscope.settings;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

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
public record Settings(String theme, String embeddedDataDir, String serverUrl, String serverUser, String serverDatabase,
                       double windowWidth, double windowHeight) {

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
}
