package dev.callscope.engine.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.callscope.engine.ConnectionHealth;
import dev.callscope.engine.EngineException;
import dev.callscope.engine.Guardrails;
import dev.callscope.engine.Query;
import dev.callscope.engine.ResultHandler;
import dev.callscope.testing.ChdbHttpEndpoint;
import dev.callscope.testing.FaultyServer;
import dev.callscope.testing.FaultyServer.Fault;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The remote engine against real sockets that fail: refused, unknown host, stalled, reset, cut off
 * mid-answer, an HTTP 500 page, garbage, a server that goes away and comes back. Each failure reads
 * as one sentence naming the server (no exception names, no stack trace), reads that lost their
 * connection are retried with backoff while server errors are not, and the health follows.
 */
class RemoteFaultsTest {

    private static final String USER = "faults";
    private static final String PASSWORD = "pa55-never-shown";
    /** Short limits so a stall is called after about two seconds. */
    private static final Guardrails LIMITS = Guardrails.DEFAULTS.withMaxExecutionTime(Duration.ofSeconds(1));

    private static final Network NETWORK =
            new Network(Duration.ofSeconds(2), Duration.ofSeconds(1), 2, Duration.ofMillis(50));
    /** About 18 MB of answer: larger than any socket buffer, so a cut lands mid-answer. */
    private static final Query BIG = Query.of("SELECT number, toString(number) FROM numbers(1000000)");

    private static final ResultHandler<Long> COUNT = rows -> {
        long n = 0;
        while (rows.next()) {
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

    /** Connects through a relay (so opening works), then switches the relay to {@code fault}. */
    private static RemoteEngine through(FaultyServer server) {
        return RemoteEngine.open(RemoteEndpoint.of(server.url(), USER, PASSWORD, "default"), LIMITS, NETWORK);
    }

    private static void assertPlainSentence(String message) {
        assertFalse(message.contains("Exception"), "no exception names: " + message);
        assertFalse(message.contains("\tat ") || message.contains("\n"), "one line, no stack trace: " + message);
        assertFalse(message.contains(PASSWORD), "never the password: " + message);
        assertFalse(message.contains("queryId"), "no client internals: " + message);
    }

    @Test
    void aRefusedConnectionSaysSoAtOnce() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        EngineException e = assertThrows(
                EngineException.class,
                () -> RemoteEngine.open(
                        RemoteEndpoint.of("http://127.0.0.1:" + port, USER, PASSWORD, "default"), LIMITS, NETWORK));
        assertEquals(
                "The server refused the connection (http://127.0.0.1:" + port
                        + "): is it running, and is the port right?",
                e.getMessage());
    }

    @Test
    void anUnknownHostIsADnsFailure() {
        EngineException e = assertThrows(
                EngineException.class,
                () -> RemoteEngine.open(
                        RemoteEndpoint.of("https://no-such-host.invalid:8443", USER, PASSWORD, "default"),
                        LIMITS,
                        NETWORK));
        assertTrue(
                e.getMessage().startsWith("Cannot resolve the server's host name (https://no-such-host.invalid:8443)"),
                e.getMessage());
        assertPlainSentence(e.getMessage());
    }

    @Test
    void aStalledServerTimesOutAndIsCalledUnresponsive() {
        try (FaultyServer server = FaultyServer.start(Fault.RELAY, upstream.url());
                RemoteEngine engine = through(server)) {
            server.setFault(Fault.STALL);
            long started = System.nanoTime();
            EngineException e = assertThrows(EngineException.class, () -> engine.query(Query.of("SELECT 1"), COUNT));
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            assertTrue(
                    e.getMessage().startsWith("The server did not answer in time (" + server.url() + ")"),
                    e.getMessage());
            assertPlainSentence(e.getMessage());
            // time limit 1 s + 1 s grace, and a stall is not sent again (that would only wait longer)
            assertTrue(took.compareTo(Duration.ofSeconds(6)) < 0, "gave up after " + took);
            assertEquals(ConnectionHealth.OFFLINE, engine.health());
        }
    }

    @Test
    void aResetConnectionIsRetriedWithBackoffThenReported() {
        try (FaultyServer server = FaultyServer.start(Fault.RELAY, upstream.url());
                RemoteEngine engine = through(server)) {
            List<ConnectionHealth> seen = new CopyOnWriteArrayList<>();
            engine.onHealthChange(seen::add);
            server.setFault(Fault.RESET);
            int before = server.connections();
            long started = System.nanoTime();
            EngineException e = assertThrows(EngineException.class, () -> engine.query(Query.of("SELECT 1"), COUNT));
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            assertTrue(
                    e.getMessage().startsWith("The connection to the server was lost (" + server.url()),
                    e.getMessage());
            assertTrue(e.getMessage().endsWith("(tried 3 times)"), e.getMessage());
            assertPlainSentence(e.getMessage());
            // the first try may go out on the pooled connection the switch closed; each retry opens a new one
            assertTrue(server.connections() - before >= 2, "new connections: " + (server.connections() - before));
            assertTrue(took.compareTo(NETWORK.backoff(0).plus(NETWORK.backoff(1))) >= 0, "backed off: " + took);
            assertEquals(List.of(ConnectionHealth.RETRYING, ConnectionHealth.OFFLINE), seen);
        }
    }

    @Test
    void anAnswerCutMidwayIsReadAgainWhole() {
        try (FaultyServer server = FaultyServer.start(Fault.RELAY, upstream.url());
                RemoteEngine engine = through(server)) {
            List<ConnectionHealth> seen = new CopyOnWriteArrayList<>();
            // the network recovers while the engine waits to retry
            engine.onHealthChange(h -> {
                seen.add(h);
                if (h == ConnectionHealth.RETRYING) {
                    server.setFault(Fault.RELAY);
                }
            });
            server.setFault(Fault.CUT_MID_RESPONSE);
            assertEquals(1_000_000L, engine.query(BIG, COUNT).value(), "the handler starts over on the new answer");
            assertEquals(List.of(ConnectionHealth.RETRYING, ConnectionHealth.CONNECTED), seen);
        }
    }

    @Test
    void aServerThatStopsMidQueryIsOfflineUntilItComesBack() {
        try (FaultyServer server = FaultyServer.start(Fault.RELAY, upstream.url());
                RemoteEngine engine = through(server)) {
            EngineException e = assertThrows(
                    EngineException.class,
                    () -> engine.query(BIG, rows -> {
                        rows.next();
                        server.stop(); // the server dies while its answer streams
                        return COUNT.handle(rows);
                    }));
            assertTrue(e.getMessage().startsWith("The server refused the connection (" + server.url()), e.getMessage());
            assertTrue(e.getMessage().endsWith("(tried 3 times)"), e.getMessage());
            assertEquals(ConnectionHealth.OFFLINE, engine.health());

            server.restart();
            assertEquals("1", engine.queryScalar(Query.of("SELECT 1")));
            assertEquals(ConnectionHealth.CONNECTED, engine.health());
        }
    }

    @Test
    void aNonClickHouse500IsNamedAndNotRetried() {
        try (FaultyServer server = FaultyServer.start(Fault.RELAY, upstream.url());
                RemoteEngine engine = through(server)) {
            server.setFault(Fault.HTTP_500);
            EngineException e = assertThrows(EngineException.class, () -> engine.query(Query.of("SELECT 1"), COUNT));
            assertTrue(
                    e.getMessage().contains("answered with an HTTP error that did not come from ClickHouse"),
                    e.getMessage());
            assertTrue(e.getMessage().contains("502 Bad Gateway"), e.getMessage());
            assertFalse(e.getMessage().contains("tried"), "an answer is not a lost connection: " + e.getMessage());
            assertPlainSentence(e.getMessage());
        }
    }

    @Test
    void garbageAndNonHttpAnswersAreNamed() {
        try (FaultyServer server = FaultyServer.start(Fault.RELAY, upstream.url());
                RemoteEngine engine = through(server)) {
            for (Fault fault : new Fault[] {Fault.GARBAGE, Fault.NOT_HTTP}) {
                server.setFault(fault);
                EngineException e =
                        assertThrows(EngineException.class, () -> engine.query(Query.of("SELECT 1"), COUNT));
                assertTrue(
                        e.getMessage().startsWith("The answer from " + server.url() + " could not be read ("),
                        fault + ": " + e.getMessage());
                assertTrue(
                        e.getMessage().endsWith("is this a ClickHouse HTTP port, or does it expect https://?"),
                        e.getMessage());
                assertPlainSentence(e.getMessage());
            }
        }
    }

    @Test
    void serverErrorsAreNotRetried() {
        try (RemoteEngine engine =
                RemoteEngine.open(RemoteEndpoint.of(upstream.url(), USER, PASSWORD, "default"), LIMITS, NETWORK)) {
            int before = upstream.requests();
            EngineException e = assertThrows(EngineException.class, () -> engine.query(Query.of("SELEC 1"), COUNT));
            assertEquals(62, e.code(), e.getMessage()); // SYNTAX_ERROR
            assertEquals(before + 1, upstream.requests(), "one request: the same SQL would fail the same way");
            assertEquals(ConnectionHealth.CONNECTED, engine.health());
        }
    }

    @Test
    void wrongCredentialsAreNotRetriedAndNeverEchoed() {
        int before = upstream.requests();
        EngineException e = assertThrows(
                EngineException.class,
                () -> RemoteEngine.open(
                        RemoteEndpoint.of(upstream.url(), USER, "wrong-" + PASSWORD, "default"), LIMITS, NETWORK));
        assertEquals(516, e.code());
        assertTrue(e.getMessage().contains("Authentication failed"), e.getMessage());
        assertEquals(before + 1, upstream.requests());
        assertPlainSentence(e.getMessage());
    }

    @Test
    void cancellingDuringTheRetryPauseEndsTheQuery() throws Exception {
        Network patient = new Network(Duration.ofSeconds(2), Duration.ofSeconds(1), 5, Duration.ofSeconds(5));
        try (FaultyServer server = FaultyServer.start(Fault.RELAY, upstream.url());
                RemoteEngine engine = RemoteEngine.open(
                        RemoteEndpoint.of(server.url(), USER, PASSWORD, "default"), LIMITS, patient)) {
            Query q = Query.of("SELECT 1");
            engine.onHealthChange(h -> {
                if (h == ConnectionHealth.RETRYING) {
                    engine.cancel(q.id());
                }
            });
            server.setFault(Fault.RESET);
            long started = System.nanoTime();
            EngineException e = assertThrows(EngineException.class, () -> engine.query(q, COUNT));
            assertTrue(e.isCancelled(), e.getMessage());
            assertTrue(
                    Duration.ofNanos(System.nanoTime() - started).compareTo(Duration.ofSeconds(5)) < 0,
                    "did not sit out the 5 s pause");
        }
    }
}
