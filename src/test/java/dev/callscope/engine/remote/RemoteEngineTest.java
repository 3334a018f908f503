package dev.callscope.engine.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.callscope.engine.Engine;
import dev.callscope.engine.EngineContractTest;
import dev.callscope.engine.EngineException;
import dev.callscope.engine.EngineInfo;
import dev.callscope.engine.Guardrails;
import dev.callscope.engine.Query;
import dev.callscope.testing.ChdbHttpEndpoint;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The remote engine over real HTTP, against ClickHouse's HTTP interface served by the embedded
 * engine on loopback ({@link ChdbHttpEndpoint}); see {@code RemoteEngineServerTest} for a real server.
 */
class RemoteEngineTest extends EngineContractTest {

    private static final String USER = "callscope_test";
    private static final String PASSWORD = "s3cret'\"\\pass";

    private static ChdbHttpEndpoint endpoint;
    private static RemoteEngine remote;

    @BeforeAll
    static void connect() {
        endpoint = ChdbHttpEndpoint.start(USER, PASSWORD);
        remote = RemoteEngine.open(endpoint(PASSWORD, "default"), Guardrails.DEFAULTS);
    }

    @AfterAll
    static void disconnect() {
        remote.close();
        endpoint.close();
    }

    private static RemoteEndpoint endpoint(String password, String database) {
        return new RemoteEndpoint(endpoint.url(), USER, password, database, false);
    }

    @Override
    protected Engine engine() {
        return remote;
    }

    @Test
    void describesTheServer() {
        EngineInfo info = remote.info();
        assertEquals(EngineInfo.Kind.REMOTE, info.kind());
        assertEquals(endpoint.url(), info.endpoint());
        assertTrue(info.serverVersion().matches("\\d+\\.\\d+.*"), info.serverVersion());
    }

    @Test
    void readQueriesCannotWrite() {
        String db = freshDatabase("ro");
        EngineException e = assertThrows(
                EngineException.class,
                () -> remote.query(Query.of("CREATE TABLE " + db + ".t (x UInt8) ENGINE = Memory"), rows -> null));
        assertEquals(164, e.code(), e.getMessage()); // READONLY
        assertEquals(
                "0",
                remote.queryScalar(Query.of("SELECT count() FROM system.tables WHERE database = {d:String}")
                        .bind("d", db)));
    }

    @Test
    void resultRowLimitIsEnforcedByTheServer() {
        try (RemoteEngine small =
                RemoteEngine.open(endpoint(PASSWORD, "default"), Guardrails.DEFAULTS.withMaxResultRows(1000))) {
            EngineException e = assertThrows(
                    EngineException.class,
                    () -> small.query(Query.of("SELECT number FROM numbers(100000)"), rows -> {
                        while (rows.next()) {
                            // drain
                        }
                        return null;
                    }));
            assertEquals(396, e.code(), e.getMessage()); // TOO_MANY_ROWS_OR_BYTES
        }
    }

    @Test
    void wrongPasswordIsReportedAsSuch() {
        EngineException e = assertThrows(
                EngineException.class, () -> RemoteEngine.open(endpoint("wrong", "default"), Guardrails.DEFAULTS));
        assertEquals(516, e.code(), e.getMessage());
        assertTrue(e.getMessage().contains("Authentication failed"), e.getMessage());
        assertTrue(!e.getMessage().contains("wrong"), "the password must not appear in messages");
    }

    @Test
    void missingDatabaseIsReportedAsSuch() {
        EngineException e = assertThrows(
                EngineException.class,
                () -> RemoteEngine.open(endpoint(PASSWORD, "no_such_database"), Guardrails.DEFAULTS));
        assertEquals(81, e.code(), e.getMessage());
        assertTrue(e.getMessage().contains("no_such_database"), e.getMessage());
    }

    @Test
    void refusedConnectionIsReportedPlainly() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        RemoteEndpoint nobody = new RemoteEndpoint("http://127.0.0.1:" + port, USER, PASSWORD, "default", false);
        EngineException e = assertThrows(EngineException.class, () -> RemoteEngine.open(nobody, Guardrails.DEFAULTS));
        assertEquals(0, e.code());
        assertTrue(e.getMessage().contains("refused"), e.getMessage());
    }

    @Test
    void clickhouseJdbcReachesTheSameEndpoint() throws Exception {
        Properties props = new Properties();
        props.setProperty("user", USER);
        props.setProperty("password", PASSWORD);
        props.setProperty("compress", "false");
        try (Connection c = DriverManager.getConnection("jdbc:clickhouse:" + endpoint.url() + "/default", props);
                PreparedStatement s = c.prepareStatement("SELECT concat(?, '!') AS v, toUInt64(?) * 2 AS n")) {
            s.setString(1, "it's \\ fine");
            s.setLong(2, 21);
            try (ResultSet rs = s.executeQuery()) {
                assertTrue(rs.next());
                assertEquals("it's \\ fine!", rs.getString("v"));
                assertEquals(42, rs.getLong("n"));
            }
        }
    }
}
