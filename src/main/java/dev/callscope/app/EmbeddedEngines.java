package dev.callscope.app;

import dev.callscope.engine.Guardrails;
import dev.callscope.engine.embedded.ChdbEngine;
import dev.callscope.engine.embedded.ChdbLibraryLocator;
import dev.callscope.engine.embedded.EngineUnavailableException;
import dev.callscope.platform.AppDirs;
import dev.callscope.platform.BuildInfo;
import java.nio.file.Path;

/** Opens the embedded engine: finds (or fetches) libchdb, then opens a data directory. */
public final class EmbeddedEngines {

    /** Query connections: enough for a view's page, histogram and count to run side by side. */
    static final int POOL_SIZE = 3;

    private EmbeddedEngines() {}

    /** Opens the engine with every read under the default limits (30 s, the result caps), as a server would be read. */
    public static ChdbEngine open(AppDirs dirs, Path dataDir, ProgressListener progress)
            throws EngineUnavailableException {
        return open(dirs, dataDir, progress, Guardrails.DEFAULTS);
    }

    /** As {@link #open(AppDirs, Path, ProgressListener)}, with reads under {@code limits} (null: none). */
    public static ChdbEngine open(AppDirs dirs, Path dataDir, ProgressListener progress, Guardrails limits)
            throws EngineUnavailableException {
        Path library = new ChdbLibraryLocator(BuildInfo.load(), dirs.cache()).locate(progress::update);
        progress.update("Opening the embedded engine…", -1);
        return ChdbEngine.open(library, dataDir, POOL_SIZE, limits);
    }
}
