package dev.callscope.settings;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Reads and writes {@code settings.json}. Writes go to a temporary file in the same directory and
 * are moved over the old file, so a crash never leaves half a file. A file that cannot be read is
 * kept aside as {@code settings.json.corrupt-<time>} and defaults are used.
 */
public final class SettingsStore {

    private static final Logger LOG = Logger.getLogger(SettingsStore.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Path file;
    private volatile String lastProblem;

    public SettingsStore(Path configDir) {
        this.file = configDir.resolve("settings.json");
    }

    /** True before the first save: the app's first launch. */
    public boolean isFirstLaunch() {
        return !Files.exists(file);
    }

    public Settings load() {
        if (!Files.exists(file)) {
            return Settings.defaults();
        }
        try {
            Settings s = JSON.readValue(file.toFile(), Settings.class);
            if (s == null) {
                return setAside("it is empty");
            }
            List<String> unusable = s.unusable();
            if (!unusable.isEmpty()) {
                lastProblem = "Some settings could not be used and were reset: " + String.join(", ", unusable);
                LOG.warning(lastProblem);
            }
            return s.sanitized();
        } catch (IOException | RuntimeException e) {
            return setAside(e.getMessage());
        }
    }

    /** Keeps an unusable file as settings.json.corrupt-<time> (the next save writes a new one) and says so. */
    private Settings setAside(String why) {
        Path aside = file.resolveSibling(
                file.getFileName() + ".corrupt-" + Instant.now().toEpochMilli());
        try {
            Files.move(file, aside);
        } catch (IOException moveFailed) {
            LOG.warning("Could not move the unreadable settings aside: " + moveFailed.getMessage());
        }
        lastProblem = "Your settings could not be read and were reset; the old file is kept as " + aside.getFileName();
        LOG.warning(lastProblem + ": " + why);
        return Settings.defaults();
    }

    /** A message for the user when the last load had to reset the settings. */
    public Optional<String> lastProblem() {
        return Optional.ofNullable(lastProblem);
    }

    public void save(Settings settings) throws IOException {
        Files.createDirectories(file.getParent());
        Path tmp = Files.createTempFile(file.getParent(), "settings", ".tmp");
        try {
            JSON.writeValue(tmp.toFile(), settings);
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
