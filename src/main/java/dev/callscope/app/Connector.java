package dev.callscope.app;

import dev.callscope.engine.Engine;

/**
 * Opens an {@link Engine} for a {@link ConnectionTarget}: for the embedded target it fetches the
 * engine library if needed, creates the schema and generates the demo workload on first use.
 * Blocking; call it from a background thread.
 */
@FunctionalInterface
public interface Connector {

    /**
     * @throws ConnectException with a message fit to show a user
     */
    Engine open(ConnectionTarget target, ProgressListener progress) throws ConnectException;

    /** A connection that could not be made; the message says why in a user's words. */
    final class ConnectException extends Exception {
        public ConnectException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
