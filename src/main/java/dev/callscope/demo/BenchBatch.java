package dev.callscope.demo;

import dev.callscope.engine.Engine;
import dev.callscope.engine.Query;
import dev.callscope.schema.Schema;
import java.util.List;

/**
 * Gives a benchmark dataset one batch job of {@link #INPUTS} inputs (an {@code embed_corpus_batch} map, 256 at a
 * time), submitted four hours before its end among the dataset's own functions, so the Batches tab is measured where
 * its bloom filter must find one job among millions of calls. Kept once written: a reused dataset measures the same job.
 */
public final class BenchBatch {

    public static final int INPUTS = 200_000;

    private BenchBatch() {}

    /** The id of the dataset's largest job, writing one first when it has none of this size; or null when it cannot. */
    public static String ensure(Engine engine, String database) {
        String db = Schema.requireDatabaseName(database);
        String existing = largest(engine, db, INPUTS);
        if (existing != null) {
            return existing;
        }
        List<DemoFunction> functions = BenchTree.datasetFunctions(engine, db);
        long endUs = Long.parseLong(engine.queryScalar(
                Query.of("SELECT toUnixTimestamp64Micro(max(event_at)) FROM " + db + "." + Schema.EVENTS_TABLE)));
        BatchJobs.Result r = BatchJobs.write(
                functions,
                11,
                List.of(new BatchJobs.Plan("embed_corpus_batch", INPUTS, 256, 1.5, 4 * 3_600_000_000L)),
                endUs);
        if (r.rows().rows() == 0) {
            return null;
        }
        engine.insert(db + "." + Schema.EVENTS_TABLE, EventEncoder.BATCH_COLUMNS, "RowBinary", r.rows().stream());
        return r.lastBatch();
    }

    /** The dataset's largest batch job of at least {@code min} inputs, or null. */
    public static String largest(Engine engine, String db, int min) {
        return BenchTree.largestGroup(engine, db, "batch_id", min);
    }
}
