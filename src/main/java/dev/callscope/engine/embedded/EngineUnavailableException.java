package dev.callscope.engine.embedded;

/** The embedded engine cannot be had on this machine; the message says why and what to do instead. */
public final class EngineUnavailableException extends Exception {

    public EngineUnavailableException(String message) {
        super(message);
    }

    public EngineUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
