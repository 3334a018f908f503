package dev.callscope.cost;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.callscope.engine.Engine;
import dev.callscope.engine.Query;
import dev.callscope.ids.CallscopeIds;
import dev.callscope.schema.Schema;
import dev.callscope.testing.BothEngines;
import dev.callscope.testing.TestEngine;
import dev.callscope.time.TimeRange;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Cost at the edges of days and ranges, by hand, on the embedded engine and over HTTP. Ranges are
 * half-open, [from, to): an attempt is counted where it finished, its time is billed where it was
 * used, and a warm container is idle on every day it was alive, whether its function ran or not.
 *
 * <p>One price: an H100 at $0.001/s, no cores or memory. M is midnight, 2026-11-21 00:00:00 UTC.
 * Function E: attempt e1 runs M-100 s .. M exactly (warm); e2 runs M+1 h .. M+1 h+100 s. Function
 * I: one attempt, cold start M-1 h .. M-1 h+10 s on ta-i1, runs to M-50 min; ta-i1 lives M-1 h .. M+1 h,
 * so it idles 3,000 s on the 20th and 3,600 s on the 21st, when I ran nothing.
 */
class CostEdgesTest {

    private static final Instant DAY1 = Instant.parse("2026-11-20T00:00:00Z");
    private static final Instant M = DAY1.plusSeconds(86_400);
    private static final LocalDate D1 = LocalDate.of(2026, 11, 20);
    private static final LocalDate D2 = LocalDate.of(2026, 11, 21);
    private static final String E = "fu-01JEDGEFIXTUREE0000000000";
    private static final String I = "fu-01JEDGEFIXTUREI0000000000";
    private static final Prices PRICES = new Prices(Map.of("H100", 0.001), 0, 0, false);
    private static String db;
    /** Attempts with no finish event, in a database of their own (see {@link #attemptsWithNoFinishEventAreBilledToABound}). */
    private static String openDb;

    private static final String U = "fu-01JOPENFIXTUREU0000000000";
    private static final String V = "fu-01JOPENFIXTUREV0000000000";
    private static final String W = "fu-01JOPENFIXTUREW0000000000";
    private static BothEngines engines;

    @BeforeAll
    static void workload() throws Exception {
        db = TestEngine.freshDatabase("costedges");
        engine().execute(Query.of("DROP DATABASE " + db));
        Schema.create(engine(), db);
        Random r = new Random(5);
        warm(E, call(M.minusSeconds(100), r), M.minusSeconds(100), M, "ta-e1");
        warm(E, call(M.plusSeconds(3600), r), M.plusSeconds(3600), M.plusSeconds(3700), "ta-e1");
        String i1 = call(M.minusSeconds(3600), r);
        Instant up = M.minusSeconds(3600);
        event(I, i1, "queued", up, "", false, up, null, null, null, null, "pending");
        event(I, i1, "cold_start_begin", up, "ta-i1", true, up, up, null, null, null, "pending");
        event(
                I,
                i1,
                "started",
                up.plusSeconds(10),
                "ta-i1",
                true,
                up,
                up,
                up.plusSeconds(10),
                up.plusSeconds(10),
                null,
                "pending");
        event(
                I,
                i1,
                "finished",
                M.minusSeconds(3000),
                "ta-i1",
                true,
                up,
                up,
                up.plusSeconds(10),
                up.plusSeconds(10),
                M.minusSeconds(3000),
                "success");
        event(I, "", "container_started", up, "ta-i1", true, up, up, null, null, null, "pending");
        event(
                I,
                "",
                "container_stopped",
                M.plusSeconds(3600),
                "ta-i1",
                true,
                up,
                up,
                null,
                null,
                M.plusSeconds(3600),
                "success");
        openDb = TestEngine.freshDatabase("costopen");
        engine().execute(Query.of("DROP DATABASE " + openDb));
        Schema.create(engine(), openDb);
        String target = db;
        db = openDb;
        // U: stuck in cold start from 02:00 on the 21st; W: stuck from 01:00 on the 20th; V: the newest event, 03:00 on
        // the 21st
        Instant u0 = M.plusSeconds(7200);
        String u = call(u0.minusSeconds(100), r);
        event(U, u, "queued", u0.minusSeconds(100), "", false, u0.minusSeconds(100), null, null, null, null, "pending");
        event(U, u, "cold_start_begin", u0, "ta-u1", true, u0.minusSeconds(100), u0, null, null, null, "pending");
        Instant w0 = DAY1.plusSeconds(3600);
        String w = call(w0, r);
        event(W, w, "queued", w0, "", false, w0, null, null, null, null, "pending");
        event(W, w, "cold_start_begin", w0, "ta-w1", true, w0, w0, null, null, null, "pending");
        warm(V, call(M.plusSeconds(10_000), r), M.plusSeconds(10_000), M.plusSeconds(10_800), "ta-v1");
        db = target;
        engines = BothEngines.start();
    }

    @AfterAll
    static void stop() {
        engines.close();
    }

    private static Engine engine() {
        return TestEngine.shared();
    }

    private static Engine engine(String which) {
        return engines.engine(which);
    }

    private static String call(Instant enqueued, Random r) {
        return CallscopeIds.at(CallscopeIds.Kind.CALL, enqueued.toEpochMilli(), r);
    }

    private static void warm(String fn, String call, Instant start, Instant end, String container) {
        event(fn, call, "queued", start, "", false, start, null, null, null, null, "pending");
        event(fn, call, "started", start, container, false, start, null, null, start, null, "pending");
        event(fn, call, "finished", end, container, false, start, null, null, start, end, "success");
    }

    private static void event(
            String fn,
            String call,
            String type,
            Instant at,
            String container,
            boolean cold,
            Instant enq,
            Instant cb,
            Instant ce,
            Instant st,
            Instant fin,
            String status) {
        engine().execute(Query.of("INSERT INTO " + db + """
                .function_call_events (function_id, function_call_id, event_at, event_type, app_name, function_name, attempt,
                  container_id, is_cold_start, enqueued_at, cold_start_began_at, cold_start_ended_at, started_at, finished_at,
                  status, gpu_type, gpu_count, cpu_cores, memory_mib, ingested_at)
                VALUES ({f:String}, {c:String}, {at:DateTime64(6, 'UTC')}, {type:String}, 'edges', {name:String}, 1,
                  {container:String}, {cold:Bool}, {enq:DateTime64(6, 'UTC')}, {cb:Nullable(DateTime64(6, 'UTC'))},
                  {ce:Nullable(DateTime64(6, 'UTC'))}, {st:Nullable(DateTime64(6, 'UTC'))}, {fin:Nullable(DateTime64(6, 'UTC'))},
                  {status:String}, 'H100', 1, 0, 0, now64(6))""")
                .bind("f", fn)
                .bind("c", call)
                .bind("at", at)
                .bind("type", type)
                .bind("name", fn.equals(E) ? "edge" : "idler")
                .bind("container", container)
                .bind("cold", cold)
                .bind("enq", enq)
                .bind("cb", cb)
                .bind("ce", ce)
                .bind("st", st)
                .bind("fin", fin)
                .bind("status", status));
    }

    /** day, function, attempts, successes, billed seconds, cost, idle seconds, idle cost: one row of the table below. */
    private record Expected(LocalDate day, String fn, long attempts, long successes, double billed, double idle) {
        void check(CostRow r, String range) {
            String at = range + ": " + fn + " " + day;
            assertEquals(day, r.day(), at);
            assertEquals(fn, r.functionId(), at);
            assertEquals(attempts, r.attempts(), at + " attempts");
            assertEquals(successes, r.successes(), at + " successes");
            assertEquals(billed, r.billableSeconds(), 1e-6, at + " billed s");
            assertEquals(billed * 0.001, r.cost(), 1e-9, at + " cost");
            assertEquals(idle, r.idleSeconds(), 1e-6, at + " idle s");
            assertEquals(idle * 0.001, r.idleCost(), 1e-9, at + " idle cost");
        }
    }

    private static void check(String engine, Instant from, Instant to, Expected... expected) {
        List<CostRow> rows = new CostQuery(db).byDay(engine(engine), new TimeRange(from, to), List.of(), PRICES);
        String range = engine + " [" + from + ", " + to + ")";
        assertEquals(expected.length, rows.size(), range + ": " + rows);
        for (int i = 0; i < expected.length; i++) {
            expected[i].check(rows.get(i), range);
        }
    }

    /**
     * An attempt with no finish event is billed until the newest event of the data, and at most 24 h
     * after it began (a platform's timeout ends it), never to the range's end; it is counted apart,
     * on the day its billing ends. U: 02:00–03:00 (the newest event, V's finish), 3,600 s; W: from
     * 01:00 on the 20th for 24 h, 82,800 s on the 20th and 3,600 s on the 21st. Before, U was billed
     * to the range's end (21 h) and W for 47 h.
     */
    @ParameterizedTest
    @ValueSource(strings = {"embedded", "http"})
    void attemptsWithNoFinishEventAreBilledToABound(String engine) {
        List<CostRow> rows = new CostQuery(openDb)
                .byDay(engine(engine), new TimeRange(DAY1, DAY1.plusSeconds(2 * 86_400)), List.of(), PRICES);
        String range = engine + " open attempts";
        assertEquals(4, rows.size(), rows.toString());
        new Expected(D1, W, 0, 0, 82_800, 0).check(rows.get(0), range);
        new Expected(D2, U, 0, 0, 3_600, 0).check(rows.get(1), range);
        new Expected(D2, V, 1, 1, 800, 0).check(rows.get(2), range);
        new Expected(D2, W, 0, 0, 3_600, 0).check(rows.get(3), range);
        assertEquals(
                List.of(0L, 1L, 0L, 1L),
                rows.stream().map(CostRow::unfinished).toList(),
                "counted on the day their billing ends");
        assertEquals(2, CostQuery.total(CostQuery.byFunction(rows)).unfinished());
    }

    @ParameterizedTest
    @ValueSource(strings = {"embedded", "http"})
    void bothDays(String engine) {
        check(
                engine,
                DAY1,
                DAY1.plusSeconds(2 * 86_400),
                // e1's 100 s were used on the 20th; it finished at 00:00:00 on the 21st, where it is counted
                new Expected(D1, E, 0, 0, 100, 0),
                new Expected(D1, I, 1, 1, 600, 3000),
                new Expected(D2, E, 2, 2, 100, 0),
                // I ran nothing on the 21st: its warm container's hour is still billed as idle
                new Expected(D2, I, 0, 0, 0, 3600));
    }

    @ParameterizedTest
    @ValueSource(strings = {"embedded", "http"})
    void aRangeStartingAtAFinishCountsItAndBillsNothingBeforeIt(String engine) {
        check(engine, M, M.plusSeconds(86_400), new Expected(D2, E, 2, 2, 100, 0), new Expected(D2, I, 0, 0, 0, 3600));
    }

    @ParameterizedTest
    @ValueSource(strings = {"embedded", "http"})
    void aRangeEndingAtAFinishBillsItsTimeButCountsItInTheNextRange(String engine) {
        check(engine, DAY1, M, new Expected(D1, E, 0, 0, 100, 0), new Expected(D1, I, 1, 1, 600, 3000));
    }

    @ParameterizedTest
    @ValueSource(strings = {"embedded", "http"})
    void idleTimeIsClippedToTheRangeOnADayWithoutAttempts(String engine) {
        check(engine, M.plusSeconds(600), M.plusSeconds(1800), new Expected(D2, I, 0, 0, 0, 1200));
    }
}
