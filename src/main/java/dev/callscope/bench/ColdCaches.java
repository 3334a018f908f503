package dev.callscope.bench;

import dev.callscope.engine.Engine;
import dev.callscope.engine.EngineException;
import dev.callscope.engine.Query;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Makes the next query cold: the engine's mark, uncompressed, query-condition and query caches,
 * and, where the process may (root on Linux), the OS page cache. What could not be dropped is
 * skipped; {@link #osPageCacheDroppable()} says whether "cold" includes the disk.
 */
final class ColdCaches {

    private static final List<String> ENGINE_CACHES = List.of(
            "SYSTEM DROP MARK CACHE",
            "SYSTEM DROP UNCOMPRESSED CACHE",
            "SYSTEM DROP QUERY CONDITION CACHE",
            "SYSTEM DROP QUERY CACHE");
    private static final Path DROP_CACHES = Path.of("/proc/sys/vm/drop_caches");

    private ColdCaches() {}

    static void drop(Engine engine) {
        for (String statement : ENGINE_CACHES) {
            try {
                engine.execute(Query.of(statement));
            } catch (EngineException unsupported) {
                // an older server without this cache: nothing to drop
            }
        }
        if (osPageCacheDroppable()) {
            try {
                Files.writeString(DROP_CACHES, "1");
            } catch (IOException ignored) {
                // not permitted after all: the run is cold for the engine only
            }
        }
    }

    static boolean osPageCacheDroppable() {
        return Files.isWritable(DROP_CACHES);
    }
}
