package dev.callscope.profiles;

import dev.callscope.secrets.KeyringSecretStore;
import dev.callscope.secrets.PlainSecretFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * The profiles of this user and their passwords, shared by the window and the connection dialog.
 * Holds the current {@link ProfileBook}; {@link #save} replaces it and writes it atomically.
 * Saving and password calls block: call them off the FX thread.
 */
public final class Profiles {

    private final ProfileStore store;
    private final SavedPasswords passwords;
    private final Optional<String> loadProblem;
    private ProfileBook book;

    public Profiles(ProfileStore store, SavedPasswords passwords) {
        this.store = store;
        this.passwords = passwords;
        ProfileStore.Loaded loaded = store.load();
        this.book = loaded.book();
        this.loadProblem = loaded.problem();
    }

    /** The user's profiles in {@code configDir}, with the OS keyring (looked for on first use). */
    public static Profiles open(Path configDir, Path defaultDataDir) {
        return new Profiles(
                new ProfileStore(configDir, defaultDataDir),
                new SavedPasswords(KeyringSecretStore::detect, new PlainSecretFile(configDir)));
    }

    public synchronized ProfileBook book() {
        return book;
    }

    /** What went wrong reading the file at start-up, for the window to show. */
    public Optional<String> loadProblem() {
        return loadProblem;
    }

    /** Makes {@code next} the current book and writes it. */
    public synchronized void save(ProfileBook next) throws IOException {
        store.save(next);
        book = next;
    }

    public SavedPasswords passwords() {
        return passwords;
    }

    public Path file() {
        return store.file();
    }

    /**
     * Before profiles existed, settings.json remembered one embedded directory and one server (no
     * password). On the first run with profiles, those become profiles, so nothing the user set up
     * is lost; the embedded one stays the one to start with.
     */
    public synchronized void importLegacy(String embeddedDataDir, String serverUrl, String user, String database) {
        if (Files.exists(store.file()) || loadProblem.isPresent()) {
            return;
        }
        ProfileBook next = book;
        if (embeddedDataDir != null && !embeddedDataDir.isBlank()) {
            Profile demo = next.byId(ProfileBook.DEMO_ID).orElseThrow();
            next = next.withSaved(Profile.embedded(demo.id(), demo.name(), Path.of(embeddedDataDir)));
        }
        if (serverUrl != null && !serverUrl.isBlank()) {
            try {
                ProfileForm.Pasted pasted = ProfileForm.blankServer("Server")
                        .withUser(user == null ? "" : user)
                        .withDatabase(database == null ? "" : database)
                        .paste(serverUrl);
                if (pasted.form().validate("server", next, Path.of(System.getProperty("user.home")))
                        instanceof ProfileForm.Result.Valid(Profile server)) {
                    next = next.withSaved(server);
                }
            } catch (IllegalArgumentException e) {
                // an unreadable old URL: the user can add the server again
            }
        }
        if (next.equals(book)) {
            return;
        }
        try {
            save(next);
        } catch (IOException e) {
            Logger.getLogger(Profiles.class.getName()).warning("Could not write profiles: " + e.getMessage());
        }
    }

    /** A new profile id. */
    public static String newId() {
        return UUID.randomUUID().toString();
    }
}
