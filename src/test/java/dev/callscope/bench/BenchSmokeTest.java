package dev.callscope.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.callscope.testing.DemoData;
import dev.callscope.testing.TestEngine;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The benchmark at toy scale, as CI runs it: every query the full benchmark measures runs on the
 * demo workload and answers something sane. No timings are asserted here; docs/BENCHMARKS.md
 * holds the measured ones.
 */
class BenchSmokeTest {

    @Test
    void everyBenchmarkQueryRunsAndAnswers() {
        DemoData.ensureLoaded(3000);
        // the dataset as a user's own table too, raw and accelerated, as bench --user-table adds it
        UserShapedTable.ensure(TestEngine.shared(), "callscope");
        StringWriter progress = new StringWriter();
        List<Benchmark.Result> results =
                new Benchmark(TestEngine.shared(), "callscope", 0, 1).run(new PrintWriter(progress), "");
        assertEquals(BenchQueries.all().size(), results.size());
        Map<String, Benchmark.Result> byName =
                results.stream().collect(Collectors.toMap(Benchmark.Result::name, Function.identity()));
        for (Benchmark.Result r : results) {
            assertTrue(r.rowsRead() > 0, r.name() + " read nothing");
            assertTrue(r.coldMs() > 0 && r.appP50() > 0, r.name());
        }
        // queries over the busiest hour, the last day and a known call find what the workload holds
        for (String name : List.of(
                "Logs: newest 100 for a word (first window)",
                "Logs: match histogram, 24 h",
                "Timeline: busiest hour of the busiest function",
                "Timeline: one call by id",
                "Functions: table, 24 h",
                "Performance: exact p50/p90/p99 by minute, 24 h, all functions")) {
            assertTrue(byName.get(name).resultRows() > 0, name + " returned no rows");
        }
        assertTrue(byName.get("Logs: newest 100 for a word (first window)").resultRows() <= 100);
        // the summary and the raw events answer the same shape
        assertEquals(
                byName.get("Functions: table, 24 h, from raw events (no summary table)")
                        .resultRows(),
                byName.get("Functions: table, 24 h").resultRows());
        assertEquals(
                byName.get("Performance: the same from raw events (no summary table)")
                        .resultRows(),
                byName.get("Performance: exact p50/p90/p99 by minute, 24 h, all functions")
                        .resultRows());
        // a user's own table, read raw or accelerated, answers like Callscope's tables
        for (String view : List.of("Functions, 24 h", "Performance by minute, 24 h")) {
            assertEquals(
                    byName.get("User's table: " + view + ", raw").resultRows(),
                    byName.get("User's table: " + view + ", accelerated").resultRows(),
                    view);
        }
        assertEquals(
                byName.get("Functions: table, 24 h").resultRows(),
                byName.get("User's table: Functions, 24 h, accelerated").resultRows());
        String table = Benchmark.markdown(results);
        // a row per query (the peers' in a table of their own, beside Callscope's), and a header line for each table
        assertEquals(
                results.size() + 2,
                table.lines().filter(l -> l.startsWith("| ")).count(),
                table);
        assertTrue(table.contains("| Peer (Modal): Functions, 24 h"), table);
    }

    /** bench --live at toy scale: the reads ran while rows arrived, and a finished call was seen. */
    @Test
    void liveWritesAreReadWhileTheyArrive() throws InterruptedException {
        String db = TestEngine.freshDatabase("live");
        StringWriter progress = new StringWriter();
        LiveWrites.Result r =
                LiveWrites.run(TestEngine.shared(), db, 2_000, 300, Duration.ofSeconds(10), new PrintWriter(progress));
        assertTrue(r.feed().events() > 1_000, "the feed wrote " + r.feed());
        assertTrue(r.probes() >= 5, "reads during the writes: " + r.probes());
        assertEquals(2, r.layouts().size());
        for (LiveWrites.Reads l : r.layouts()) {
            assertTrue(l.functionsP50() > 0 && l.performanceP50() > 0, l.toString());
            assertTrue(l.tabP50() >= l.functionsP50(), "the whole tab holds its table's query: " + l);
            // a finished call was seen by the views' own read, and not before it finished
            assertTrue(l.visibleP50() > 0 && Double.isFinite(l.visibleMax()), l.toString());
        }
        String table = LiveWrites.markdown(r);
        assertTrue(
                table.contains("| a user's table, accelerated | Functions table (with the rollup's seal), its query |"),
                table);
        assertTrue(
                table.contains("| a user's table, accelerated | Functions tab, whole: the table, No finish, names |"));
        assertTrue(table.contains("| a finished call visible to the views"), table);
    }
}
