package dev.callscope.batches;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.callscope.calls.EventSchema;
import dev.callscope.chart.LineChart;
import dev.callscope.chart.Palette;
import dev.callscope.cli.CallscopeCommand;
import dev.callscope.cost.Prices;
import dev.callscope.engine.Engine;
import dev.callscope.engine.Query;
import dev.callscope.ids.CallscopeIds;
import dev.callscope.schema.Schema;
import dev.callscope.testing.BothEngines;
import dev.callscope.testing.CallEvents;
import dev.callscope.testing.TestEngine;
import dev.callscope.time.TimeRange;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Two batch jobs by hand, embedded and over HTTP. Seconds from T0; every input runs warm on one H100 at $0.001/s, so
 * an input's cost is its billed seconds / 1000. Now is T0+100.
 *
 * <pre>
 * job B (running), inputs enqueued at 0 (input 9 at 1):
 *   0  ran 1 → 11      done     run 10   latency 11
 *   1  ran 1 → 6       done     run 5    latency 6
 *   2  ran 2 → 22      done     run 20   latency 22
 *   3  ran 2 → 4 failed; retried at 5, ran 6 → 16   done, 2 attempts   run 10 (the last)   latency 16   billed 2 + 10
 *   4  ran 3 → 33      failed   run 30   latency 33
 *   5  ran 6 → 96      done, every event sent twice   run 90   latency 96
 *   6  ran 11 → 19     done, events sent newest first   run 8   latency 19
 *   7  ran 12 → no finish event: running, billed to now (88 s)
 *   8  waiting: pending, billed nothing
 *   9  enqueued 1, ran 20 → 99.5   done   run 79.5   latency 98.5
 * </pre>
 * Done 7, failed 1, pending 2; one retry. Finished in [now − 5 min, now): 8, so 8/300 inputs a second and the ETA
 * now + 2 · 300/8 = now + 75 s. Runs sorted 5, 8, 10, 10, 20, 30, 79.5, 90: p50 (rank 4) 10, p90 and p99 (rank 8)
 * 90. Latencies 6, 11, 16, 19, 22, 33, 96, 98.5: p50 19, p90 98.5. Billed 10 + 5 + 20 + 12 + 30 + 90 + 8 + 88 + 0
 * + 79.5 = 342.5 s, $0.3425. The slowest input is 5.
 *
 * <p>Job C (finished): 200 inputs enqueued and started at 0; input k &lt; 198 finished at 1 + k/100, input 198 at
 * 50, input 199 at 100. 99 % had finished at rank ⌈0.99 · 200⌉ = 198: 2.97. The tail took (100 − 2.97) / 100 =
 * 97.03 % of the wall time; 200 inputs in 100 s: 2 a second; no ETA.
 */
class BatchJobTest {

    private static final Instant T0 = Instant.parse("2026-11-20T10:00:00Z");
    private static final Instant NOW = T0.plusSeconds(100);
    private static final Prices PRICES = new Prices(Map.of("H100", 0.001), 0, 0, false);
    private static final String FN = "fu-01JBATCHEMBED000000000000";
    private static String db;
    private static String jobB;
    private static String jobC;
    private static BothEngines engines;

    private static Instant s(double seconds) {
        return T0.plusMillis(Math.round(seconds * 1000));
    }

    @BeforeAll
    static void jobs() throws Exception {
        Engine engine = TestEngine.shared();
        db = TestEngine.freshDatabase("batches");
        engine.execute(Query.of("DROP DATABASE " + db));
        Schema.create(engine, db);
        CallEvents base = new CallEvents(engine, db);
        Random random = new Random(7);
        jobB = CallscopeIds.at(CallscopeIds.Kind.BATCH, T0.toEpochMilli(), random);
        jobC = CallscopeIds.at(CallscopeIds.Kind.BATCH, T0.toEpochMilli(), random);
        double[][] b = {
            {0, 1, 11}, {0, 1, 6}, {0, 2, 22}, {}, {0, 3, 33}, {0, 6, 96}, {}, {0, 12, -1}, {0, -1, -1}, {1, 20, 99.5}
        };
        for (int i = 0; i < b.length; i++) {
            CallEvents in = base.inBatch(jobB, i);
            String id =
                    CallscopeIds.at(CallscopeIds.Kind.CALL, s(i == 9 ? 1 : 0).toEpochMilli(), random);
            switch (i) {
                case 3 -> {
                    in.insert(
                            FN,
                            "embed_corpus_batch",
                            id,
                            "queued",
                            s(0),
                            1,
                            "",
                            false,
                            s(0),
                            null,
                            null,
                            null,
                            null,
                            "pending");
                    in.insert(
                            FN,
                            "embed_corpus_batch",
                            id,
                            "started",
                            s(2),
                            1,
                            "ta-b",
                            false,
                            s(0),
                            null,
                            null,
                            s(2),
                            null,
                            "pending");
                    in.insert(
                            FN,
                            "embed_corpus_batch",
                            id,
                            "finished",
                            s(4),
                            1,
                            "ta-b",
                            false,
                            s(0),
                            null,
                            null,
                            s(2),
                            s(4),
                            "failure");
                    in.insert(
                            FN,
                            "embed_corpus_batch",
                            id,
                            "retried",
                            s(5),
                            2,
                            "",
                            false,
                            s(0),
                            null,
                            null,
                            null,
                            null,
                            "pending");
                    in.insert(
                            FN,
                            "embed_corpus_batch",
                            id,
                            "started",
                            s(6),
                            2,
                            "ta-b",
                            false,
                            s(0),
                            null,
                            null,
                            s(6),
                            null,
                            "pending");
                    in.insert(
                            FN,
                            "embed_corpus_batch",
                            id,
                            "finished",
                            s(16),
                            2,
                            "ta-b",
                            false,
                            s(0),
                            null,
                            null,
                            s(6),
                            s(16),
                            "success");
                }
                case 6 -> {
                    in.insert(
                            FN,
                            "embed_corpus_batch",
                            id,
                            "finished",
                            s(19),
                            1,
                            "ta-b",
                            false,
                            s(0),
                            null,
                            null,
                            s(11),
                            s(19),
                            "success");
                    in.insert(
                            FN,
                            "embed_corpus_batch",
                            id,
                            "started",
                            s(11),
                            1,
                            "ta-b",
                            false,
                            s(0),
                            null,
                            null,
                            s(11),
                            null,
                            "pending");
                    in.insert(
                            FN,
                            "embed_corpus_batch",
                            id,
                            "queued",
                            s(0),
                            1,
                            "",
                            false,
                            s(0),
                            null,
                            null,
                            null,
                            null,
                            "pending");
                }
                default -> {
                    double[] t = b[i];
                    in.warm(
                            FN,
                            "embed_corpus_batch",
                            id,
                            s(t[0]),
                            t[1] < 0 ? null : s(t[1]),
                            t[2] < 0 ? null : s(t[2]),
                            i == 4 ? "failure" : "success");
                    if (i == 5) {
                        in.warm(FN, "embed_corpus_batch", id, s(t[0]), s(t[1]), s(t[2]), "success"); // delivered twice
                    }
                }
            }
        }
        StringBuilder rows = new StringBuilder();
        for (int k = 0; k < 200; k++) {
            double fin = (k < 198 ? 1000 + 10 * k : k == 198 ? 50_000 : 100_000) / 1000.0;
            String id = CallscopeIds.at(CallscopeIds.Kind.CALL, T0.toEpochMilli(), random);
            for (String type : new String[] {"queued", "started", "finished"}) {
                rows.append(rows.isEmpty() ? "" : ",")
                        .append(String.format(
                                Locale.ROOT,
                                "('%s','%s',%s,'%s','embed_corpus_batch','ta-c',toDateTime64('%s',6,'UTC'),%s,%s,'%s','H100',1,'%s',%d,1)",
                                FN,
                                id,
                                at(type.equals("queued") ? 0 : type.equals("started") ? 0 : fin),
                                type,
                                T0,
                                type.equals("queued") ? "NULL" : at(0),
                                type.equals("finished") ? at(fin) : "NULL",
                                type.equals("finished") ? "success" : "pending",
                                jobC,
                                k));
            }
        }
        engine.execute(Query.of(
                "INSERT INTO " + db + ".function_call_events (function_id, function_call_id, event_at, event_type,"
                        + " function_name, container_id, enqueued_at, started_at, finished_at, status, gpu_type, gpu_count, batch_id, input_index, attempt)"
                        + " VALUES " + rows));
        engines = BothEngines.start();
    }

    private static String at(double seconds) {
        return "toDateTime64('" + s(seconds) + "', 6, 'UTC')";
    }

    @AfterAll
    static void stop() {
        engines.close();
    }

    private static BatchJob load(String which, String batch) {
        return new BatchQuery(EventSchema.canonical(db))
                .load(engines.engine(which), batch, NOW, PRICES)
                .job();
    }

    @ParameterizedTest
    @ValueSource(strings = {"embedded", "http"})
    void aRunningJobCountedByHand(String which) {
        BatchJob j = load(which, jobB);
        assertEquals("embed_corpus_batch", j.functionName());
        assertEquals(List.of(10, 7, 1, 2), List.of(j.inputs().size(), j.done(), j.failed(), j.pending()));
        assertEquals(1, j.retries());
        assertEquals(1, j.retriedInputs());
        assertEquals(8, j.finishedRecently());
        assertEquals(8 / 300.0, j.throughput(), 1e-12);
        assertEquals(NOW.plusSeconds(75), j.eta());
        assertEquals(
                new BatchJob.Percentiles(Duration.ofSeconds(10), Duration.ofSeconds(90), Duration.ofSeconds(90)),
                j.run());
        assertEquals(
                new BatchJob.Percentiles(Duration.ofSeconds(19), Duration.ofMillis(98_500), Duration.ofMillis(98_500)),
                j.latency());
        assertEquals(Duration.ofMillis(342_500), j.billed());
        assertEquals(0.3425, j.cost(), 1e-9);
        assertEquals(Duration.ofSeconds(100), j.wall());
        assertTrue(Double.isNaN(j.stragglerShare()), "no tail while inputs are pending");
        assertEquals(5, j.slowest().getFirst().index());
        assertEquals(
                List.of(4), j.failedInputs().stream().map(BatchInput::index).toList());
        BatchInput retried = j.inputs().get(3);
        assertEquals(
                List.of(2, Duration.ofSeconds(10), Duration.ofSeconds(12)),
                List.of(retried.attempts(), retried.run(), retried.billed()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"embedded", "http"})
    void aFinishedJobsStragglerTail(String which) {
        BatchJob j = load(which, jobC);
        assertEquals(List.of(200, 200, 0, 0), List.of(j.inputs().size(), j.done(), j.failed(), j.pending()));
        assertEquals(T0.plusMillis(2970), j.ninetyNinePercentFinished());
        assertEquals((100 - 2.97) / 100, j.stragglerShare(), 1e-9);
        assertEquals(2.0, j.throughput(), 1e-12);
        assertNull(j.eta());
    }

    @ParameterizedTest
    @ValueSource(strings = {"embedded", "http"})
    void theListCountsEachJobAsItsDetailDoes(String which) {
        BatchQuery q = new BatchQuery(EventSchema.canonical(db));
        List<BatchSummary> all = q.list(engines.engine(which), new TimeRange(T0, T0.plusSeconds(1)), NOW, PRICES);
        assertEquals(2, all.size());
        for (BatchSummary s : all) {
            BatchJob j = load(which, s.batchId());
            assertEquals(
                    List.of(j.inputs().size(), j.done(), j.failed(), j.pending(), j.retries(), j.finishedRecently()),
                    List.of(s.inputs(), s.done(), s.failed(), s.pending(), s.retries(), s.finishedRecently()),
                    s.batchId());
            assertEquals(j.billed(), s.billed(), s.batchId());
            assertEquals(j.cost(), s.cost(), 1e-9);
            assertEquals(j.firstEnqueued(), s.firstEnqueued());
            assertEquals(j.lastFinished(), s.lastFinished());
            assertEquals(j.eta(), s.eta());
            assertEquals(j.throughput(), s.throughput(), 1e-12);
            assertEquals("embed_corpus_batch", s.functionName());
        }
        // half-open: job B has an input enqueued at 1, job C none after 0
        assertEquals(
                List.of(jobB),
                q.list(engines.engine(which), new TimeRange(s(0.5), s(1.5)), NOW, PRICES).stream()
                        .map(BatchSummary::batchId)
                        .toList());
        assertEquals(List.of(), q.list(engines.engine(which), new TimeRange(s(1.001), s(50)), NOW, PRICES));
        assertEquals(List.of(), q.list(engines.engine(which), new TimeRange(s(-10), s(0)), NOW, PRICES));
    }

    /** The progress chart by hand: 1 s buckets from the first enqueue; each bucket counts the inputs at its end. */
    @ParameterizedTest
    @ValueSource(strings = {"embedded", "http"})
    void progressAtTheEndOfEachBucket(String which) {
        var c = BatchProgress.of(load(which, jobC), Palette.light());
        assertEquals(Duration.ofSeconds(1), c.step());
        assertEquals(T0, c.start());
        assertEquals(101, c.buckets(), "the last finish, at 100 s, in the last bucket");
        assertEquals(
                List.of("done", "failed", "pending"),
                c.series().stream().map(LineChart.Series::name).toList());
        double[] done = c.series().get(0).values();
        double[] pending = c.series().get(2).values();
        // input 0 finished at exactly 1 s: in the second bucket, not the first
        assertEquals(
                List.of(0.0, 100.0, 198.0, 198.0, 199.0, 200.0),
                List.of(done[0], done[1], done[2], done[49], done[50], done[100]));
        assertEquals(
                List.of(200.0, 100.0, 2.0, 1.0, 0.0),
                List.of(pending[0], pending[1], pending[2], pending[50], pending[100]));
        BatchJob c2 = load(which, jobC);
        var perSecond = BatchProgress.throughput(c2, BatchProgress.of(c2, Palette.light()), Palette.light())
                .series()
                .getFirst()
                .values();
        assertEquals(List.of(0.0, 100.0, 98.0, 1.0), List.of(perSecond[0], perSecond[1], perSecond[2], perSecond[50]));

        var b = BatchProgress.of(load(which, jobB), Palette.light());
        // at 34 s: done 0, 1, 2, 3 (its retry at 16; its failure at 4 is not its last attempt) and 6; failed 4; pending
        // 5, 7, 8, 9
        assertEquals(
                List.of(5.0, 1.0, 4.0),
                List.of(
                        b.series().get(0).values()[33],
                        b.series().get(1).values()[33],
                        b.series().get(2).values()[33]));
        assertEquals(9.0, b.series().get(2).values()[0], "input 9 was enqueued at 1 s");
        // job B runs: its last bucket [100, 101) holds now (100 s), where no time has passed yet; the one before it
        // [99, 100) saw input 9 finish at 99.5
        BatchJob b2 = load(which, jobB);
        double[] bRate = BatchProgress.throughput(b2, BatchProgress.of(b2, Palette.light()), Palette.light())
                .series()
                .getFirst()
                .values();
        assertEquals(List.of(101, 1.0, 0.0), List.of(bRate.length, bRate[99], bRate[100]));
    }

    @org.junit.jupiter.api.Test
    void theCommandLineWritesAJobAsCsvOneRowPerInput(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path prices = dir.resolve("prices.json");
        Files.writeString(
                prices, "{\"gpuPerSecond\": {\"H100\": 0.001}, \"cpuCorePerSecond\": 0, \"memoryGibPerSecond\": 0}");
        Path out = dir.resolve("job.csv");
        assertEquals(
                0,
                CallscopeCommand.run(
                        "export",
                        "batch",
                        "--batch",
                        jobB,
                        "--prices",
                        prices.toString(),
                        "--database",
                        db,
                        "--url",
                        engines.url(),
                        "--quiet",
                        "--out",
                        out.toString()));
        List<String> lines = Files.readAllLines(out);
        assertEquals(BatchInputsCsv.HEADER, lines.getFirst());
        assertEquals(11, lines.size(), "a row per input");
        List<String> header = List.of(BatchInputsCsv.HEADER.split(","));
        String[] three = lines.get(4).split(",", -1);
        assertEquals(
                List.of("3", "done", "2", "10.000000", "12.000000", "0.012000"),
                List.of(
                        three[header.indexOf("input_index")],
                        three[header.indexOf("status")],
                        three[header.indexOf("attempts")],
                        three[header.indexOf("run_seconds")],
                        three[header.indexOf("billed_seconds")],
                        three[header.indexOf("cost")]));
        String[] seven = lines.get(8).split(",", -1);
        assertEquals(
                List.of("pending", ""), List.of(seven[header.indexOf("status")], seven[header.indexOf("finished_at")]));
        assertEquals("failed", lines.get(5).split(",", -1)[header.indexOf("status")]);
        Path png = dir.resolve("job.png");
        assertEquals(
                0,
                CallscopeCommand.run(
                        "export",
                        "batch",
                        "--batch",
                        jobC,
                        "--database",
                        db,
                        "--url",
                        engines.url(),
                        "--quiet",
                        "--width",
                        "900",
                        "--height",
                        "400",
                        "--out",
                        png.toString()));
        assertEquals(900, javax.imageio.ImageIO.read(png.toFile()).getWidth());
        assertEquals(
                2,
                CallscopeCommand.run(
                        "export",
                        "batch",
                        "--database",
                        db,
                        "--url",
                        engines.url(),
                        "--quiet",
                        "--out",
                        dir.resolve("x.csv").toString()),
                "--batch is needed");
        assertEquals(
                2,
                CallscopeCommand.run(
                        "export",
                        "batch",
                        "--batch",
                        "ba-01JNOSUCHJOB00000000000000",
                        "--database",
                        db,
                        "--url",
                        engines.url(),
                        "--quiet",
                        "--out",
                        dir.resolve("y.csv").toString()),
                "no such job");
    }
}
