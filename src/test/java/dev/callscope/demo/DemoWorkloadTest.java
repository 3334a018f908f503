package dev.callscope.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.callscope.batches.BatchInput;
import dev.callscope.batches.BatchQuery;
import dev.callscope.callgraph.CallTree;
import dev.callscope.callgraph.CallTreeQuery;
import dev.callscope.calls.EventSchema;
import dev.callscope.cost.Prices;
import dev.callscope.engine.Engine;
import dev.callscope.engine.Query;
import dev.callscope.schema.Schema;
import dev.callscope.testing.TestEngine;
import dev.callscope.time.TimeRange;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Generates one small workload (merges stopped, so duplicates stay visible) and checks what it looks like. */
class DemoWorkloadTest {

    static final Instant END = Instant.parse("2026-05-04T12:34:56.789Z");
    static final int CALLS = 12_000;
    static Engine engine;
    static String db;
    static DemoSummary summary;
    static final List<Double> progress = new ArrayList<>();

    @BeforeAll
    static void generate() {
        engine = TestEngine.shared();
        db = TestEngine.freshDatabase("demo");
        Schema.create(engine, db);
        engine.execute(Query.of("SYSTEM STOP MERGES " + db + ".function_call_events"));
        summary = DemoWorkload.generate(engine, options(db, 42), (stage, f) -> progress.add(f));
        System.out.printf("demo test workload: %s, %.0f rows/s%n", summary, summary.rowsPerSecond());
    }

    static DemoOptions options(String database, long seed) {
        return new DemoOptions(seed, CALLS, 6, END, Duration.ofHours(6), database);
    }

    long scalar(String sql) {
        return Long.parseLong(engine.queryScalar(Query.of(sql.replace("{db}", db))));
    }

    /** The rebuilt calls: one row per call with its final status (latest finished event wins). */
    static final String CALLS_SQL = """
            SELECT function_call_id,
                   argMaxIf(status, event_at, event_type = 'finished') AS final_status,
                   countIf(event_type = 'finished') AS finishes,
                   max(attempt) AS attempts,
                   countIf(event_type = 'started') AS starts
            FROM {db}.function_call_events FINAL
            WHERE function_call_id != ''
            GROUP BY function_call_id""";

    /** The demo's batch jobs: listed with every input, one still running with an ETA, failures, retries and a straggler tail. */
    @Test
    void batchJobsHaveInputsRetriesFailuresAndOneStillRunning() {
        var q = new BatchQuery(EventSchema.canonical(db));
        var jobs = q.list(engine, new TimeRange(END.minus(Duration.ofHours(6)), END), END, Prices.EXAMPLES);
        assertEquals(2, jobs.size(), "jobs: " + jobs);
        var running = jobs.getFirst(); // newest first
        assertEquals("embed_corpus_batch", running.functionName());
        assertTrue(running.pending() > 0 && running.done() > 0, "part done: " + running);
        assertTrue(running.eta() != null && running.eta().isAfter(END), "an ETA: " + running.eta());
        var finished = jobs.getLast();
        assertEquals(0, finished.pending(), "the older job is done: " + finished);
        for (var s : jobs) {
            var job = q.load(engine, s.batchId(), END, Prices.EXAMPLES).job();
            assertEquals(s.inputs(), job.inputs().size());
            // the inputs are indexed 0..n-1, each once
            assertEquals(
                    IntStream.range(0, s.inputs()).boxed().toList(),
                    job.inputs().stream().map(BatchInput::index).toList());
            assertTrue(job.retries() > 0, "retries: " + s.batchId());
            assertTrue(s.cost() > 0);
        }
        var done = q.load(engine, finished.batchId(), END, Prices.EXAMPLES).job();
        assertTrue(done.failed() > 0, "an input failed for good");
        assertTrue(done.run().p99().compareTo(done.run().p50().multipliedBy(2)) > 0, "a slow tail: " + done.run());
        assertTrue(done.stragglerShare() > 0 && done.stragglerShare() < 1, "stragglers: " + done.stragglerShare());
    }

    /** The demo's call trees: every call of a tree is read back into it, with its parent, levels deep, failures and retries inside. */
    @Test
    void callTreesHangTogetherAndReadBackWhole() {
        List<String> roots = new ArrayList<>();
        engine.query(
                Query.of(("SELECT root_call_id, uniqExact(function_call_id) AS n FROM {db}.function_call_events"
                                + " WHERE root_call_id != '' GROUP BY root_call_id ORDER BY n DESC, root_call_id")
                        .replace("{db}", db)),
                r -> {
                    while (r.next()) {
                        roots.add(r.getString(1) + " " + r.getString(2));
                    }
                    return null;
                });
        assertTrue(roots.size() >= 3, "trees: " + roots);
        int deepest = 0;
        long retried = scalar(
                "SELECT uniqExact(function_call_id) FROM {db}.function_call_events WHERE root_call_id != '' AND attempt > 1");
        for (String line : roots) {
            String root = line.split(" ")[0];
            long calls = Long.parseLong(line.split(" ")[1]);
            var tree = new CallTreeQuery(db)
                    .load(engine, root, END, Prices.EXAMPLES)
                    .tree();
            assertEquals(calls, tree.nodes().size(), "every call of " + root + " in its tree");
            assertEquals(0, tree.orphans(), "every parent found");
            assertEquals("chat_stream", tree.nodes().getFirst().functionName());
            assertTrue(tree.criticalPath().size() >= 2, "the request waited for something");
            deepest = Math.max(
                    deepest,
                    tree.nodes().stream().mapToInt(CallTree.Node::depth).max().orElse(0));
        }
        assertTrue(deepest >= 3, "nested spawns: " + deepest + " levels below the request");
        assertTrue(retried > 0, "retries inside a branch");
    }

    @Test
    void summaryMatchesTheTables() {
        // Merges are stopped on this database, so every written row, duplicates included, is still there.
        assertEquals(scalar("SELECT count() FROM {db}.function_call_events"), summary.events());
        assertEquals(scalar("SELECT count() FROM {db}.function_logs"), summary.logLines());
        // the workload's calls, and the calls of its call trees beside them
        long inTrees =
                scalar("SELECT uniqExact(function_call_id) FROM {db}.function_call_events WHERE root_call_id != ''");
        assertTrue(inTrees >= 3 * 10, "at least three trees: " + inTrees);
        long inBatches =
                scalar("SELECT uniqExact(function_call_id) FROM {db}.function_call_events WHERE batch_id != ''");
        assertTrue(inBatches >= 1000, "two batch jobs: " + inBatches);
        long plain = summary.calls() - inTrees - inBatches;
        assertTrue(
                plain > CALLS * 0.97 && plain <= CALLS + 50,
                "calls " + summary.calls() + ", " + inTrees + " of them in trees, " + inBatches + " in batch jobs");
        assertTrue(DemoWorkload.isLoaded(engine, db));
        assertEquals(1.0, progress.getLast());
        for (int i = 1; i < progress.size(); i++) {
            assertTrue(progress.get(i) >= progress.get(i - 1), "progress never goes back");
        }
    }

    @Test
    void aGenerationStoppedHalfwayIsToldApartFromAFinishedOneAndFromDataWithoutTheNote() {
        assertFalse(DemoWorkload.isPartial(engine, db), "finished");
        String stopped = TestEngine.freshDatabase("stopped");
        Schema.create(engine, stopped);
        // what a generation killed after its first batch leaves: the note that it started, some events
        engine.execute(Query.of("CREATE TABLE " + stopped + "." + DemoWorkload.PROGRESS_TABLE
                + " (stage LowCardinality(String), at DateTime64(3, 'UTC')) ENGINE = MergeTree ORDER BY at"));
        engine.execute(Query.of(
                "INSERT INTO " + stopped + "." + DemoWorkload.PROGRESS_TABLE + " VALUES ('started', now64(3))"));
        engine.execute(Query.of("INSERT INTO " + stopped + ".function_call_events SELECT * FROM " + db
                + ".function_call_events LIMIT 100"));
        assertTrue(DemoWorkload.isLoaded(engine, stopped));
        assertTrue(DemoWorkload.isPartial(engine, stopped));
        String older = TestEngine.freshDatabase("older");
        Schema.create(engine, older);
        engine.execute(Query.of("INSERT INTO " + older + ".function_call_events SELECT * FROM " + db
                + ".function_call_events LIMIT 100"));
        assertFalse(
                DemoWorkload.isPartial(engine, older),
                "data without the note (older versions, or a user's) is not called partial");
    }

    @Test
    void refusesToGenerateTwiceIntoOneDatabase() {
        assertThrows(
                IllegalStateException.class, () -> DemoWorkload.generate(engine, options(db, 42), DemoProgress.NONE));
    }

    @Test
    void atLeastTwentyFunctionsAcrossSeveralApps() {
        assertTrue(scalar("SELECT uniqExact(function_id) FROM {db}.function_call_events") >= 20);
        assertTrue(scalar("SELECT uniqExact(app_id) FROM {db}.function_call_events") >= 4);
        assertTrue(scalar("SELECT uniqExact(gpu_type) FROM {db}.function_call_events WHERE gpu_type != ''") >= 4);
        assertTrue(scalar("SELECT count() FROM {db}.function_call_events WHERE gpu_type = ''") > 0, "CPU functions");
    }

    @Test
    void duplicateDeliveriesArePresentAndCollapseWithFinal() {
        long all = scalar("SELECT count() FROM {db}.function_call_events");
        long distinct = scalar("SELECT count() FROM {db}.function_call_events FINAL");
        long distinctKeys = scalar(
                "SELECT uniqExact(function_id, function_call_id, event_at, event_type) FROM {db}.function_call_events");
        double rate = (all - distinct) / (double) distinct;
        assertTrue(rate > 0.01 && rate < 0.06, "duplicate rate " + rate);
        assertEquals(distinctKeys, distinct, "no two distinct events share a key");
    }

    @Test
    void ingestIsOutOfOrder() {
        long calls = scalar("SELECT count() FROM (SELECT function_call_id FROM {db}.function_call_events "
                + "WHERE function_call_id != '' GROUP BY function_call_id "
                + "HAVING argMax(event_at, ingested_at) != max(event_at))");
        assertTrue(calls > 50, "calls whose last-ingested event is not their latest: " + calls);
        assertTrue(scalar("SELECT countIf(ingested_at < event_at) FROM {db}.function_call_events") == 0);
    }

    @Test
    void retriesEndWithTheFinalStatusWinning() {
        long retriedThenSucceeded = scalar("SELECT count() FROM (" + CALLS_SQL
                + ") WHERE attempts > 1 AND finishes > 1 AND final_status = 'success'");
        assertTrue(retriedThenSucceeded > 5, "fail-then-succeed calls: " + retriedThenSucceeded);
        // The final status is the status of the highest attempt's finished event.
        long mismatched = scalar("""
                SELECT count() FROM (
                  SELECT function_call_id,
                         argMaxIf(status, event_at, event_type = 'finished') AS by_time,
                         argMaxIf(status, attempt, event_type = 'finished') AS by_attempt
                  FROM {db}.function_call_events WHERE function_call_id != '' GROUP BY function_call_id
                  HAVING countIf(event_type = 'finished') > 0) WHERE by_time != by_attempt""");
        assertEquals(0, mismatched);
        assertEquals(
                0,
                scalar("SELECT count() FROM {db}.function_call_events WHERE event_type = 'retried' AND attempt < 2"));
    }

    @Test
    void everyStatusIsPresentIncludingUnfinishedCalls() {
        for (String status : List.of("success", "failure", "timeout", "init_failure", "terminated")) {
            assertTrue(
                    scalar("SELECT count() FROM (" + CALLS_SQL + ") WHERE final_status = '" + status
                                    + "' AND finishes > 0")
                            > 0,
                    status);
        }
        assertTrue(
                scalar("SELECT count() FROM (" + CALLS_SQL + ") WHERE finishes = 0 AND starts > 0") > 0,
                "still running");
        assertTrue(
                scalar("SELECT count() FROM (" + CALLS_SQL + ") WHERE finishes = 0 AND starts = 0") > 0,
                "still pending");
        assertEquals(
                0,
                scalar(
                        "SELECT count() FROM {db}.function_call_events WHERE event_at > toDateTime64('2026-05-04 12:34:56.789', 6, 'UTC')"));
    }

    @Test
    void coldAndWarmStartsAndContainerLifecycles() {
        long cold = scalar(
                "SELECT uniqExact(function_call_id, attempt) FROM {db}.function_call_events WHERE event_type = 'started' AND is_cold_start");
        long warm = scalar(
                "SELECT uniqExact(function_call_id, attempt) FROM {db}.function_call_events WHERE event_type = 'started' AND NOT is_cold_start");
        assertTrue(cold > 10 && warm > cold, "cold " + cold + " warm " + warm);
        assertEquals(
                scalar(
                        "SELECT uniqExact(container_id) FROM {db}.function_call_events WHERE event_type = 'cold_start_begin'"),
                scalar(
                        "SELECT uniqExact(container_id) FROM {db}.function_call_events WHERE event_type = 'container_started'"),
                "each cold start starts one container");
        assertTrue(scalar("SELECT count() FROM {db}.function_call_events WHERE event_type = 'container_stopped'") > 0);
        // A container runs one call at a time: its run intervals never overlap.
        assertEquals(0, scalar("""
                SELECT count() FROM (
                  SELECT container_id, started_at AS s, finished_at AS f,
                         lagInFrame(finished_at) OVER (PARTITION BY container_id ORDER BY started_at
                                                      ROWS BETWEEN 1 PRECEDING AND CURRENT ROW) AS prev_f
                  FROM {db}.function_call_events FINAL
                  WHERE event_type = 'finished' AND started_at IS NOT NULL)
                WHERE prev_f IS NOT NULL AND prev_f > s AND prev_f != toDateTime64(0, 6, 'UTC')"""));
    }

    @Test
    void documentedTimingQueryGivesSaneSplits() {
        // The per-call timing query of docs/SCHEMA.md: no negative queue, cold-start or run times.
        assertEquals(0, scalar("""
                SELECT count() FROM (
                  SELECT function_call_id,
                    dateDiff('millisecond', min(enqueued_at), argMaxIf(started_at, event_at, event_type = 'started')) AS queue_ms,
                    dateDiff('millisecond', anyIf(cold_start_began_at, event_type = 'cold_start_end'),
                                            anyIf(cold_start_ended_at, event_type = 'cold_start_end')) AS cold_start_ms,
                    dateDiff('millisecond', argMaxIf(started_at, event_at, event_type = 'finished'),
                                            argMaxIf(finished_at, event_at, event_type = 'finished')) AS run_ms
                  FROM {db}.function_call_events WHERE function_call_id != '' AND event_type IN ('started', 'finished', 'cold_start_end', 'queued')
                  GROUP BY function_call_id HAVING countIf(event_type = 'finished' AND status != 'init_failure') > 0)
                WHERE queue_ms < 0 OR cold_start_ms < 0 OR run_ms < 0"""));
    }

    @Test
    void queueingHappens() {
        assertTrue(scalar("""
                SELECT count() FROM {db}.function_call_events
                WHERE event_type = 'started' AND started_at - enqueued_at > 60""") > 0, "some calls queued for over a minute");
    }

    @Test
    void logsBelongToRealCallsInsideTheirRunIntervals() {
        assertEquals(0, scalar("""
                SELECT count() FROM {db}.function_logs l
                LEFT ANTI JOIN (SELECT DISTINCT function_call_id, container_id FROM {db}.function_call_events WHERE event_type = 'started') c
                USING (function_call_id, container_id)"""));
        assertEquals(0, scalar("""
                SELECT count() FROM {db}.function_logs l
                INNER JOIN (SELECT function_call_id, container_id, min(started_at) AS s,
                                   ifNull(maxIf(finished_at, event_type = 'finished'), toDateTime64('2026-05-04 12:34:56.789', 6, 'UTC')) AS f
                            FROM {db}.function_call_events WHERE event_type IN ('started', 'finished')
                            GROUP BY function_call_id, container_id) c USING (function_call_id, container_id)
                WHERE l.timestamp <= c.s OR l.timestamp >= c.f"""));
    }

    @Test
    void logsLookLikeProduction() {
        assertTrue(scalar(
                        "SELECT count() FROM {db}.function_logs WHERE message LIKE 'Traceback (most recent call last):%' AND level = 'ERROR'")
                > 0);
        assertTrue(scalar("SELECT count() FROM {db}.function_logs WHERE hasToken(message, 'error')") > 0);
        assertTrue(scalar("SELECT count() FROM {db}.function_logs WHERE length(message) > 10000") > 0, "long lines");
        assertTrue(scalar("SELECT count() FROM {db}.function_logs WHERE NOT isValidUTF8(message)") == 0);
        assertTrue(
                scalar("SELECT count() FROM {db}.function_logs WHERE length(message) != lengthUTF8(message)") > 0,
                "unicode");
        assertEquals(3, scalar("SELECT uniqExact(stream) FROM {db}.function_logs"));
        assertEquals(5, scalar("SELECT uniqExact(level) FROM {db}.function_logs"));
    }

    @Test
    void sameSeedSameDataOtherSeedOtherData() {
        String again = TestEngine.freshDatabase("demo_again");
        String other = TestEngine.freshDatabase("demo_other");
        DemoSummary s2 = DemoWorkload.generate(engine, options(again, 42), DemoProgress.NONE);
        DemoSummary s3 = DemoWorkload.generate(engine, options(other, 43), DemoProgress.NONE);
        assertEquals(
                List.of(summary.calls(), summary.events(), summary.logLines()),
                List.of(s2.calls(), s2.events(), s2.logLines()));
        assertEquals(checksum(db), checksum(again));
        assertNotEquals(checksum(db), checksum(other));
        assertFalse(summary.events() == s3.events()
                && summary.logLines() == s3.logLines()
                && summary.calls() == s3.calls());
    }

    private String checksum(String database) {
        return engine.queryScalar(Query.of(("""
                SELECT (SELECT sum(cityHash64(function_call_id, event_at, event_type, status, container_id, attempt, ingested_at))
                        FROM {db}.function_call_events FINAL),
                       (SELECT sum(cityHash64(function_call_id, timestamp, message)) FROM {db}.function_logs)""").replace("{db}", database)));
    }
}
