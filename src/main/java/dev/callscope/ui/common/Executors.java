package dev.callscope.ui.common;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadFactory;

/** The app's named daemon executors: views never run engine calls on unnamed or FX threads. */
public final class Executors {

    private Executors() {}

    /** Engine queries for the views (virtual threads: they mostly wait on the engine). */
    public static ExecutorService queries() {
        ThreadFactory f = Thread.ofVirtual().name("callscope-query-", 0).factory();
        return java.util.concurrent.Executors.newThreadPerTaskExecutor(f);
    }

    /** Opening connections: library fetch, schema, demo generation. One at a time. */
    public static ExecutorService connect() {
        return java.util.concurrent.Executors.newSingleThreadExecutor(
                Thread.ofPlatform().name("callscope-connect").daemon().factory());
    }
}
