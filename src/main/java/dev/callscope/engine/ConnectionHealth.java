package dev.callscope.engine;

/**
 * Whether an engine's server can be reached, as its recent queries found. The embedded engine is
 * always {@link #CONNECTED}; a remote one moves between the three as the network comes and goes.
 */
public enum ConnectionHealth {
    /** The last query reached the server (it may still have failed for its own reasons). */
    CONNECTED,
    /** A read lost its connection and is being tried again after a pause. */
    RETRYING,
    /** The server could not be reached, even after retrying. */
    OFFLINE;

    /** The cheapest read there is: what the window sends to learn whether an offline server is back. */
    public static Query probe() {
        return Query.of("SELECT 1");
    }
}
