package dev.callscope.secrets;

import java.util.Optional;

/**
 * Somewhere a connection's password can be kept between runs, by a key (a profile's id). Calls
 * may block (a keyring talks to another process, and may ask the user to unlock it): never call
 * them on the FX thread. Secrets never appear in messages or logs.
 */
public interface SecretStore {

    /** Where the secrets go, in a user's words ("the system keyring (Secret Service)"). */
    String describe();

    /** The secret saved under {@code key}, if any. */
    Optional<String> read(String key) throws SecretStoreException;

    void write(String key, String secret) throws SecretStoreException;

    /** Removes the secret; harmless when there is none. */
    void delete(String key) throws SecretStoreException;
}
