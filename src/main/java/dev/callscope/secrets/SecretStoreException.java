package dev.callscope.secrets;

/** A secret could not be read or written; the message names the store, never the secret. */
public final class SecretStoreException extends Exception {

    public SecretStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
