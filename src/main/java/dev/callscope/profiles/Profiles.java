package dev.callscope.profiles;

import dev.callscope.secrets.KeyringSecretStore;
import dev.callscope.secrets.PlainSecretFile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.UUID;

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
        return new Profiles(new ProfileStore(configDir, defaultDataDir),
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

    /** A new profile id. */
    public static String newId() {
        return UUID.randomUUID().toString();
    }
}
