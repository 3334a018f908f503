package dev.callscope.performance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.callscope.acceleration.RollupViews;
import dev.callscope.calls.AttemptRows;
import dev.callscope.calls.CallRollup;
import dev.callscope.cost.CostQuery;
import dev.callscope.cost.CostRow;
import dev.callscope.cost.Prices;
import dev.callscope.engine.Engine;
import dev.callscope.engine.Query;
import dev.callscope.functions.Scaling;
import dev.callscope.ids.CallscopeIds;
import dev.callscope.schema.Schema;
import dev.callscope.testing.TestEngine;
import dev.callscope.time.TimeRange;
import dev.callscope.timeline.CallRebuild;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Calls that waited hours behind a backlog count in the range they finish in, however long before
 * it they were enqueued: from the summary table, from the raw events, and through the rollup.
 */
class LongQueuedCallsTest {

    private static final Instant END = Instant.parse("2026-11-20T12:00:00Z");
    private static final TimeRange LAST_HOUR = new TimeRange(END.minus(Duration.ofHours(1)), END);
    private static final Engine engine = TestEngine.shared();
    private static String db;
    private static String once;
    private static String retried;
    private static String before;
    private static String stuck;

    @BeforeAll
    static void calls() {
        db = TestEngine.freshDatabase("long_queue");
        Schema.create(engine, db);
        Random random = new Random(3);
        // ran once: queued 9 h, ran 4 min
        once = CallscopeIds.at(
                CallscopeIds.Kind.CALL, END.minus(Duration.ofHours(9)).toEpochMilli(), random);
        attempt(
                once,
                1,
                END.minus(Duration.ofHours(9)),
                END.minus(Duration.ofMinutes(10)),
                END.minus(Duration.ofMinutes(6)),
                "success");
        // retried: the first attempt failed 5 h ago, the second ran 2 min and finished in the hour
        retried = CallscopeIds.at(
                CallscopeIds.Kind.CALL, END.minus(Duration.ofHours(7)).toEpochMilli(), random);
        attempt(
                retried,
                1,
                END.minus(Duration.ofHours(7)),
                END.minus(Duration.ofHours(6)),
                END.minus(Duration.ofHours(5)),
                "failure");
        attempt(
                retried,
                2,
                END.minus(Duration.ofHours(7)),
                END.minus(Duration.ofMinutes(4)),
                END.minus(Duration.ofMinutes(2)),
                "success");
        // a quick call in the hour, and one that finished before it
        String quick = CallscopeIds.at(
                CallscopeIds.Kind.CALL, END.minus(Duration.ofMinutes(30)).toEpochMilli(), random);
        attempt(
                quick,
                1,
                END.minus(Duration.ofMinutes(30)),
                END.minus(Duration.ofMinutes(29)),
                END.minus(Duration.ofMinutes(28)),
                "success");
        before = CallscopeIds.at(
                CallscopeIds.Kind.CALL, END.minus(Duration.ofHours(8)).toEpochMilli(), random);
        attempt(
                before,
                1,
                END.minus(Duration.ofHours(8)),
                END.minus(Duration.ofHours(3)),
                END.minus(Duration.ofHours(2)),
                "success");
        // queued for 30 hours, running since 8 minutes before the end, not finished
        stuck = CallscopeIds.at(
                CallscopeIds.Kind.CALL, END.minus(Duration.ofHours(30)).toEpochMilli(), random);
        attempt(stuck, 1, END.minus(Duration.ofHours(30)), END.minus(Duration.ofMinutes(8)), null, "pending");
        // a container started 30 hours before the end and never stopped
        engine.execute(Query.of(
                        "INSERT INTO " + db
                                + ".function_call_events (function_id, function_call_id, event_at, event_type, "
                                + "container_id) VALUES ('fu-1', '', {at:DateTime64(6, 'UTC')}, 'container_started', 'ta-long')")
                .bind("at", END.minus(Duration.ofHours(30))));
    }

    private static void attempt(
            String call, int attempt, Instant enqueued, Instant started, Instant finished, String status) {
        String insert =
                "INSERT INTO " + db + ".function_call_events (function_id, function_call_id, event_at, event_type, "
                        + "attempt, enqueued_at, started_at, finished_at, status) VALUES ('fu-1', {c:String}, {at:DateTime64(6, 'UTC')}, "
                        + "{type:String}, {n:UInt16}, {enq:DateTime64(6, 'UTC')}, {st:Nullable(DateTime64(6, 'UTC'))}, "
                        + "{fin:Nullable(DateTime64(6, 'UTC'))}, {status:String})";
        Instant queuedAt = attempt == 1 ? enqueued : started.minusSeconds(1);
        List<String[]> events = new ArrayList<>(
                List.of(new String[] {attempt == 1 ? "queued" : "retried", "q"}, new String[] {"started", "s"}));
        if (finished != null) {
            events.add(new String[] {"finished", "f"});
        }
        for (String[] e : events) {
            Instant at = switch (e[1]) {
                case "q" -> queuedAt;
                case "s" -> started;
                default -> finished;
            };
            engine.execute(Query.of(insert)
                    .bind("c", call)
                    .bind("at", at)
                    .bind("type", e[0])
                    .bind("n", attempt)
                    .bind("enq", enqueued)
                    .bind("st", e[1].equals("q") ? null : started)
                    .bind("fin", e[1].equals("f") ? finished : null)
                    .bind("status", e[1].equals("f") ? status : "pending"));
        }
    }

    private record Totals(long calls, double maxMs) {}

    /** End-to-end latency over {@code range} in one bucket: how many calls, and the longest. */
    private static Totals endToEnd(AttemptRows attempts, TimeRange range) {
        Query q = new LatencyQuery(db)
                .query(
                        attempts,
                        CallRollup.none(db),
                        List.of(),
                        Metric.END_TO_END,
                        range,
                        range.duration(),
                        Precision.EXACT);
        return engine.query(q, rows -> {
                    long n = 0;
                    double max = 0;
                    while (rows.next()) {
                        n += rows.getLong(2);
                        max = Math.max(max, rows.getDouble(5));
                    }
                    return new Totals(n, max);
                })
                .value();
    }

    @Test
    void callsEnqueuedHoursBeforeTheRangeCountWhereTheyFinish() {
        double nineHoursLessSix = Duration.ofHours(9).minusMinutes(6).toMillis();
        // an hour finds retried calls by key, six hours by scanning from the earliest enqueue
        TimeRange sixHours = new TimeRange(END.minus(Duration.ofHours(6)), END);
        for (AttemptRows attempts : List.of(AttemptRows.fromSummary(db), AttemptRows.fromEvents(db))) {
            String from = attempts.summarized() ? "the summary" : "the events";
            Totals hour = endToEnd(attempts, LAST_HOUR);
            assertEquals(3, hour.calls(), "calls finished in the hour, from " + from);
            assertEquals(nineHoursLessSix, hour.maxMs(), 1e-3, "the longest is the call queued 9 h, from " + from);
            Totals six = endToEnd(attempts, sixHours);
            assertEquals(4, six.calls(), "calls finished in six hours, from " + from);
            assertEquals(nineHoursLessSix, six.maxMs(), 1e-3, "six hours, from " + from);
        }
    }

    @Test
    void theRollupHoldsThemToo() {
        String rolled = TestEngine.freshDatabase("long_queue_rollup");
        Schema.create(engine, rolled);
        engine.execute(Query.of(
                "INSERT INTO " + rolled + ".function_call_events SELECT * FROM " + db + ".function_call_events"));
        RollupViews.refreshAt(engine, rolled, END);
        long sealed = Long.parseLong(engine.queryScalar(Query.of("SELECT sum(calls) FROM " + rolled
                        + ".function_call_rollup FINAL" + " WHERE slot >= {from:DateTime64(6, 'UTC')}")
                .bind("from", LAST_HOUR.from())));
        assertEquals(3, sealed, "the rollup's slots of the last hour hold every call finished in it");
    }

    @Test
    void theSqlLowerBoundOfAnIdIsTheJavaOne() {
        Random random = new Random(5);
        for (int i = 0; i < 20; i++) {
            Instant t = Instant.ofEpochMilli(1_700_000_000_000L + (long) (random.nextDouble() * 100_000_000_000L))
                    .plusNanos(random.nextInt(1000) * 1000);
            String sql = engine.queryScalar(
                    Query.of("SELECT " + CallscopeIds.lowerBoundSql(CallscopeIds.Kind.CALL, "{t:DateTime64(6, 'UTC')}"))
                            .bind("t", t));
            assertEquals(CallscopeIds.lowerBound(CallscopeIds.Kind.CALL, t), sql, t.toString());
        }
    }

    @Test
    void theTimelineAndScalingShowACallWhileItWaitsAndRunsHoursAfterItsEnqueue() {
        // between 3 and 2 hours before the end: the call queued 9 h before the end still waits, the
        // retried one waits for its second attempt, the one enqueued 8 h before runs, the one queued 30 h waits
        Instant waitingFrom = END.minus(Duration.ofHours(3));
        var rebuild = new CallRebuild(db);
        for (AttemptRows attempts : List.of(AttemptRows.fromSummary(db), AttemptRows.fromEvents(db))) {
            List<String> shown = engine.query(
                            rebuild.forFunctionQuery(
                                    attempts, "fu-1", waitingFrom, waitingFrom.plus(Duration.ofHours(1)), 1000),
                            rows -> {
                                List<String> ids = new ArrayList<>();
                                while (rows.next()) {
                                    ids.add(rows.getString(1));
                                }
                                return ids;
                            })
                    .value();
            // waiting 6 h already, waiting 2 h for its retry, and running
            assertEquals(
                    Set.of(once, retried, before, stuck),
                    Set.copyOf(shown),
                    "the Timeline shows every call waiting or running in the window, from "
                            + (attempts.summarized() ? "the summary" : "the events"));
        }

        TimeRange running = new TimeRange(END.minus(Duration.ofMinutes(9)), END.minus(Duration.ofMinutes(7)));
        var series = new Scaling(db).series(engine, "fu-1", running, Duration.ofMinutes(2));
        assertEquals(
                1.5,
                Arrays.stream(series.running()).max().orElse(0),
                1e-9,
                "the call enqueued 9 h before runs through those two minutes, the one queued 30 h through the second");
    }

    @Test
    void costBillsTheRunOfACallEnqueuedMoreThanADayBeforeTheRange() {
        // the call queued 9 h runs through these two minutes, the one queued 30 h through the second
        TimeRange range = new TimeRange(END.minus(Duration.ofMinutes(9)), END.minus(Duration.ofMinutes(7)));
        var days = new CostQuery(db).byDay(engine, range, List.of(), Prices.EXAMPLES);
        double run = days.stream().mapToDouble(CostRow::runSeconds).sum();
        assertEquals(180.0, run, 1e-6, "three minutes of running fall in the range");
    }

    @Test
    void aContainerStartedMoreThanADayBeforeTheRangeIsAliveAndIdleInIt() {
        // in these two minutes only the quick call runs, for one of them: the container idles the other
        TimeRange range =
                new TimeRange(END.minus(Duration.ofSeconds(29 * 60 + 30)), END.minus(Duration.ofSeconds(27 * 60 + 30)));
        var days = new CostQuery(db).byDay(engine, range, List.of(), Prices.EXAMPLES);
        assertEquals(60.0, days.stream().mapToDouble(CostRow::runSeconds).sum(), 1e-6);
        assertEquals(60.0, days.stream().mapToDouble(CostRow::idleSeconds).sum(), 1e-6);
        var series = new Scaling(db).series(engine, "fu-1", range, Duration.ofMinutes(2));
        assertEquals(1.0, Arrays.stream(series.containers()).max().orElse(0), 1e-9, "one container alive");
    }
}
