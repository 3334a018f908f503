package dev.callscope.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.callscope.calls.AttemptRows;
import dev.callscope.engine.Engine;
import dev.callscope.engine.Query;
import dev.callscope.engine.SqlPart;
import dev.callscope.testing.TestEngine;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** The live feed appends calls arriving now to a loaded workload, consistently with the bulk loader's rules. */
class LiveFeedTest {

    private static final Engine engine = TestEngine.shared();

    private static long scalar(String sql) {
        return Long.parseLong(engine.queryScalar(Query.of(sql)));
    }

    @Test
    void appendsNewCallsWithTheirEventsLogsAndSummary() throws InterruptedException {
        String db = TestEngine.freshDatabase("live");
        engine.execute(Query.of("DROP DATABASE " + db));
        DemoWorkload.generate(
                engine,
                DemoOptions.defaults(5)
                        .withCalls(500)
                        .withLogsPerCall(3)
                        .withEnd(Instant.now())
                        .withDatabase(db),
                DemoProgress.NONE);
        // FINAL: the bulk workload's redeliveries may merge away during the run
        long eventsBefore = scalar("SELECT count() FROM " + db + ".function_call_events FINAL");
        Instant started = Instant.now();

        LiveFeed.Summary s =
                new LiveFeed(engine, db, 200, 3, 9).run(Duration.ofSeconds(3), new AtomicBoolean(), (r, p, a) -> {});

        assertTrue(s.events() > 0 && s.logLines() > 0, s.toString());
        assertEquals(
                eventsBefore + s.events(),
                scalar("SELECT count() FROM " + db + ".function_call_events FINAL"),
                "every live event has a key of its own");
        // new calls arrived during the run, under the functions already there
        long newCalls = scalar(
                "SELECT uniqExact(function_call_id) FROM " + db + ".function_call_events WHERE event_type = 'queued'"
                        + " AND event_at >= toDateTime64('" + started + "', 6, 'UTC')");
        assertTrue(newCalls > 100, "new calls: " + newCalls);
        assertEquals(
                0,
                scalar("SELECT count() FROM " + db
                        + ".function_call_events WHERE event_at > now64(6) + INTERVAL 1 SECOND"),
                "no event is written before its time");
        // every new log line lies inside its attempt's run
        assertEquals(0, scalar("""
                SELECT count() FROM %1$s.function_logs AS l
                INNER JOIN (SELECT function_call_id, min(started_at) AS st, max(finished_at) AS fin
                            FROM %1$s.function_call_events GROUP BY function_call_id) AS c USING (function_call_id)
                WHERE l.timestamp >= toDateTime64('%2$s', 6, 'UTC') AND (l.timestamp <= c.st OR l.timestamp >= c.fin)""".formatted(db, started)));
        // the summary table folded the live inserts exactly as it folds bulk ones
        String compare = "SELECT count(), sum(cityHash64(call, attempt, fin, toString(status))) FROM (%s)";
        AttemptRows summary = AttemptRows.fromSummary(db);
        AttemptRows events = AttemptRows.fromEvents(db);
        SqlPart all = SqlPart.of("function_call_id != ''");
        assertEquals(
                engine.queryScalar(SqlPart.format(compare, events.select(all, SqlPart.time("since", Instant.EPOCH)))
                        .query()),
                engine.queryScalar(SqlPart.format(compare, summary.select(all, SqlPart.time("since", Instant.EPOCH)))
                        .query()));
        assertTrue(s.visibleMaxMs() >= 0, "the visibility reader ran");
    }

    @Test
    void theLiveDemoBesideTheWindowAddsLinesUntilStopped() throws InterruptedException {
        String db = TestEngine.freshDatabase("live_demo");
        engine.execute(Query.of("DROP DATABASE " + db));
        DemoWorkload.generate(
                engine,
                DemoOptions.defaults(6)
                        .withCalls(300)
                        .withLogsPerCall(3)
                        .withEnd(Instant.now())
                        .withDatabase(db),
                DemoProgress.NONE);
        String newLines = "SELECT count() FROM " + db + ".function_logs WHERE timestamp >= toDateTime64('"
                + Instant.now() + "', 6, 'UTC')";

        LiveDemo demo = LiveDemo.start(engine, db, 100);
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (scalar(newLines) == 0 && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        assertTrue(scalar(newLines) > 0, "log lines arrived while the window would be open");
        demo.stop();
        assertTrue(!demo.running(), "stopping ends the feed");
        long afterStop = scalar(newLines);
        Thread.sleep(1500);
        assertEquals(afterStop, scalar(newLines), "nothing is written after stop");
    }
}
