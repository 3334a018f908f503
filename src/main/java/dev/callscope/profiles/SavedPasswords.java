package dev.callscope.profiles;

import dev.callscope.secrets.KeyringSecretStore;
import dev.callscope.secrets.SecretStore;
import dev.callscope.secrets.SecretStoreException;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Where each profile's password is kept, following its choice: the OS keyring when there is one,
 * never (asked at connect time), or a plain owner-only file when the user chose that. A profile
 * that wants the keyring on a computer without one is asked at connect time, and nothing is
 * written anywhere. All calls may block (keyring IPC, file I/O): off the FX thread.
 */
public final class SavedPasswords {

    private final Supplier<KeyringSecretStore.Detection> detector;
    private final SecretStore plainFile;
    private KeyringSecretStore.Detection detection;

    /**
     * @param detector  finds the keyring, once, on first use ({@link KeyringSecretStore#detect})
     * @param plainFile the owner-only file for profiles that opted in
     */
    public SavedPasswords(Supplier<KeyringSecretStore.Detection> detector, SecretStore plainFile) {
        this.detector = detector;
        this.plainFile = plainFile;
    }

    private synchronized KeyringSecretStore.Detection keyring() {
        if (detection == null) {
            detection = detector.get();
        }
        return detection;
    }

    /** Whether a keyring answers on this computer. */
    public boolean keyringAvailable() {
        return keyring().available();
    }

    /** A sentence about the keyring, for the connection dialog. */
    public String keyringExplanation() {
        return keyring().explanation();
    }

    /** Where this profile's password really goes: its choice, or ASK when it wants a keyring there is not. */
    public Profile.PasswordStorage effective(Profile p) {
        Profile.PasswordStorage chosen = chosen(p);
        if (chosen == Profile.PasswordStorage.KEYRING && !keyringAvailable()) {
            return Profile.PasswordStorage.ASK;
        }
        return chosen;
    }

    /** Where the profile asks for its password to be kept; an embedded profile has none to keep. */
    private static Profile.PasswordStorage chosen(Profile p) {
        return p instanceof Profile.Server s ? s.password() : Profile.PasswordStorage.ASK;
    }

    /** The saved password, or empty when the user has to be asked. */
    public Optional<String> read(Profile p) throws SecretStoreException {
        return switch (effective(p)) {
            case KEYRING -> keyring().store().orElseThrow().read(p.id());
            case PLAIN_FILE -> plainFile.read(p.id());
            case ASK -> Optional.empty();
        };
    }

    /** Keeps {@code password} where the profile says, and removes it from anywhere else. */
    public void remember(Profile p, String password) throws SecretStoreException {
        Profile.PasswordStorage where = effective(p);
        if (where != Profile.PasswordStorage.PLAIN_FILE) {
            plainFile.delete(p.id());
        }
        Optional<SecretStore> keyring = keyring().store();
        if (keyring.isPresent() && where != Profile.PasswordStorage.KEYRING) {
            keyring.get().delete(p.id());
        }
        switch (where) {
            case KEYRING -> keyring.orElseThrow().write(p.id(), password);
            case PLAIN_FILE -> plainFile.write(p.id(), password);
            case ASK -> {}
        }
    }

    /** Removes the profile's password from every store (the profile was deleted). */
    public void forget(Profile p) throws SecretStoreException {
        plainFile.delete(p.id());
        Optional<SecretStore> keyring = keyring().store();
        if (keyring.isPresent()) {
            keyring.get().delete(p.id());
        }
    }
}
