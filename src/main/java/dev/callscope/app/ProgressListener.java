package dev.callscope.app;

/** Receives progress of long work (engine fetch, demo generation); called from the working thread. */
@FunctionalInterface
public interface ProgressListener {

    /**
     * @param message  what is happening, in words a user understands
     * @param fraction 0..1 when known, or a negative number when indeterminate
     */
    void update(String message, double fraction);

    ProgressListener NONE = (message, fraction) -> {};
}
