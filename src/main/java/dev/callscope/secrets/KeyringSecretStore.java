package dev.callscope.secrets;

import com.github.javakeyring.BackendNotSupportedException;
import com.github.javakeyring.Keyring;
import com.github.javakeyring.PasswordAccessException;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * The operating system's keyring through java-keyring: Secret Service (GNOME Keyring, KWallet's
 * bridge) on Linux, the Keychain on macOS, the Credential Manager on Windows. Where none answers
 * (a headless Linux without a D-Bus session, a minimal container), {@link #detect} says so and
 * Callscope asks for passwords at connect time instead.
 */
public final class KeyringSecretStore implements SecretStore {

    private static final Logger LOG = Logger.getLogger(KeyringSecretStore.class.getName());
    /** The keyring entry's service name; the account is the profile id. */
    static final String SERVICE = "Callscope";

    private final Keyring keyring;
    private final String kind;

    private KeyringSecretStore(Keyring keyring) {
        this.keyring = keyring;
        this.kind = switch (keyring.getKeyringStorageType()) {
            case GNOME_KEYRING -> "Secret Service keyring";
            case KWALLET -> "KWallet";
            case OSX_KEYCHAIN, LEGACY_OSX_KEYCHAIN -> "macOS Keychain";
            case WINDOWS_CREDENTIAL_STORE -> "Windows Credential Manager";
        };
    }

    /** The outcome of looking for a keyring: the store, or why there is none. */
    public record Detection(Optional<SecretStore> store, String explanation) {
        public boolean available() {
            return store.isPresent();
        }
    }

    /** Looks for a usable keyring backend. Blocking (it may talk to D-Bus): off the FX thread. */
    public static Detection detect() {
        try {
            KeyringSecretStore store = new KeyringSecretStore(Keyring.create());
            return new Detection(Optional.of(store), "Passwords are kept in the " + store.kind + ".");
        } catch (BackendNotSupportedException | RuntimeException | LinkageError e) {
            LOG.info("No OS keyring: " + e.getMessage());
            return new Detection(
                    Optional.empty(),
                    "No keyring was found on this computer (" + e.getMessage()
                            + "), so passwords are asked for when connecting.");
        }
    }

    @Override
    public String describe() {
        return "the " + kind;
    }

    @Override
    public Optional<String> read(String key) throws SecretStoreException {
        try {
            return Optional.ofNullable(keyring.getPassword(SERVICE, key));
        } catch (PasswordAccessException e) {
            // java-keyring reports a missing entry the same way as a failure to read one
            LOG.fine(() -> "keyring read for " + key + ": " + e.getMessage());
            return Optional.empty();
        } catch (RuntimeException e) {
            throw new SecretStoreException(
                    "Could not read from " + describe() + ": " + e.getClass().getSimpleName(), e);
        }
    }

    @Override
    public void write(String key, String secret) throws SecretStoreException {
        try {
            keyring.setPassword(SERVICE, key, secret);
        } catch (PasswordAccessException | RuntimeException e) {
            throw new SecretStoreException("Could not save the password in " + describe(), e);
        }
    }

    @Override
    public void delete(String key) throws SecretStoreException {
        try {
            keyring.deletePassword(SERVICE, key);
        } catch (PasswordAccessException e) {
            LOG.fine(() -> "keyring delete for " + key + ": nothing to delete");
        } catch (RuntimeException e) {
            throw new SecretStoreException("Could not remove the password from " + describe(), e);
        }
    }
}
