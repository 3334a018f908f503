package dev.callscope.platform;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * The per-user directories Callscope writes to, following each OS's convention. Nothing is ever
 * written next to the installed application.
 *
 * @param config settings and connection profiles
 * @param data   the embedded engine's data directory lives below this
 * @param cache  downloaded engine libraries and other re-creatable files
 */
public record AppDirs(Path config, Path data, Path cache) {

    private static final String APP = "callscope";

    /** The directories for the current user; {@code CALLSCOPE_HOME} puts all three under one folder. */
    public static AppDirs forCurrentUser() {
        return resolve(System.getenv(), System.getProperty("os.name", ""), Path.of(System.getProperty("user.home")));
    }

    static AppDirs resolve(Map<String, String> env, String osName, Path home) {
        String override = env.get("CALLSCOPE_HOME");
        if (override != null && !override.isBlank()) {
            Path root = Path.of(override);
            return new AppDirs(root.resolve("config"), root.resolve("data"), root.resolve("cache"));
        }
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.contains("mac")) {
            Path lib = home.resolve("Library");
            return new AppDirs(
                    lib.resolve("Application Support/Callscope"),
                    lib.resolve("Application Support/Callscope"),
                    lib.resolve("Caches/Callscope"));
        }
        if (os.contains("win")) {
            Path appData = pathOr(env.get("APPDATA"), home.resolve("AppData/Roaming"));
            Path local = pathOr(env.get("LOCALAPPDATA"), home.resolve("AppData/Local"));
            return new AppDirs(
                    appData.resolve("Callscope"), local.resolve("Callscope/Data"), local.resolve("Callscope/Cache"));
        }
        return new AppDirs(
                pathOr(env.get("XDG_CONFIG_HOME"), home.resolve(".config")).resolve(APP),
                pathOr(env.get("XDG_DATA_HOME"), home.resolve(".local/share")).resolve(APP),
                pathOr(env.get("XDG_CACHE_HOME"), home.resolve(".cache")).resolve(APP));
    }

    private static Path pathOr(String value, Path fallback) {
        return value == null || value.isBlank() ? fallback : Path.of(value);
    }

    /** Where the embedded demo engine keeps its tables unless told otherwise. */
    public Path defaultEngineData() {
        return data.resolve("engine");
    }
}
