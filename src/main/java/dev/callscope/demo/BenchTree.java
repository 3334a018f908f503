package dev.callscope.demo;

import dev.callscope.engine.Engine;
import dev.callscope.engine.Identifiers;
import dev.callscope.engine.Query;
import dev.callscope.schema.Schema;
import java.util.ArrayList;
import java.util.List;

/**
 * Gives a benchmark dataset one call tree of about {@link #CALLS} calls (a pipeline whose
 * transcribe fans out to that many embeds), written among the dataset's own functions three hours
 * before its end, so the Call graph is measured where its bloom filter must find one tree among
 * millions of calls. Kept once written: a reused dataset measures the same tree.
 */
public final class BenchTree {

    public static final int CALLS = 100_000;

    private BenchTree() {}

    /** The root of the dataset's largest tree, writing one first when it has none of this size; or null when it cannot. */
    public static String ensure(Engine engine, String database) {
        String db = Schema.requireDatabaseName(database);
        String existing = largest(engine, db, CALLS);
        if (existing != null) {
            return existing;
        }
        List<DemoFunction> functions = datasetFunctions(engine, db);
        long endUs = Long.parseLong(engine.queryScalar(
                Query.of("SELECT toUnixTimestamp64Micro(max(event_at)) FROM " + db + "." + Schema.EVENTS_TABLE)));
        CallTrees.Big big = CallTrees.big(functions, 7, endUs - 3 * 3_600_000_000L, CALLS, endUs);
        if (big.rows().rows() == 0) {
            return null;
        }
        engine.insert(db + "." + Schema.EVENTS_TABLE, EventEncoder.LINKED_COLUMNS, "RowBinary", big.rows().stream());
        return big.root();
    }

    /** The dataset's own functions that the demo's catalog knows, with their ids. */
    static List<DemoFunction> datasetFunctions(Engine engine, String db) {
        List<DemoFunction> functions = new ArrayList<>();
        engine.query(
                Query.of("SELECT function_id, any(app_id), any(function_name) FROM " + db + "." + Schema.ATTEMPTS_TABLE
                        + " GROUP BY function_id"),
                rows -> {
                    while (rows.next()) {
                        String name = rows.getString(3);
                        FunctionCatalog.FUNCTIONS.stream()
                                .filter(p -> p.name().equals(name))
                                .findFirst()
                                .ifPresent(
                                        p -> functions.add(new DemoFunction(p, rows.getString(2), rows.getString(1))));
                    }
                    return null;
                });
        return functions;
    }

    /** The root of the dataset's largest call tree of at least {@code min} calls, or null. */
    public static String largest(Engine engine, String db, int min) {
        return largestGroup(engine, db, "root_call_id", min);
    }

    /** The value of {@code column} (a tree's root, a batch job) that the most calls share, at least {@code min}, or null. */
    static String largestGroup(Engine engine, String db, String column, int min) {
        Identifiers.require(column);
        return engine.query(
                        Query.of("SELECT " + column + ", uniqExact(function_call_id) AS n FROM " + db + "."
                                        + Schema.ATTEMPTS_TABLE + " WHERE " + column + " != '' GROUP BY " + column
                                        + " HAVING n >= {min:UInt32} ORDER BY n DESC, " + column + " LIMIT 1")
                                .bind("min", min),
                        rows -> rows.next() ? rows.getString(1) : null)
                .value();
    }
}
