package dev.callscope.testing;

import dev.callscope.engine.Guardrails;
import dev.callscope.engine.Query;
import dev.callscope.engine.embedded.ChdbEngine;
import dev.callscope.engine.embedded.ChdbLibraryLocator;
import dev.callscope.engine.embedded.EngineUnavailableException;
import dev.callscope.platform.AppDirs;
import dev.callscope.platform.BuildInfo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * The real embedded engine for tests. chDB holds one data directory per process, so every test
 * in the JVM shares one engine on one temporary directory (separate databases keep tests apart).
 */
public final class TestEngine {

    private static ChdbEngine engine;
    private static Path dataDir;

    private TestEngine() {}

    public static synchronized ChdbEngine shared() {
        if (engine == null) {
            try {
                // benchmarks may point at an existing large dataset instead of generating one
                String existing = System.getProperty("callscope.bench.dataDir");
                // under target/, so the build's clean removes it (a test run's engine data is ~3 MB and
                // the engine's files outlive the JVM's exit hooks)
                dataDir = existing != null
                        ? Path.of(existing)
                        : Files.createTempDirectory(
                                Files.createDirectories(
                                        Path.of("target", "test-engines").toAbsolutePath()),
                                "engine-");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            engine = ChdbEngine.open(library(), dataDir, 3);
            if (System.getProperty("callscope.bench.dataDir") != null) {
                awaitStartupRefreshes(engine);
            }
        }
        return engine;
    }

    /**
     * Waits (at most 10 minutes) until every refreshable view has finished its first run since the engine opened. On
     * open the embedded engine seals the rollup from where it last stopped: on a reused dataset left for hours that
     * run reads millions of rows for seconds, on the same two cores the benchmark times. A server runs it on its own
     * schedule, so a benchmark measures the steady state after it (and says how long it waited).
     */
    private static void awaitStartupRefreshes(ChdbEngine engine) {
        Query pending = Query.of("SELECT count() FROM system.view_refreshes"
                + " WHERE status IN ('Running', 'RunningOnAnotherReplica') OR last_success_time IS NULL");
        long t0 = System.nanoTime();
        long deadline = t0 + TimeUnit.MINUTES.toNanos(10);
        while (!"0".equals(engine.queryScalar(pending))) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("The engine's refreshable views did not finish within 10 minutes");
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for the engine's refreshes", e);
            }
        }
        System.err.printf(
                Locale.ROOT,
                "[bench] waited %.1f s for the engine's start-up refresh of the rollup before timing%n",
                (System.nanoTime() - t0) / 1e9);
    }

    /** Closes the shared engine and opens it again on the same data directory. */
    public static synchronized ChdbEngine restart() {
        shared().close();
        engine = ChdbEngine.open(library(), dataDir, 3);
        return engine;
    }

    /** A second engine on the shared data directory whose reads run under {@code limits}; the caller closes it. */
    public static synchronized ChdbEngine limited(Guardrails limits) {
        shared();
        return ChdbEngine.open(library(), dataDir, 1, limits);
    }

    public static Path library() {
        try {
            return new ChdbLibraryLocator(
                            BuildInfo.load(), AppDirs.forCurrentUser().cache())
                    .locate((line, fraction) -> System.err.println("[engine] " + line));
        } catch (EngineUnavailableException e) {
            throw new IllegalStateException("The embedded engine is required for tests: " + e.getMessage(), e);
        }
    }

    /** A fresh database with a unique name, for tests that create tables. */
    public static String freshDatabase(String prefix) {
        String name = prefix + "_" + Long.toHexString(System.nanoTime());
        shared().execute(Query.of("CREATE DATABASE " + name));
        return name;
    }
}
