package dev.callscope.profiles;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.callscope.platform.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;

/**
 * Reads and writes {@code profiles.json} in the config directory. Writes are atomic (a temporary
 * file moved over the old one). A file that cannot be read at all is moved aside as
 * {@code profiles.json.corrupt-<time>} and the defaults load; a file with some unusable profiles
 * is copied aside the same way and the usable ones load. Either way {@link Loaded#problem} says so
 * in a sentence for the window.
 */
public final class ProfileStore {

    private static final Logger LOG = Logger.getLogger(ProfileStore.class.getName());
    // a field missing from a hand-edited file reads as empty; validation then names the profile
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Path file;
    private final Path defaultDataDir;

    /**
     * @param configDir      where {@code profiles.json} lives
     * @param defaultDataDir the embedded demo's data directory, for the default profile
     */
    public ProfileStore(Path configDir, Path defaultDataDir) {
        this.file = configDir.resolve("profiles.json");
        this.defaultDataDir = defaultDataDir;
    }

    /** What was loaded, and what the user should be told about it. */
    public record Loaded(ProfileBook book, Optional<String> problem) {}

    public Path file() {
        return file;
    }

    public Loaded load() {
        if (!Files.exists(file)) {
            return new Loaded(ProfileBook.defaults(defaultDataDir), Optional.empty());
        }
        ProfileBook read;
        try {
            read = JSON.readValue(file.toFile(), ProfileBook.class);
            if (read == null) {
                throw new IOException("the file is empty");
            }
        } catch (IOException | RuntimeException e) {
            Path aside = setAside(true);
            String problem =
                    "Your connection profiles could not be read, so the defaults are loaded. The old file is kept as "
                            + (aside == null ? file : aside) + ".";
            LOG.warning(problem + " (" + firstLine(e.getMessage()) + ")");
            return new Loaded(ProfileBook.defaults(defaultDataDir), Optional.of(problem));
        }
        List<Profile> usable = new ArrayList<>();
        List<String> dropped = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        ProfileBook checked = new ProfileBook(ProfileBook.VERSION, List.of(), read.lastUsed());
        for (Profile p : read.profiles()) {
            if (p == null) {
                dropped.add("an empty entry");
                continue;
            }
            ProfileForm.Result r =
                    ProfileForm.of(p).validate(p.id(), checked, Path.of(System.getProperty("user.home")));
            if (r instanceof ProfileForm.Result.Valid(Profile valid) && ids.add(p.id())) {
                usable.add(valid);
                checked = checked.withSaved(valid);
            } else {
                dropped.add("\"" + p.name() + "\"");
            }
        }
        ProfileBook book = usable.isEmpty()
                ? ProfileBook.defaults(defaultDataDir)
                : new ProfileBook(ProfileBook.VERSION, usable, read.lastUsed());
        if (dropped.isEmpty()) {
            return new Loaded(book, Optional.empty());
        }
        Path aside = setAside(false);
        String problem = "Some connection profiles were unusable and are not shown (" + String.join(", ", dropped)
                + "). The file as it was is kept as " + (aside == null ? file : aside) + ".";
        LOG.warning(problem);
        return new Loaded(book, Optional.of(problem));
    }

    /** Writes the whole book atomically. Blocking: call it off the FX thread. */
    public void save(ProfileBook book) throws IOException {
        Files.createDirectories(file.getParent());
        AtomicFiles.write(file, out -> JSON.writeValue(out, book));
    }

    /** Moves (or copies) the file to a dated backup beside it; null when that failed too. */
    private Path setAside(boolean move) {
        Path aside = file.resolveSibling(
                file.getFileName() + ".corrupt-" + Instant.now().toEpochMilli());
        try {
            if (move) {
                Files.move(file, aside, StandardCopyOption.REPLACE_EXISTING);
            } else {
                Files.copy(file, aside, StandardCopyOption.REPLACE_EXISTING);
            }
            return aside;
        } catch (IOException e) {
            LOG.warning("Could not keep the unreadable profiles file aside: " + e.getMessage());
            return null;
        }
    }

    private static String firstLine(String s) {
        return s == null ? "" : s.lines().findFirst().orElse("");
    }
}
