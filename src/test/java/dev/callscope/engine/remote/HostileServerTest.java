package dev.callscope.engine.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.callscope.engine.EngineException;
import dev.callscope.engine.Guardrails;
import dev.callscope.engine.Query;
import dev.callscope.engine.ResultHandler;
import dev.callscope.testing.ChdbHttpEndpoint;
import dev.callscope.testing.FaultyServer;
import dev.callscope.testing.FaultyServer.Fault;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Answers a careful attacker or an unlucky network sends: one that trickles a byte every 200 ms,
 * a value that claims 2 GiB, rows that never end, a proxy's 502 and 503 pages. Each ends in bounded
 * time and memory with one sentence that names what happened, and nothing is asked again and again.
 */
class HostileServerTest {

    private static final String USER = "hostile";
    private static final String PASSWORD = "pw";
    /** A 1 s time limit and a 1 s grace: every read is over within about two seconds. */
    private static final Guardrails LIMITS = Guardrails.DEFAULTS.withMaxExecutionTime(Duration.ofSeconds(1));

    private static final Network NETWORK =
            new Network(Duration.ofSeconds(2), Duration.ofSeconds(1), 3, Duration.ofMillis(50));
    private static final ResultHandler<Long> COUNT = rows -> {
        long n = 0;
        while (rows.next()) {
            rows.getObject(1);
            n++;
        }
        return n;
    };

    private static ChdbHttpEndpoint upstream;

    @BeforeAll
    static void startUpstream() {
        upstream = ChdbHttpEndpoint.start(USER, PASSWORD);
    }

    @AfterAll
    static void stopUpstream() {
        upstream.close();
    }

    /** Opens through a relay (so the version probe works), then turns the relay hostile. */
    private static RemoteEngine through(FaultyServer server, Guardrails limits, Fault fault) {
        RemoteEngine engine =
                RemoteEngine.open(RemoteEndpoint.of(server.url(), USER, PASSWORD, "default"), limits, NETWORK);
        server.setFault(fault);
        return engine;
    }

    @Test
    void anAnswerTrickledAByteAtATimeEndsAtTheDeadline() {
        try (FaultyServer server = FaultyServer.start(Fault.RELAY, upstream.url());
                RemoteEngine engine = through(server, LIMITS, Fault.TRICKLE)) {
            long t0 = System.nanoTime();
            EngineException e = assertThrows(
                    EngineException.class,
                    () -> engine.query(Query.of("SELECT number, toString(number) FROM numbers(1000)"), COUNT));
            double seconds = (System.nanoTime() - t0) / 1e9;
            assertTrue(seconds < 6, "stopped near the 2 s deadline, not after the whole trickle: " + seconds + " s");
            assertEquals(EngineException.TIMEOUT_EXCEEDED, e.code(), e.getMessage());
            assertTrue(
                    e.getMessage().contains("took longer than the time limit (1 s) and its grace (1 s)"),
                    e.getMessage());
        }
    }

    @Test
    void aValueOf2GiBIsRefusedWithoutRunningOutOfMemory() {
        try (FaultyServer server = FaultyServer.start(Fault.RELAY, upstream.url());
                RemoteEngine engine =
                        through(server, LIMITS.withMaxExecutionTime(Duration.ofSeconds(20)), Fault.HUGE_VALUE)) {
            long before = usedHeap();
            EngineException e =
                    assertThrows(EngineException.class, () -> engine.query(Query.of("SELECT 'x' AS s"), COUNT));
            assertTrue(e.getMessage().contains("larger than"), e.getMessage());
            assertFalse(e.getMessage().contains("Exception"), e.getMessage());
            assertTrue(usedHeap() - before < 512L << 20, "the heap did not take the value in");
            assertEquals(1, server.requests(), "not asked again");
        }
    }

    @Test
    void rowsThatNeverEndStopAtTheResultLimit() {
        Guardrails tenMegabytes = new Guardrails(
                20, Guardrails.DEFAULTS.maxResultRows(), 10_000_000, Guardrails.DEFAULTS.maxMemoryBytes());
        try (FaultyServer server = FaultyServer.start(Fault.RELAY, upstream.url());
                RemoteEngine engine = through(server, tenMegabytes, Fault.HUGE_RESULT)) {
            long t0 = System.nanoTime();
            EngineException e = assertThrows(
                    EngineException.class, () -> engine.query(Query.of("SELECT number AS n FROM numbers(10)"), COUNT));
            assertTrue(e.getMessage().contains("larger than this connection's result limit (10 MB)"), e.getMessage());
            assertTrue((System.nanoTime() - t0) / 1e9 < 15, "stopped at the limit, not at the deadline");
            assertEquals(1, server.requests(), "not asked again");
        }
    }

    @Test
    void aProxysGatewayPageIsNamedAndAskedOnceMore() {
        for (Fault gateway : new Fault[] {Fault.GATEWAY_502, Fault.GATEWAY_503}) {
            try (FaultyServer server = FaultyServer.start(Fault.RELAY, upstream.url());
                    RemoteEngine engine = through(server, LIMITS, gateway)) {
                long t0 = System.nanoTime();
                EngineException e =
                        assertThrows(EngineException.class, () -> engine.query(Query.of("SELECT 1"), COUNT));
                String status = gateway == Fault.GATEWAY_502 ? "502 Bad Gateway" : "503 Service Unavailable";
                assertEquals(
                        "A proxy or load balancer in front of " + server.url() + " answered " + status
                                + ": the ClickHouse server behind it is down, restarting or overloaded",
                        e.getMessage());
                assertEquals(2, server.requests(), gateway + ": sent once, and once more, by one layer only");
                assertTrue((System.nanoTime() - t0) / 1e9 < 3, "no stacked retries");
            }
            // and opening a connection through it says the same at once
            try (FaultyServer server = FaultyServer.start(gateway)) {
                EngineException e = assertThrows(
                        EngineException.class,
                        () -> RemoteEngine.open(
                                RemoteEndpoint.of(server.url(), USER, PASSWORD, "default"), LIMITS, NETWORK));
                assertTrue(e.getMessage().startsWith("A proxy or load balancer in front of"), e.getMessage());
            }
        }
    }

    private static long usedHeap() {
        Runtime r = Runtime.getRuntime();
        return r.totalMemory() - r.freeMemory();
    }
}
