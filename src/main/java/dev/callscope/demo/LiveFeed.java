package dev.callscope.demo;

import dev.callscope.engine.Engine;
import dev.callscope.engine.Query;
import dev.callscope.schema.Schema;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;

/**
 * Appends a live workload to a loaded demo database: calls arrive now, their events are inserted
 * when their time comes (every {@link #TICK}), and each finished attempt's log lines with them. The
 * views see what a production console sees: new rows every fraction of a second.
 *
 * <p>Calls are simulated ahead in {@link #HORIZON}s (each with its own container pool, so the feed
 * cold-starts a little more often than the bulk workload) and held until due. A separate reader
 * measures visibility: how old the newest readable event is, every half second.
 */
public final class LiveFeed {

    static final Duration TICK = Duration.ofMillis(200);
    /** Calls a second at most: Modal's own peak is about 20,000; past this a tick's arrivals do not fit in memory. */
    public static final double MAX_RATE = 100_000;

    static final Duration HORIZON = Duration.ofSeconds(5);
    /** Events further out than this are not simulated (a call running longer just stays "running"). */
    private static final Duration LIFETIME = Duration.ofMinutes(30);

    /** What a run measured. */
    public record Summary(
            long events,
            long logLines,
            Duration elapsed,
            double rowsPerSecond,
            long visibleP50Ms,
            long visibleP99Ms,
            long visibleMaxMs,
            long insertP99Ms) {}

    /** Progress once a second: rows so far and their rate. */
    public interface Progress {
        void update(long rows, double rowsPerSecond, long newestAgeMs);
    }

    private record Due(long at, int function, Event event) {}

    private static final Logger LOG = Logger.getLogger(LiveFeed.class.getName());

    private final Engine engine;
    private final String database;
    private final List<DemoFunction> functions;
    private final double callsPerSecond;
    private final int logsPerAttempt;
    private final SplittableRandom random;
    private final Map<Integer, Set<Long>> containerEventTimes = new HashMap<>();
    private final List<PipelineSink> alsoInto;

    public LiveFeed(Engine engine, String database, double callsPerSecond, int logsPerAttempt, long seed) {
        this(engine, database, callsPerSecond, logsPerAttempt, seed, List.of());
    }

    /** As above; each tick's events also go into {@code alsoInto} (a user-shaped table fed beside ours). */
    public LiveFeed(
            Engine engine,
            String database,
            double callsPerSecond,
            int logsPerAttempt,
            long seed,
            List<PipelineSink> alsoInto) {
        this.alsoInto = List.copyOf(alsoInto);
        this.engine = engine;
        this.database = Schema.requireDatabaseName(database);
        this.functions = functionsOf(engine, this.database);
        if (functions.isEmpty()) {
            throw new IllegalStateException(
                    "Database " + database + " holds no demo functions; run `callscope demo` first");
        }
        if (!(callsPerSecond > 0 && callsPerSecond <= MAX_RATE)) {
            throw new IllegalArgumentException(
                    "The live rate must be above 0 and at most " + (long) MAX_RATE + " calls a second");
        }
        this.callsPerSecond = callsPerSecond;
        this.logsPerAttempt = logsPerAttempt;
        this.random = new SplittableRandom(seed);
    }

    /** The demo functions already in the database, matched to their profiles by name. */
    static List<DemoFunction> functionsOf(Engine engine, String db) {
        Map<String, FunctionProfile> byName = new HashMap<>();
        for (FunctionProfile p : FunctionCatalog.FUNCTIONS) {
            byName.put(p.app() + "/" + p.name(), p);
        }
        return engine.query(
                        Query.of("SELECT function_id, any(app_id), any(app_name), any(function_name) FROM " + db + "."
                                + Schema.EVENTS_TABLE + " GROUP BY function_id ORDER BY function_id"),
                        rows -> {
                            List<DemoFunction> out = new ArrayList<>();
                            while (rows.next()) {
                                FunctionProfile p = byName.get(rows.getString(3) + "/" + rows.getString(4));
                                if (p != null) {
                                    out.add(new DemoFunction(p, rows.getString(2), rows.getString(1)));
                                }
                            }
                            return out;
                        })
                .value();
    }

    /** Runs for {@code duration} (or until {@code stop} is set), then returns what it measured. */
    public Summary run(Duration duration, AtomicBoolean stop, Progress progress) throws InterruptedException {
        PriorityQueue<Due> pending = new PriorityQueue<>((a, b) -> Long.compare(a.at(), b.at()));
        long startUs = nowUs();
        long endUs = startUs + duration.toNanos() / 1000;
        long plannedUntil = startUs;
        long events = 0;
        long lines = 0;
        List<Long> insertMs = new ArrayList<>();
        AtomicLong newestVisible = new AtomicLong(startUs);
        List<Long> ages = new ArrayList<>();
        Thread reader =
                Thread.ofPlatform().name("live-visibility").daemon().start(() -> watch(newestVisible, ages, stop));
        Schema.addLogSeconds(engine, database);
        long lastReport = System.nanoTime();
        long rowsAtReport = 0;
        try {
            while (!stop.get() && nowUs() < endUs) {
                long now = nowUs();
                while (plannedUntil < now + HORIZON.toNanos() / 1000) {
                    plan(plannedUntil, plannedUntil + HORIZON.toNanos() / 1000, pending);
                    plannedUntil += HORIZON.toNanos() / 1000;
                }
                RowBinaryBuffer eventRows = new RowBinaryBuffer(1 << 16);
                RowBinaryBuffer logRows = new RowBinaryBuffer(1 << 16);
                Map<Integer, List<Event>> byFunction = new HashMap<>();
                while (!pending.isEmpty() && pending.peek().at() <= now) {
                    Due d = pending.poll();
                    byFunction
                            .computeIfAbsent(d.function(), k -> new ArrayList<>())
                            .add(d.event().ingestedAt(now));
                }
                int batchLines = 0;
                for (Map.Entry<Integer, List<Event>> e : byFunction.entrySet()) {
                    DemoFunction f = functions.get(e.getKey());
                    EventEncoder.append(eventRows, f, e.getValue());
                    for (Event ev : e.getValue()) {
                        if (ev.type() == Event.Type.FINISHED) {
                            batchLines += LiveLogLines.append(logRows, f, ev, logsPerAttempt, random);
                        }
                    }
                }
                long t0 = System.nanoTime();
                if (eventRows.rows() > 0) {
                    engine.insert(
                            database + "." + Schema.EVENTS_TABLE,
                            EventEncoder.COLUMNS,
                            "RowBinary",
                            eventRows.stream());
                }
                if (eventRows.rows() > 0 && !alsoInto.isEmpty()) {
                    List<Delivery> deliveries = new ArrayList<>();
                    byFunction.forEach(
                            (k, evs) -> evs.forEach(ev -> deliveries.add(new Delivery(functions.get(k), ev))));
                    for (PipelineSink sink : alsoInto) {
                        engine.insert(sink.table(), sink.columns(), sink.format(), sink.encode(deliveries));
                    }
                }
                if (logRows.rows() > 0) {
                    engine.insert(
                            database + "." + Schema.LOGS_TABLE, LiveLogLines.COLUMNS, "RowBinary", logRows.stream());
                }
                insertMs.add((System.nanoTime() - t0) / 1_000_000);
                events += eventRows.rows();
                lines += batchLines;
                if (System.nanoTime() - lastReport >= 1_000_000_000L) {
                    double seconds = (System.nanoTime() - lastReport) / 1e9;
                    progress.update(
                            events + lines,
                            (events + lines - rowsAtReport) / seconds,
                            (nowUs() - newestVisible.get()) / 1000);
                    lastReport = System.nanoTime();
                    rowsAtReport = events + lines;
                }
                long sleepUs = now + TICK.toNanos() / 1000 - nowUs();
                if (sleepUs > 0) {
                    Thread.sleep(sleepUs / 1000, (int) (sleepUs % 1000) * 1000);
                }
            }
        } finally {
            stop.set(true);
            reader.join(2000);
        }
        Duration elapsed = Duration.of(nowUs() - startUs, ChronoUnit.MICROS);
        long[] a;
        synchronized (ages) {
            a = ages.stream().mapToLong(Long::longValue).sorted().toArray();
        }
        long[] ins = insertMs.stream().mapToLong(Long::longValue).sorted().toArray();
        return new Summary(
                events,
                lines,
                elapsed,
                (events + lines) / Math.max(1e-9, elapsed.toNanos() / 1e9),
                pick(a, 0.5),
                pick(a, 0.99),
                a.length == 0 ? -1 : a[a.length - 1],
                pick(ins, 0.99));
    }

    /** Simulates the calls arriving in {@code [fromUs, toUs)} for every function. */
    private void plan(long fromUs, long toUs, PriorityQueue<Due> pending) {
        double seconds = (toUs - fromUs) / 1e6;
        double shares = functions.stream().mapToDouble(f -> f.profile().share()).sum();
        for (int i = 0; i < functions.size(); i++) {
            FunctionProfile p = functions.get(i).profile();
            double expected = callsPerSecond * seconds * p.share() / shares;
            int n = (int) Math.floor(expected + random.nextDouble());
            if (n == 0) {
                continue;
            }
            long[] enqueues = Arrivals.sample(p, n, fromUs, toUs, random);
            List<Event> simulated =
                    new CallSimulator(p, n, toUs - fromUs, toUs + LIFETIME.toNanos() / 1000, random).run(enqueues);
            Set<Long> taken = containerEventTimes.computeIfAbsent(i, k -> new HashSet<>());
            if (taken.size() > 1_000_000) {
                taken.removeIf(t -> t < fromUs - LIFETIME.toNanos() / 1000);
            }
            for (Event e : simulated) {
                if (e.callId().isEmpty()) {
                    // container events share the key (function, '', time): each simulation keeps its own
                    // distinct, and this keeps them distinct across simulations, or the table would merge two
                    long at = e.eventAt();
                    while (!taken.add(at)) {
                        at++;
                    }
                    e = at == e.eventAt() ? e : e.at(at);
                }
                pending.add(new Due(e.eventAt(), i, e));
            }
        }
    }

    /** Every half second: how old is the newest event a reader can see? */
    private void watch(AtomicLong newestVisible, List<Long> ages, AtomicBoolean stop) {
        Query q = Query.of("SELECT toUnixTimestamp64Micro(max(event_at)) FROM " + database + "." + Schema.EVENTS_TABLE
                + " WHERE event_at >= now64(6) - INTERVAL 1 MINUTE");
        while (!stop.get()) {
            try {
                Thread.sleep(500);
                long newest = Long.parseLong(engine.queryScalar(q));
                if (newest <= 0) {
                    continue; // nothing in the last minute yet (max over no rows is the epoch)
                }
                long age = (nowUs() - newest) / 1000;
                newestVisible.set(newest);
                synchronized (ages) {
                    ages.add(age);
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException notYet) {
                // no rows in the last minute yet
            }
        }
    }

    private static long pick(long[] sorted, double q) {
        return sorted.length == 0 ? -1 : sorted[(int) Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
    }

    private static long nowUs() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000 + now.getNano() / 1000;
    }
}
