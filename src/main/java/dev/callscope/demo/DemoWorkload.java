package dev.callscope.demo;

import dev.callscope.engine.Engine;
import dev.callscope.engine.Query;
import dev.callscope.ids.CallscopeIds;
import dev.callscope.ids.CallscopeIds.Kind;
import dev.callscope.schema.Schema;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Fills a database with a production-looking workload: lifecycle events simulated in Java and
 * bulk-loaded as RowBinary, then log lines generated inside the engine from those events.
 *
 * <p>Functions are independent, so each is simulated, shuffled into ingest order and encoded on a
 * worker thread while the engine loads the previous one's events and generates its logs: Java and
 * the engine each keep one core busy, and memory stays bounded by one function.
 */
public final class DemoWorkload {

    private DemoWorkload() {}

    /**
     * Creates the schema if needed and writes the workload.
     *
     * @throws IllegalStateException when the database already holds call events (drop it first)
     */
    public static DemoSummary generate(Engine engine, DemoOptions options, DemoProgress progress) {
        long t0 = System.nanoTime();
        String db = options.database();
        Schema.create(engine, db);
        if (isLoaded(engine, db)) {
            throw new IllegalStateException("Database " + db + " already holds call events; drop it first");
        }
        // a generation stopped halfway (kill -9) is told apart from a finished one: see isPartial
        engine.execute(Query.of("CREATE TABLE IF NOT EXISTS " + db + "." + PROGRESS_TABLE
                + " (stage LowCardinality(String), at DateTime64(3, 'UTC')) ENGINE = MergeTree ORDER BY at"));
        engine.execute(Query.of("INSERT INTO " + db + "." + PROGRESS_TABLE + " VALUES ('started', now64(3))"));
        List<DemoFunction> functions = functions(options.seed(), options);
        int[] calls = callsPerFunction(options.calls());
        long endUs = ChronoUnit.MICROS.between(Instant.EPOCH, options.end());
        long spanUs = options.span().toNanos() / 1000;
        long events = 0;
        // the call trees first, so each function's log lines (written from its events) cover their calls too
        CallTrees.Result trees = CallTrees.write(functions, options.seed(), options.calls(), spanUs, endUs);
        if (trees.rows().rows() > 0) {
            engine.insert(
                    db + "." + Schema.EVENTS_TABLE, EventEncoder.LINKED_COLUMNS, "RowBinary", trees.rows().stream());
            events += trees.rows().rows();
        }
        BatchJobs.Result jobs = BatchJobs.write(functions, options.seed(), options.calls(), spanUs, endUs);
        if (jobs.rows().rows() > 0) {
            engine.insert(
                    db + "." + Schema.EVENTS_TABLE, EventEncoder.BATCH_COLUMNS, "RowBinary", jobs.rows().stream());
            events += jobs.rows().rows();
        }
        try (ExecutorService worker = Executors.newSingleThreadExecutor(
                Thread.ofPlatform().name("demo-events").factory())) {
            Future<List<RowBinaryBuffer>> next =
                    worker.submit(() -> simulate(functions.get(0), 0, calls[0], options, endUs, spanUs));
            for (int i = 0; i < functions.size(); i++) {
                List<RowBinaryBuffer> batches = next.get();
                if (i + 1 < functions.size()) {
                    int k = i + 1;
                    next = worker.submit(() -> simulate(functions.get(k), k, calls[k], options, endUs, spanUs));
                }
                for (RowBinaryBuffer batch : batches) {
                    if (batch.rows() > 0) {
                        events += batch.rows();
                        engine.insert(
                                db + "." + Schema.EVENTS_TABLE, EventEncoder.COLUMNS, "RowBinary", batch.stream());
                    }
                }
                progress.update("events", (i + 0.5) / functions.size());
                LogWriter.write(engine, options, functions.get(i));
                progress.update("logs", (i + 0.99) / functions.size());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Demo generation interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Demo generation failed: " + e.getCause(), e.getCause());
        }
        Schema.mergeAttempts(engine, db);
        engine.execute(Query.of("INSERT INTO " + db + "." + PROGRESS_TABLE + " VALUES ('complete', now64(3))"));
        long logs = count(engine, db, Schema.LOGS_TABLE);
        long distinctCalls = Long.parseLong(engine.queryScalar(Query.of("SELECT uniqExact(function_call_id) FROM " + db
                + "." + Schema.EVENTS_TABLE + " WHERE event_type = 'queued'")));
        progress.update("done", 1.0);
        return new DemoSummary(distinctCalls, events, logs, Duration.ofNanos(System.nanoTime() - t0));
    }

    /** True when {@code database} has the schema and at least one call event. */
    /** Where a generation notes that it started and that it finished. */
    static final String PROGRESS_TABLE = "demo_generation";

    /**
     * True when a generation into {@code database} started and never finished (the process was
     * killed): the data is a part of the workload. Data written by versions before the note, or
     * by anything else, is not called partial.
     */
    public static boolean isPartial(Engine engine, String database) {
        String db = Schema.requireDatabaseName(database);
        String n = engine.queryScalar(
                Query.of("SELECT count() FROM system.tables WHERE database = {d:String} AND name = {t:String}")
                        .bind("d", db)
                        .bind("t", PROGRESS_TABLE));
        if ("0".equals(n)) {
            return false;
        }
        return "0"
                .equals(engine.queryScalar(
                        Query.of("SELECT countIf(stage = 'complete') FROM " + db + "." + PROGRESS_TABLE)));
    }

    public static boolean isLoaded(Engine engine, String database) {
        return Schema.exists(engine, database) && count(engine, database, Schema.EVENTS_TABLE) > 0;
    }

    static long count(Engine engine, String db, String table) {
        return Long.parseLong(
                engine.queryScalar(Query.of("SELECT count() FROM " + Schema.requireDatabaseName(db) + "." + table)));
    }

    /** Apps and functions get ids dated a month before the end (their deploy time), drawn from the seed. */
    static List<DemoFunction> functions(long seed, DemoOptions options) {
        Random random = new Random(seed);
        long deployedMs = options.end().minus(Duration.ofDays(30)).toEpochMilli();
        Map<String, String> apps = new HashMap<>();
        List<DemoFunction> out = new ArrayList<>();
        for (FunctionProfile p : FunctionCatalog.FUNCTIONS) {
            String appId = apps.computeIfAbsent(p.app(), a -> CallscopeIds.at(Kind.APP, deployedMs, random));
            out.add(new DemoFunction(p, appId, CallscopeIds.at(Kind.FUNCTION, deployedMs + out.size(), random)));
        }
        return out;
    }

    /** Splits the call budget by share; every function gets at least two calls so none is empty. */
    static int[] callsPerFunction(int total) {
        List<FunctionProfile> fs = FunctionCatalog.FUNCTIONS;
        double sum = fs.stream().mapToDouble(FunctionProfile::share).sum();
        int[] n = new int[fs.size()];
        for (int i = 0; i < n.length; i++) {
            n[i] = Math.max(2, (int) Math.round(total * fs.get(i).share() / sum));
        }
        return n;
    }

    /** One function's events as insert batches: first deliveries, then redeliveries. */
    private static List<RowBinaryBuffer> simulate(
            DemoFunction f, int index, int calls, DemoOptions o, long endUs, long spanUs) {
        Random random = random(o, index);
        List<Event> events = events(f, calls, endUs, spanUs, random);
        IngestOrder.Arrival arrival = IngestOrder.arrange(events, random);
        // batches of at most a million rows: the biggest function of a full-scale workload is ~9M events
        List<RowBinaryBuffer> batches = new ArrayList<>(EventEncoder.encodeBatches(f, arrival.first()));
        batches.addAll(EventEncoder.encodeBatches(f, arrival.redelivered()));
        return batches;
    }

    /** One generator per function: results do not depend on the order functions are processed in. */
    static Random random(DemoOptions o, int index) {
        return new Random(o.seed() * 0x9E3779B97F4A7C15L + index);
    }

    /** One function's simulated events over {@code [endUs - spanUs, endUs)}, in no particular order. */
    static List<Event> events(DemoFunction f, int calls, long endUs, long spanUs, Random random) {
        long[] enqueues = Arrivals.sample(f.profile(), calls, endUs - spanUs, endUs, random);
        return new CallSimulator(f.profile(), calls, spanUs, endUs, random).run(enqueues);
    }
}
