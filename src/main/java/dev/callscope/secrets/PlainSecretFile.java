package dev.callscope.secrets;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.callscope.platform.AtomicFiles;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.logging.Logger;

/**
 * Passwords in plain text, in {@code passwords.json} beside the profiles: only for profiles whose
 * user chose it explicitly (no keyring, and no wish to type the password each time). The file is
 * readable by its owner only ({@code rw-------}) from the moment it exists, and written whole or
 * not at all. On file systems without POSIX permissions (Windows) it relies on the per-user
 * profile folder's access rules.
 */
public final class PlainSecretFile implements SecretStore {

    private static final Logger LOG = Logger.getLogger(PlainSecretFile.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();
    static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private final Path file;

    public PlainSecretFile(Path configDir) {
        this.file = configDir.resolve("passwords.json");
    }

    public Path file() {
        return file;
    }

    @Override
    public String describe() {
        return "a plain-text file readable only by you (" + file + ")";
    }

    @Override
    public synchronized Optional<String> read(String key) throws SecretStoreException {
        return Optional.ofNullable(load().get(key));
    }

    @Override
    public synchronized void write(String key, String secret) throws SecretStoreException {
        Map<String, String> all = load();
        all.put(key, secret);
        save(all);
    }

    @Override
    public synchronized void delete(String key) throws SecretStoreException {
        Map<String, String> all = load();
        if (all.remove(key) != null) {
            save(all);
        }
    }

    private Map<String, String> load() throws SecretStoreException {
        if (!Files.exists(file)) {
            return new TreeMap<>();
        }
        try {
            tightenIfLoose();
            Map<String, String> all = JSON.readValue(file.toFile(), new TypeReference<TreeMap<String, String>>() {});
            return all == null ? new TreeMap<>() : all;
        } catch (IOException e) {
            // the message of a parse error may quote the file's content: keep it out
            throw new SecretStoreException("The saved passwords file " + file + " cannot be read", null);
        }
    }

    private void save(Map<String, String> all) throws SecretStoreException {
        try {
            Files.createDirectories(file.getParent());
            AtomicFiles.writeOwnerOnly(file, out -> JSON.writeValue(out, all));
        } catch (IOException e) {
            throw new SecretStoreException("Could not save the passwords file " + file + ": " + e.getMessage(), e);
        }
    }

    /** Someone widened the file's permissions: narrow them again before reading secrets from it. */
    private void tightenIfLoose() throws IOException {
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")
                && !Files.getPosixFilePermissions(file).equals(OWNER_ONLY)) {
            LOG.warning("The passwords file " + file + " was readable by others; it is owner-only again");
            Files.setPosixFilePermissions(file, OWNER_ONLY);
        }
    }
}
