package dev.callscope.bench;

import dev.callscope.engine.Query;
import java.util.function.Function;

/**
 * One measured view query: a name, the issue whose target it checks, and how to build it for a
 * dataset (the SQL text names tables; values are bound).
 */
record BenchQuery(String name, String target, Function<BenchContext, Query> build) {
}
