package dev.callscope.cost;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.callscope.cli.CallscopeCommand;
import dev.callscope.engine.Engine;
import dev.callscope.engine.Query;
import dev.callscope.ids.CallscopeIds;
import dev.callscope.schema.Schema;
import dev.callscope.testing.ChdbHttpEndpoint;
import dev.callscope.testing.TestEngine;
import dev.callscope.time.TimeRange;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Costs of a hand-written workload, computed by hand below: a retried call, cold and warm starts,
 * a timeout, idle containers, two GPU types, and a call running across midnight.
 *
 * <p>Prices: H100 $0.001/s, T4 $0.0002/s, $0.00001 per core-second, $0.000001 per GiB-second. So
 * function A (1 H100, 8 cores, 64 GiB) costs 0.001 + 0.00008 + 0.000064 = $0.001144/s and function B
 * (1 T4, 4 cores, 16 GiB) 0.0002 + 0.00004 + 0.000016 = $0.000256/s.
 */
public class CostQueryTest {

    /** Not kept in a field: the fixture outlives a restart of the shared engine (another test's), the data does too. */
    private static Engine engine() {
        return TestEngine.shared();
    }

    public static final Instant DAY1 = Instant.parse("2026-11-20T00:00:00Z");
    private static final Instant T0 = Instant.parse("2026-11-20T10:00:00Z");
    private static final String A = "fu-01JCOSTFIXTUREA0000000000";
    private static final String B = "fu-01JCOSTFIXTUREB0000000000";
    public static final Prices PRICES = new Prices(Map.of("H100", 0.001, "T4", 0.0002), 0.00001, 0.000001, false);
    private static final Random random = new Random(3);
    private static String db;
    private static String c1;
    private static String c2;
    private static String c3;
    private static String c4;

    private static void event(
            String fn,
            String call,
            String type,
            Instant at,
            int attempt,
            String container,
            boolean cold,
            Instant enq,
            Instant cb,
            Instant ce,
            Instant st,
            Instant fin,
            String status) {
        boolean a = fn.equals(A);
        engine().execute(Query.of("INSERT INTO " + db + """
                .function_call_events (function_id, function_call_id, event_at, event_type, app_name, function_name, attempt,
                  container_id, is_cold_start, enqueued_at, cold_start_began_at, cold_start_ended_at, started_at, finished_at,
                  status, gpu_type, gpu_count, cpu_cores, memory_mib, ingested_at)
                VALUES ({f:String}, {c:String}, {at:DateTime64(6, 'UTC')}, {type:String}, 'costs', {name:String}, {attempt:UInt16},
                  {container:String}, {cold:Bool}, {enq:DateTime64(6, 'UTC')}, {cb:Nullable(DateTime64(6, 'UTC'))},
                  {ce:Nullable(DateTime64(6, 'UTC'))}, {st:Nullable(DateTime64(6, 'UTC'))}, {fin:Nullable(DateTime64(6, 'UTC'))},
                  {status:String}, {gpu:String}, 1, {cpu:Float32}, {mem:UInt32}, now64(6))""")
                .bind("f", fn)
                .bind("c", call)
                .bind("at", at)
                .bind("type", type)
                .bind("name", a ? "generate" : "tts")
                .bind("attempt", attempt)
                .bind("container", container)
                .bind("cold", cold)
                .bind("enq", enq)
                .bind("cb", cb)
                .bind("ce", ce)
                .bind("st", st)
                .bind("fin", fin)
                .bind("status", status)
                .bind("gpu", a ? "H100" : "T4")
                .bind("cpu", a ? 8 : 4)
                .bind("mem", a ? 65536 : 16384));
    }

    private static Instant s(long seconds) {
        return T0.plusSeconds(seconds);
    }

    private static String call(Instant enqueued) {
        return CallscopeIds.at(CallscopeIds.Kind.CALL, enqueued.toEpochMilli(), random);
    }

    /** The fixture's call ids, c1..c4 (call 2 is the retried one, call 4 crosses midnight). */
    public static List<String> calls() {
        fixture();
        return List.of(c1, c2, c3, c4);
    }

    /** The fixture's database, created once (the Cost tab's UI test prices the same workload). */
    public static synchronized String fixture() {
        if (db == null) {
            workload();
        }
        return db;
    }

    @BeforeAll
    static synchronized void workload() {
        if (db != null) {
            return;
        }
        db = TestEngine.freshDatabase("cost");
        engine().execute(Query.of("DROP DATABASE " + db));
        Schema.create(engine(), db);
        // A, call 1: cold start 1..21 s on ta-a1, runs 21..121 s: success
        c1 = call(s(0));
        event(A, c1, "queued", s(0), 1, "", false, s(0), null, null, null, null, "pending");
        event(A, c1, "cold_start_begin", s(1), 1, "ta-a1", true, s(0), s(1), null, null, null, "pending");
        event(A, c1, "cold_start_end", s(21), 1, "ta-a1", true, s(0), s(1), s(21), null, null, "pending");
        event(A, c1, "started", s(21), 1, "ta-a1", true, s(0), s(1), s(21), s(21), null, "pending");
        event(A, c1, "finished", s(121), 1, "ta-a1", true, s(0), s(1), s(21), s(21), s(121), "success");
        // A, call 2, warm on ta-a1: runs 200..230 s and fails, retried, runs 240..300 s: success
        c2 = call(s(200));
        event(A, c2, "queued", s(200), 1, "", false, s(200), null, null, null, null, "pending");
        event(A, c2, "started", s(200).plusMillis(1), 1, "ta-a1", false, s(200), null, null, s(200), null, "pending");
        event(A, c2, "finished", s(230), 1, "ta-a1", false, s(200), null, null, s(200), s(230), "failure");
        event(A, c2, "retried", s(231), 2, "", false, s(200), null, null, null, null, "pending");
        event(A, c2, "started", s(240), 2, "ta-a1", false, s(200), null, null, s(240), null, "pending");
        event(A, c2, "finished", s(300), 2, "ta-a1", false, s(200), null, null, s(240), s(300), "success");
        // ta-a1 lives 1..421 s: 420 s, of which 20 + 100 + 30 + 60 = 210 s busy, 210 s idle
        event(A, "", "container_started", s(1), 0, "ta-a1", true, s(0), s(1), null, null, null, "pending");
        event(A, "", "container_stopped", s(421), 0, "ta-a1", true, s(0), s(1), s(21), s(21), s(421), "success");
        // B, call 3: cold start 55..65 s on ta-b1, runs 65..665 s: timeout; ta-b1 lives 55..700 s (35 s idle)
        c3 = call(s(50));
        event(B, c3, "queued", s(50), 1, "", false, s(50), null, null, null, null, "pending");
        event(B, c3, "cold_start_begin", s(55), 1, "ta-b1", true, s(50), s(55), null, null, null, "pending");
        event(B, c3, "started", s(65), 1, "ta-b1", true, s(50), s(55), s(65), s(65), null, "pending");
        event(B, c3, "finished", s(665), 1, "ta-b1", true, s(50), s(55), s(65), s(65), s(665), "timeout");
        event(B, "", "container_started", s(55), 0, "ta-b1", true, s(50), s(55), null, null, null, "pending");
        event(B, "", "container_stopped", s(700), 0, "ta-b1", true, s(50), s(55), s(65), s(65), s(700), "success");
        // B, call 4 across midnight: cold 23:58:50..23:59:00, runs to 00:01:00; ta-b2 stops 00:02:00
        Instant midnight = DAY1.plusSeconds(86_400);
        Instant q = midnight.minusSeconds(80);
        c4 = call(q);
        event(B, c4, "queued", q, 1, "", false, q, null, null, null, null, "pending");
        event(
                B,
                c4,
                "cold_start_begin",
                midnight.minusSeconds(70),
                1,
                "ta-b2",
                true,
                q,
                midnight.minusSeconds(70),
                null,
                null,
                null,
                "pending");
        event(
                B,
                c4,
                "started",
                midnight.minusSeconds(60),
                1,
                "ta-b2",
                true,
                q,
                midnight.minusSeconds(70),
                midnight.minusSeconds(60),
                midnight.minusSeconds(60),
                null,
                "pending");
        event(
                B,
                c4,
                "finished",
                midnight.plusSeconds(60),
                1,
                "ta-b2",
                true,
                q,
                midnight.minusSeconds(70),
                midnight.minusSeconds(60),
                midnight.minusSeconds(60),
                midnight.plusSeconds(60),
                "success");
        event(
                B,
                "",
                "container_started",
                midnight.minusSeconds(70),
                0,
                "ta-b2",
                true,
                q,
                midnight.minusSeconds(70),
                null,
                null,
                null,
                "pending");
        event(
                B,
                "",
                "container_stopped",
                midnight.plusSeconds(120),
                0,
                "ta-b2",
                true,
                q,
                midnight.minusSeconds(70),
                midnight.minusSeconds(60),
                midnight.minusSeconds(60),
                midnight.plusSeconds(120),
                "success");
    }

    private static void assertRow(
            CostRow r,
            LocalDate day,
            String fn,
            long attempts,
            long successes,
            double cold,
            double run,
            double failed,
            double cost,
            double coldCost,
            double failedCost,
            double idle,
            double idleCost) {
        String at = fn + " " + day;
        assertEquals(day, r.day(), at);
        assertEquals(fn, r.functionId(), at);
        assertEquals(attempts, r.attempts(), at + " attempts");
        assertEquals(successes, r.successes(), at + " successes");
        assertEquals(cold, r.coldSeconds(), 1e-6, at + " cold s");
        assertEquals(run, r.runSeconds(), 1e-6, at + " run s");
        assertEquals(failed, r.failedSeconds(), 1e-6, at + " failed s");
        assertEquals(cold + run, r.gpuSeconds(), 1e-6, at + " GPU s (one GPU)");
        assertEquals(cost, r.cost(), 1e-9, at + " cost");
        assertEquals(coldCost, r.coldCost(), 1e-9, at + " cold cost");
        assertEquals(failedCost, r.failedCost(), 1e-9, at + " failed cost");
        assertEquals(idle, r.idleSeconds(), 1e-6, at + " idle s");
        assertEquals(idleCost, r.idleCost(), 1e-9, at + " idle cost");
    }

    @Test
    void costPerFunctionPerDayByHand() {
        List<CostRow> rows =
                new CostQuery(db).byDay(engine(), new TimeRange(DAY1, DAY1.plusSeconds(2 * 86_400)), List.of(), PRICES);
        assertEquals(3, rows.size(), rows.toString());
        LocalDate d1 = LocalDate.of(2026, 11, 20);
        LocalDate d2 = LocalDate.of(2026, 11, 21);
        // A: 210 s billed at $0.001144/s; the failed first attempt of call 2 is 30 s; 210 s idle
        assertRow(rows.get(0), d1, A, 3, 2, 20, 190, 30, 0.24024, 0.02288, 0.03432, 210, 0.24024);
        // B day 1: call 3 (10 + 600 s, timed out) and call 4's first 70 s; alive 645 + 70 s, so 35 s idle
        assertRow(rows.get(1), d1, B, 1, 0, 20, 660, 610, 0.17408, 0.00512, 0.15616, 35, 0.00896);
        // B day 2: call 4's last 60 s, and its container idles 60 s before stopping
        assertRow(rows.get(2), d2, B, 1, 1, 0, 60, 0, 0.01536, 0, 0, 60, 0.01536);
    }

    @Test
    void rangeTotalsPerFunctionAndApp() {
        List<CostRow> days =
                new CostQuery(db).byDay(engine(), new TimeRange(DAY1, DAY1.plusSeconds(2 * 86_400)), List.of(), PRICES);
        List<CostRow> functions = CostQuery.byFunction(days);
        assertEquals(List.of(A, B), functions.stream().map(CostRow::functionId).toList());
        CostRow a = functions.get(0);
        assertEquals(0.24024 / 2, a.costPerSuccess(), 1e-9, "two successful attempts");
        assertEquals(0.03432 / 0.24024, a.failedShare(), 1e-12);
        CostRow b = functions.get(1);
        assertEquals(0.17408 + 0.01536, b.cost(), 1e-9);
        assertEquals(0.17408 + 0.01536, b.costPerSuccess(), 1e-9, "one success carries the timeout's cost");
        CostRow app = CostQuery.byApp(functions).getFirst();
        assertEquals("costs", app.appName());
        assertEquals(0.24024 + 0.17408 + 0.01536, app.cost(), 1e-9);
        assertEquals(0.24024 + 0.00896 + 0.01536, app.idleCost(), 1e-9);
    }

    /** The CLI, over HTTP, with the price table as the tab saves it: the CSV agrees with the hand numbers to the cent. */
    @Test
    void cliCsvAgreesToTheCent(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path prices = dir.resolve("prices.json");
        PriceFiles.write(prices, PRICES);
        Path csv = dir.resolve("cost.csv");
        try (var server = ChdbHttpEndpoint.start("default", "")) {
            assertEquals(0, CallscopeCommand.run(new String[] {
                "export",
                "cost",
                "--database",
                db,
                "--from",
                DAY1.toString(),
                "--to",
                DAY1.plusSeconds(2 * 86_400).toString(),
                "--prices",
                prices.toString(),
                "--out",
                csv.toString(),
                "--url",
                server.url(),
                "--quiet"
            }));
            List<String> lines = Files.readAllLines(csv);
            assertEquals(4, lines.size(), lines.toString());
            String[] a = lines.get(1).split(",");
            assertEquals("2026-11-20", a[0]);
            assertEquals(A, a[1]);
            assertEquals("0.24", cents(a[11]), "cost");
            assertEquals("0.02", cents(a[12]), "cold");
            assertEquals("0.03", cents(a[13]), "failed");
            assertEquals("0.24", cents(a[15]), "idle");
            String[] b2 = lines.get(3).split(",");
            assertEquals("2026-11-21", b2[0]);
            assertEquals("0.02", cents(b2[11]));
            Path svg = dir.resolve("cost.svg");
            assertEquals(0, CallscopeCommand.run(new String[] {
                "export",
                "cost",
                "--database",
                db,
                "--from",
                DAY1.toString(),
                "--to",
                DAY1.plusSeconds(2 * 86_400).toString(),
                "--prices",
                prices.toString(),
                "--out",
                svg.toString(),
                "--url",
                server.url(),
                "--quiet"
            }));
            String text = Files.readString(svg);
            org.junit.jupiter.api.Assertions.assertTrue(
                    text.contains("Cost per day") && text.contains("generate") && text.contains("idle containers"),
                    "title and legend");
            assertEquals(
                    2,
                    CallscopeCommandExit.badPrices(dir, db, server.url()),
                    "a malformed price table is a usage error");
        }
    }

    private static String cents(String dollars) {
        return new BigDecimal(dollars).setScale(2, RoundingMode.HALF_UP).toPlainString();
    }

    /** Runs the export with a price table that is not one. */
    private static final class CallscopeCommandExit {
        static int badPrices(Path dir, String db, String url) throws IOException {
            Path bad = dir.resolve("bad.json");
            Files.writeString(bad, "{\"gpuPerSecond\": {\"H100\": -1}}");
            return CallscopeCommand.run(new String[] {
                "export",
                "cost",
                "--database",
                db,
                "--prices",
                bad.toString(),
                "--out",
                dir.resolve("x.csv").toString(),
                "--url",
                url,
                "--quiet"
            });
        }
    }

    @Test
    void aRangeEndingMidRunBillsOnlyTheTimeInside() {
        // 10:01:00..10:03:00 holds A's call 1 from 60 s to its finish at 121 s (61 s) and ta-a1's life to 180 s
        List<CostRow> rows = new CostQuery(db).byDay(engine(), new TimeRange(s(60), s(180)), List.of(A), PRICES);
        assertEquals(1, rows.size());
        assertRow(
                rows.getFirst(), LocalDate.of(2026, 11, 20), A, 1, 1, 0, 61, 0, 61 * 0.001144, 0, 0, 59, 59 * 0.001144);
    }

    /** Call ids sort by enqueue time: c1 (10:00:00), c3 (10:00:50), c2 (10:03:20). */
    @Test
    void aCallIdRangeBillsItsCallsWholeByHand() {
        List<CostRow> rows = new CostQuery(db).forCalls(engine(), c3, c1, PRICES); // either order
        assertEquals(List.of(B, A), rows.stream().map(CostRow::functionId).toList(), "most expensive first");
        // B: call 3, cold 10 s and 600 s run until its timeout, all failed: 610 s at $0.000256
        assertRow(rows.get(0), null, B, 1, 0, 10, 600, 610, 0.15616, 0.00256, 0.15616, 0, 0);
        // A: call 1 only, cold 20 s, run 100 s: 120 s at $0.001144; call 2 lies outside the range
        assertRow(rows.get(1), null, A, 1, 1, 20, 100, 0, 0.13728, 0.02288, 0, 0, 0);
        assertEquals(
                "0.29", String.format(Locale.ROOT, "%.2f", CostQuery.total(rows).cost()));
    }

    @Test
    void aListOfCallsSkipsTheCallsBetweenThem() {
        List<CostRow> rows = new CostQuery(db).forCallList(engine(), List.of(c1, c2), PRICES);
        assertEquals(1, rows.size(), "call 3 (function B) lies between c1 and c2 but is not in the list");
        // A: both calls, 210 s at $0.001144, the failed attempt 30 s; no idle for calls
        assertRow(rows.getFirst(), null, A, 3, 2, 20, 190, 30, 0.24024, 0.02288, 0.03432, 0, 0);
    }

    @Test
    void oneCallAcrossMidnightIsBilledWhole() {
        List<CostRow> rows = new CostQuery(db).forCalls(engine(), c4, "fc-" + c4.substring(3), PRICES);
        assertEquals(1, rows.size());
        // cold 10 s, run 120 s, on both sides of midnight: 130 s at $0.000256
        assertRow(rows.getFirst(), null, B, 1, 1, 10, 120, 0, 130 * 0.000256, 10 * 0.000256, 0, 0, 0);
    }

    @Test
    void aRangeWithoutCallsCostsNothingAndBadIdsAreRefused() {
        String early = CallscopeIds.lowerBound(CallscopeIds.Kind.CALL, DAY1.minusSeconds(3600));
        String later = CallscopeIds.upperBound(CallscopeIds.Kind.CALL, DAY1.minusSeconds(60));
        assertEquals(List.of(), new CostQuery(db).forCalls(engine(), early, later, PRICES));
        org.junit.jupiter.api.Assertions.assertThrows(
                IllegalArgumentException.class, () -> new CostQuery(db).forCalls(engine(), "fc-x' OR 1=1", c1, PRICES));
    }
}
