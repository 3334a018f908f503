package dev.callscope.calls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.callscope.acceleration.RollupViews;
import dev.callscope.cli.CallscopeCommand;
import dev.callscope.engine.Engine;
import dev.callscope.engine.Query;
import dev.callscope.functions.FunctionRow;
import dev.callscope.functions.FunctionStats;
import dev.callscope.ids.CallscopeIds;
import dev.callscope.logs.FunctionNames;
import dev.callscope.logs.LogExport;
import dev.callscope.logs.LogLine;
import dev.callscope.logs.LogSearch;
import dev.callscope.logs.LogTables;
import dev.callscope.logs.search.SearchParser;
import dev.callscope.logs.search.TextStrategy;
import dev.callscope.performance.LatencyQuery;
import dev.callscope.performance.LatencySeries;
import dev.callscope.performance.Metric;
import dev.callscope.performance.Precision;
import dev.callscope.performance.Statistic;
import dev.callscope.schema.Schema;
import dev.callscope.testing.BothEngines;
import dev.callscope.testing.CallEvents;
import dev.callscope.testing.TestEngine;
import dev.callscope.time.TimeRange;
import dev.callscope.timeline.CallAttempt;
import dev.callscope.timeline.CallRebuild;
import dev.callscope.timeline.CallStatus;
import dev.callscope.timeline.CallTimeline;
import dev.callscope.timeline.StageSummary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every view at the exact edges of one half-open range R = [T0, T1), T0 = 2026-11-20 10:00, T1 an
 * hour later, by hand, on the embedded engine and over HTTP. One warm function, F:
 *
 * <pre>
 * call  enqueued          started           finished          in Functions     in the Timeline
 * a     T0-10s            T0-10s            T0 (from)         yes, run 10 s    yes (finished in R)
 * d     T0-20s            T0-20s            T0-1µs            no               no
 * c     T1-20s-1µs        same              T1-1µs            yes, run 20 s    yes
 * b     T1-30s            T1-30s            T1 (to)           no               yes (ran in R)
 * e     T0+10m            T0+10m+2s         T0+10m42s         yes, run 40 s, queue 2 s (every event sent twice)
 * f     T0+20m            T0+20m            T0+20m30s         yes, run 30 s (events sent newest first)
 * g     T0+5m             T0+5m             failed T0+5m5s, retried, started T0+5m6s, succeeded T0+5m56s:
 *                                           yes, success, run 5 s + 50 s = 55 s, queue 1 s
 * h     T0+30m            T0+30m            none              no; No finish 1  yes, runs to now (T1): 30 min
 * j0    T0 (from)         waiting           none              no; No finish 1  yes, waits to now: 1 h
 * j1    T1 (to)           waiting           none              no               no (enqueued at to)
 * i     T0-1h             T0-1h             none              no (enqueued before R)   yes, runs 2 h to now
 * m     T0-23h30m         same              none              no               yes, run bounded at 24 h
 * k     T0-30h            same              none              no               no: its 24 h bound ends before R
 * </pre>
 *
 * So the Functions row is 5 calls, 5 successes, run p50 30 s (nearest rank of 10, 20, 30, 40, 55 s),
 * p99 55 s, queue p99 2 s, and No finish 2 (h, j0). Log lines "edge" at T0-1µs, T0, T1-1µs and T1:
 * the two at T0 and T1-1µs are in.
 */
class RangeEdgesTest {

    private static final Instant T0 = Instant.parse("2026-11-20T10:00:00Z");
    private static final Instant T1 = T0.plusSeconds(3600);
    private static final TimeRange R = new TimeRange(T0, T1);
    private static final String F = "fu-01JRANGEEDGESF0000000000";
    private static final Duration US = Duration.ofNanos(1000);
    private static final Map<String, String> IDS = new HashMap<>();
    private static String db;
    private static BothEngines engines;

    @TempDir
    Path dir;

    @BeforeAll
    static void workload() throws Exception {
        Engine engine = TestEngine.shared();
        db = TestEngine.freshDatabase("rangeedges");
        engine.execute(Query.of("DROP DATABASE " + db));
        Schema.create(engine, db);
        CallEvents ev = new CallEvents(engine, db);
        Random r = new Random(20);
        warm(ev, r, "a", T0.minusSeconds(10), T0.minusSeconds(10), T0);
        warm(ev, r, "d", T0.minusSeconds(20), T0.minusSeconds(20), T0.minus(US));
        Instant c0 = T1.minusSeconds(20).minus(US);
        warm(ev, r, "c", c0, c0, T1.minus(US));
        warm(ev, r, "b", T1.minusSeconds(30), T1.minusSeconds(30), T1);
        String e = id("e", T0.plusSeconds(600), r);
        for (int twice = 0; twice < 2; twice++) {
            ev.warm(F, "edgefn", e, T0.plusSeconds(600), T0.plusSeconds(602), T0.plusSeconds(642), "success");
        }
        String f = id("f", T0.plusSeconds(1200), r);
        Instant f0 = T0.plusSeconds(1200);
        ev.insert(
                F,
                "edgefn",
                f,
                "finished",
                f0.plusSeconds(30),
                1,
                "ta-edge",
                false,
                f0,
                null,
                null,
                f0,
                f0.plusSeconds(30),
                "success");
        ev.insert(F, "edgefn", f, "started", f0, 1, "ta-edge", false, f0, null, null, f0, null, "pending");
        ev.insert(F, "edgefn", f, "queued", f0, 1, "", false, f0, null, null, null, null, "pending");
        Instant g0 = T0.plusSeconds(300);
        String g = id("g", g0, r);
        ev.insert(F, "edgefn", g, "queued", g0, 1, "", false, g0, null, null, null, null, "pending");
        ev.insert(F, "edgefn", g, "started", g0, 1, "ta-edge", false, g0, null, null, g0, null, "pending");
        ev.insert(
                F,
                "edgefn",
                g,
                "finished",
                g0.plusSeconds(5),
                1,
                "ta-edge",
                false,
                g0,
                null,
                null,
                g0,
                g0.plusSeconds(5),
                "failure");
        ev.insert(F, "edgefn", g, "retried", g0.plusSeconds(5), 2, "", false, g0, null, null, null, null, "pending");
        ev.insert(
                F,
                "edgefn",
                g,
                "started",
                g0.plusSeconds(6),
                2,
                "ta-edge",
                false,
                g0,
                null,
                null,
                g0.plusSeconds(6),
                null,
                "pending");
        ev.insert(
                F,
                "edgefn",
                g,
                "finished",
                g0.plusSeconds(56),
                2,
                "ta-edge",
                false,
                g0,
                null,
                null,
                g0.plusSeconds(6),
                g0.plusSeconds(56),
                "success");
        warm(ev, r, "h", T0.plusSeconds(1800), T0.plusSeconds(1800), null);
        warm(ev, r, "j0", T0, null, null);
        warm(ev, r, "j1", T1, null, null);
        warm(ev, r, "i", T0.minusSeconds(3600), T0.minusSeconds(3600), null);
        Instant m0 = T0.minus(Duration.ofMinutes(23 * 60 + 30));
        warm(ev, r, "m", m0, m0, null);
        warm(ev, r, "k", T0.minus(Duration.ofHours(30)), T0.minus(Duration.ofHours(30)), null);
        for (Instant at : List.of(T0.minus(US), T0, T1.minus(US), T1)) {
            engine.execute(
                    Query.of("INSERT INTO " + db + ".function_logs (timestamp, app_id, function_id, function_call_id,"
                                    + " container_id, stream, level, message) VALUES ({t:DateTime64(6, 'UTC')}, 'ap-edges', {f:String}, '', '',"
                                    + " 'stdout', 'INFO', {m:String})")
                            .bind("t", at)
                            .bind("f", F)
                            .bind("m", "edge line at " + at));
        }
        engines = BothEngines.start();
    }

    @AfterAll
    static void stop() {
        engines.close();
    }

    private static String id(String name, Instant enqueued, Random r) {
        String id = CallscopeIds.at(CallscopeIds.Kind.CALL, enqueued.toEpochMilli(), r);
        IDS.put(id, name);
        return id;
    }

    private static void warm(CallEvents ev, Random r, String name, Instant enq, Instant st, Instant fin) {
        ev.warm(F, "edgefn", id(name, enq, r), enq, st, fin, "success");
    }

    private static Engine engine(String which) {
        return engines.engine(which);
    }

    @ParameterizedTest
    @ValueSource(strings = {"embedded", "http"})
    void functionsCountCallsFinishedInTheRangeAndNoFinishEventsApart(String which) {
        Engine engine = engine(which);
        // before and after the server seals the slots: from the calls, then from the rollup
        for (String when : List.of("from the calls", "from the rollup")) {
            if (when.equals("from the rollup")) {
                RollupViews.refreshAt(TestEngine.shared(), db, T1.plus(Duration.ofDays(2)));
            }
            FunctionStats.Result result = new FunctionStats(db).table(engine, R);
            assertEquals(R, result.read(), "a range on whole slots is read as asked");
            assertEquals(1, result.rows().size(), when);
            FunctionRow row = result.rows().getFirst();
            assertEquals("edgefn", row.name(), when);
            assertEquals(5, row.calls(), when + ": a, c, e, f, g");
            assertEquals(5, row.successes(), when + ": g's retry succeeded");
            assertEquals(0, row.failures() + row.timeouts() + row.otherFailures(), when);
            assertEquals(30_000, row.p50ExecutionMs(), 1e-6, when);
            assertEquals(55_000, row.p99ExecutionMs(), 1e-6, when + ": g's two attempts");
            assertEquals(2_000, row.p99QueueMs(), 1e-6, when);
            assertEquals(0, row.coldStartShare(), 1e-9, when);
            assertEquals(
                    2, row.noFinishEvent(), when + ": h and j0, not j1 (enqueued at to) nor i, m, k (before from)");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"embedded", "http"})
    void aFunctionWhoseCallsAllLackAFinishEventIsStillListed(String which) {
        TimeRange lateNight = new TimeRange(T0.minus(Duration.ofHours(30)), T0.minus(Duration.ofHours(29)));
        List<FunctionRow> rows =
                new FunctionStats(db).table(engine(which), lateNight).rows();
        assertEquals(1, rows.size());
        assertEquals(0, rows.getFirst().calls());
        assertEquals(1, rows.getFirst().noFinishEvent(), "k");
    }

    @ParameterizedTest
    @ValueSource(strings = {"embedded", "http"})
    void theWindowsTwoStepsGiveTheWholeTable(String which) {
        // the window shows the finished calls first and counts the calls with no finish event after
        FunctionStats stats = new FunctionStats(db);
        for (TimeRange r : List.of(R, new TimeRange(T0.minus(Duration.ofHours(30)), T0.minus(Duration.ofHours(29))))) {
            FunctionStats.Result first = stats.finishedCalls(engine(which), r);
            assertTrue(first.rows().stream().allMatch(f -> f.noFinishEvent() == FunctionRow.NOT_COUNTED));
            assertEquals(
                    stats.table(engine(which), r).rows(),
                    stats.withNoFinish(engine(which), first, r).rows());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"embedded", "http"})
    void theTimelineShowsWhatRanOrFinishedInTheRangeAndBoundsCallsWithNoFinishEvent(String which) {
        List<CallTimeline> calls =
                new CallRebuild(db).forFunction(engine(which), F, T0, T1, 1000).calls();
        Map<String, CallTimeline> byName = calls.stream().collect(Collectors.toMap(c -> IDS.get(c.callId()), c -> c));
        assertEquals(
                List.of("a", "b", "c", "e", "f", "g", "h", "i", "j0", "m").stream()
                        .sorted()
                        .toList(),
                byName.keySet().stream().sorted().toList());
        Instant now = T1;
        assertEquals(Duration.ofSeconds(10), byName.get("a").runTime(now));
        assertEquals(Duration.ofSeconds(20), byName.get("c").runTime(now));
        assertEquals(Duration.ofSeconds(2), byName.get("e").queueTime(now), "duplicates change nothing");
        assertEquals(Duration.ofSeconds(40), byName.get("e").runTime(now));
        assertEquals(Duration.ofSeconds(30), byName.get("f").runTime(now), "arrival order changes nothing");
        CallTimeline g = byName.get("g");
        assertEquals(
                List.of(CallStatus.FAILURE, CallStatus.SUCCESS),
                g.attempts().stream().map(CallAttempt::status).toList());
        assertEquals(Duration.ofSeconds(55), g.runTime(now));
        assertEquals(Duration.ofSeconds(1), g.queueTime(now));
        assertEquals(Duration.ofSeconds(56), g.endToEnd(now));
        // no finish event: to now, or at most a day after it began
        assertEquals(Duration.ofMinutes(30), byName.get("h").runTime(now));
        assertFalse(byName.get("h").last().pastOpenBound(now));
        assertEquals(Duration.ofHours(1), byName.get("j0").queueTime(now));
        assertEquals(Duration.ZERO, byName.get("j0").runTime(now));
        assertEquals(Duration.ofHours(2), byName.get("i").runTime(now));
        CallTimeline m = byName.get("m");
        assertEquals(NoFinishEvent.MAX_OPEN, m.runTime(now));
        assertTrue(m.last().pastOpenBound(now));
        assertEquals(m.enqueuedAt().plus(NoFinishEvent.MAX_OPEN), m.end(now));
        assertEquals("no finish event", m.finalStatus().label());
        StageSummary s = StageSummary.of(calls, T0, T1, now);
        assertEquals(10, s.calls());
        assertEquals(6, s.outcomes().get(CallStatus.SUCCESS));
        assertEquals(4, s.outcomes().get(CallStatus.PENDING), "h, i, j0, m: no finish event");
    }

    @ParameterizedTest
    @ValueSource(strings = {"embedded", "http"})
    void performanceCountsEachCallInTheBucketItFinishedIn(String which) {
        LatencySeries s = new LatencyQuery(db)
                .series(engine(which), List.of(F), Metric.EXECUTION, R, Duration.ofMinutes(1), Precision.EXACT);
        assertEquals(R, s.readRange(), "whole buckets already: read as asked");
        assertEquals(60, s.size());
        Map<Integer, Double> expected = Map.of(0, 10_000.0, 5, 55_000.0, 10, 40_000.0, 20, 30_000.0, 59, 20_000.0);
        for (int i = 0; i < s.size(); i++) {
            double want = expected.getOrDefault(i, Double.NaN);
            assertEquals(expected.containsKey(i) ? 1 : 0, s.samples()[i], "bucket " + i);
            assertEquals(want, s.values().get(Statistic.P50)[i], 1e-6, "bucket " + i);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"embedded", "http"})
    void performanceSaysWhichCallsItReadWhenItWidensToWholeBuckets(String which) {
        TimeRange asked = new TimeRange(T0.plusSeconds(30), T1.plusSeconds(15));
        LatencySeries s = new LatencyQuery(db)
                .series(engine(which), List.of(F), Metric.EXECUTION, asked, Duration.ofMinutes(5), Precision.EXACT);
        assertEquals(new TimeRange(T0, T1.plus(Duration.ofMinutes(5))), s.readRange());
        assertEquals("[2026-11-20 10:00:00, 11:05:00) UTC", s.readRangeText(ZoneOffset.UTC));
        assertEquals(
                6, Arrays.stream(s.samples()).sum(), "a, c, e, f, g and b, which finished at T1, inside what was read");
    }

    @ParameterizedTest
    @ValueSource(strings = {"embedded", "http"})
    void logsAndTheirExportHoldTheLineAtFromAndNotTheLineAtTo(String which) throws Exception {
        Engine engine = engine(which);
        // a word, and a quoted part of it (quoting finds text inside words)
        for (String text : List.of("edge", "\"dge\"")) {
            for (TextStrategy strategy : List.of(TextStrategy.TEXT_INDEX, TextStrategy.SCAN)) {
                LogSearch search = new LogSearch(new LogTables(db), strategy);
                var expr = SearchParser.parse(text);
                String at = text + " " + strategy;
                List<Instant> got = search.page(engine, expr, R, null, 100, null).lines().stream()
                        .map(LogLine::timestamp)
                        .sorted()
                        .toList();
                assertEquals(List.of(T0, T1.minus(US)), got, at);
                assertEquals(2, search.histogram(engine, expr, R, 60).total(), at);
                Path out = dir.resolve(which + "-" + strategy + text.length() + ".csv");
                assertEquals(
                        2,
                        LogExport.write(
                                engine, search, expr, R, LogExport.Format.CSV, out, FunctionNames.NONE, n -> {}),
                        at);
                assertEquals(3, Files.readAllLines(out).size(), at + ": header and two lines");
            }
        }
    }

    @org.junit.jupiter.api.Test
    void theCommandLinesCsvExportsHoldTheSameCallsAndDurations() throws Exception {
        Path timeline = dir.resolve("t.csv");
        assertEquals(0, export("timeline", "--function", "edgefn", "--out", timeline.toString()));
        // call_id,attempt,status,queued_at,cold_start_ms,queue_ms,run_ms,finished_at
        Map<String, String[]> rows = new HashMap<>();
        for (String line : Files.readAllLines(timeline)
                .subList(1, Files.readAllLines(timeline).size())) {
            String[] f = line.split(",", -1);
            rows.put(IDS.get(f[0]) + "#" + f[1], f);
        }
        assertEquals(
                List.of("a#1", "b#1", "c#1", "e#1", "f#1", "g#1", "g#2", "h#1", "i#1", "j0#1", "m#1"),
                rows.keySet().stream().sorted().toList());
        assertEquals("10000", rows.get("a#1")[6]);
        assertEquals("50000", rows.get("g#2")[6]);
        assertEquals("1000", rows.get("g#2")[5]);
        assertEquals("failure", rows.get("g#1")[2]);
        assertEquals("no finish event", rows.get("h#1")[2]);
        assertEquals(Long.toString(Duration.ofMinutes(30).toMillis()), rows.get("h#1")[6], "to the data's end, T1");
        assertEquals(Long.toString(NoFinishEvent.MAX_OPEN.toMillis()), rows.get("m#1")[6], "bounded");
        assertEquals("", rows.get("m#1")[7], "no finish time is made up");

        Path perf = dir.resolve("p.csv");
        assertEquals(0, export("performance", "--function", "edgefn", "--bucket", "60s", "--out", perf.toString()));
        List<String> lines = Files.readAllLines(perf);
        assertEquals(61, lines.size(), "60 one-minute buckets of [T0, T1)");
        assertEquals(
                5,
                lines.stream()
                        .skip(1)
                        .mapToLong(l -> Long.parseLong(l.split(",")[1]))
                        .sum(),
                "a, c, e, f, g");
        assertEquals("1", lines.get(1).split(",")[1], "a, finished at T0, is in the first bucket");
        assertEquals("1", lines.get(60).split(",")[1], "c, finished at T1-1µs, is in the last");
    }

    private static int export(String... args) {
        List<String> all = new ArrayList<>(List.of("export"));
        all.addAll(List.of(args));
        all.addAll(List.of(
                "--from", T0.toString(), "--to", T1.toString(), "--database", db, "--url", engines.url(), "--quiet"));
        return CallscopeCommand.run(all.toArray(String[]::new));
    }
}
