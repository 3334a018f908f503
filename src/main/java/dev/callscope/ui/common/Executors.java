package dev.callscope.ui.common;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadFactory;

/**
 * The window's named daemon executors, all made here: views never run engine calls, file writes or
 * keyring calls on unnamed or FX threads (docs/ARCHITECTURE.md, "Threads").
 */
public final class Executors {

    private Executors() {}

    /** Engine queries for the views (virtual threads: they mostly wait on the engine). */
    public static ExecutorService queries() {
        ThreadFactory f = Thread.ofVirtual().name("callscope-query-", 0).factory();
        return java.util.concurrent.Executors.newThreadPerTaskExecutor(f);
    }

    /** Opening connections: library fetch, schema, demo generation. One at a time. */
    public static ExecutorService connect() {
        return single("callscope-connect");
    }

    /** Saving settings.json: one writer keeps the saves in order. */
    public static ExecutorService settings() {
        return single("callscope-settings");
    }

    /** Writing profiles and talking to the keyring, one thing at a time. */
    public static ExecutorService profiles() {
        return single("callscope-profiles");
    }

    private static ExecutorService single(String name) {
        return java.util.concurrent.Executors.newSingleThreadExecutor(
                Thread.ofPlatform().name(name).daemon().factory());
    }
}
