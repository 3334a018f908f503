package dev.callscope.engine.embedded;

/** Progress of fetching the engine library; called from the fetching thread. */
@FunctionalInterface
public interface FetchProgress {

    /**
     * @param message  what is happening, in words a user understands
     * @param fraction 0..1 of the current step when known, or a negative number when not
     */
    void update(String message, double fraction);
}
