package dev.callscope.bench;

import dev.callscope.engine.Query;
import java.util.function.Function;

/**
 * One measured view query: a name, the issue whose target it checks, and how to build it for a
 * database (the SQL text names tables; values are bound).
 */
record BenchQuery(String name, String target, Function<String, Query> build) {
}
