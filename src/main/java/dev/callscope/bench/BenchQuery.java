package dev.callscope.bench;

import dev.callscope.engine.Query;
import java.util.function.Function;

/**
 * One measured view query: a name, the issue whose target it checks, and how to build it for a
 * dataset (the SQL text names tables; values are bound; null when the dataset lacks its layout).
 *
 * @param ours for a peer's query (the SQL another tool sends for the same question), the name of
 *             Callscope's query it is compared with; null for Callscope's own
 */
record BenchQuery(String name, String target, Function<BenchContext, Query> build, String ours) {

    BenchQuery(String name, String target, Function<BenchContext, Query> build) {
        this(name, target, build, null);
    }

    /** Whether it reads log lines: Callscope's Logs queries, and the peers' they are compared with. */
    boolean readsLogs() {
        return name.startsWith("Logs") || (ours != null && ours.startsWith("Logs"));
    }
}
