package dev.callscope.batches;

import dev.callscope.calls.EventSchema;
import dev.callscope.calls.FunctionDirectory;
import dev.callscope.chart.Palette;
import dev.callscope.cost.Prices;
import dev.callscope.demo.BenchBatch;
import dev.callscope.engine.Engine;
import dev.callscope.testing.DemoData;
import dev.callscope.testing.TestEngine;
import dev.callscope.time.DataNow;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The Batches tab's numbers on a job of 200,000 inputs, as the tab gets them off the FX thread:
 * the job read (where its rows are, then every input), then every number it shows (counts,
 * percentiles, straggler share, the slowest inputs) and the progress chart. Run with
 * {@code ./mvnw test -Dsurefire.excludedGroups= -Dgroups=bench -Dtest=BatchJobBench}; add
 * {@code -Dcallscope.bench.dataDir=DIR -Dcallscope.bench.database=DB} for a dataset built by
 * {@code callscope bench} (the full-scale one has its 200k job); otherwise the test workload gets one.
 */
@Tag("bench")
class BatchJobBench {

    private static final String DB = System.getProperty("callscope.bench.database", "callscope");
    private static final int WARMUPS = Integer.getInteger("callscope.bench.warmups", 3);
    private static final int RUNS = 15;

    @BeforeAll
    static void job() {
        if (DB.equals("callscope")) {
            DemoData.ensureLoaded(3000);
            BenchBatch.ensure(TestEngine.shared(), DB);
        }
    }

    @Test
    void loadAndNumbers() {
        Engine engine = TestEngine.shared();
        String batch = BenchBatch.largest(engine, DB, 1);
        Instant now = DataNow.of(new FunctionDirectory(DB).newestEvent(engine), Instant.now());
        BatchQuery query = new BatchQuery(EventSchema.canonical(DB));
        long[] times = new long[RUNS];
        int inputs = 0;
        for (int i = -WARMUPS; i < RUNS; i++) {
            long t0 = System.nanoTime();
            BatchJob job = query.load(engine, batch, now, Prices.EXAMPLES).job();
            job.run();
            job.stragglerShare();
            BatchProgress.throughput(job, BatchProgress.of(job, Palette.light()), Palette.light());
            if (i >= 0) {
                times[i] = System.nanoTime() - t0;
            }
            inputs = job.inputs().size();
        }
        Arrays.sort(times);
        System.out.printf(
                Locale.ROOT,
                "Batch job of %,d inputs: read, counted and charted p50 %.0f ms, p90 %.0f ms over %d runs%n",
                inputs,
                times[RUNS / 2] / 1e6,
                times[(int) Math.ceil(0.9 * RUNS) - 1] / 1e6,
                RUNS);
    }
}
