package dev.callscope.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.callscope.demo.DemoOptions;
import dev.callscope.demo.DemoProgress;
import dev.callscope.demo.DemoWorkload;
import dev.callscope.engine.Query;
import dev.callscope.testing.ChdbHttpEndpoint;
import dev.callscope.testing.TestEngine;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The command line against a server: the demo loader writes through HTTP; failures exit with 3. */
class RemoteCommandsTest {

    @Test
    void demoLoadsIntoAServerDatabase() {
        String viaServer = "remote_demo_" + Long.toHexString(System.nanoTime());
        String direct = viaServer + "_direct";
        Instant end = Instant.parse("2026-11-20T12:00:00Z");
        try (ChdbHttpEndpoint server = ChdbHttpEndpoint.start("loader", "")) {
            int code = CallscopeCommand.run(
                    "demo",
                    "--url",
                    server.url(),
                    "--user",
                    "loader",
                    "--seed",
                    "11",
                    "--end",
                    end.toString(),
                    "--calls",
                    "3000",
                    "--logs-per-call",
                    "2",
                    "--database",
                    viaServer,
                    "--quiet",
                    "--yes");
            assertEquals(0, code);
        }
        // the same workload generated in process: the server path must load exactly the same rows
        DemoWorkload.generate(
                TestEngine.shared(),
                DemoOptions.defaults(11)
                        .withCalls(3000)
                        .withLogsPerCall(2)
                        .withEnd(end)
                        .withDatabase(direct),
                DemoProgress.NONE);
        assertEquals(fingerprint(direct), fingerprint(viaServer));
    }

    private static String fingerprint(String db) {
        return TestEngine.shared()
                .queryScalar(Query.of("SELECT concat("
                        + "(SELECT toString((count(), uniqExact(function_call_id), sum(cityHash64(function_call_id, event_at, event_type)))) FROM "
                        + db + ".function_call_events FINAL), '/', "
                        + "(SELECT toString((count(), sum(cityHash64(message)))) FROM " + db + ".function_logs))"));
    }

    @Test
    void writingToAServerNeedsAConfirmationAndWithoutOneNothingIsSent() {
        try (ChdbHttpEndpoint server = ChdbHttpEndpoint.start("loader", "")) {
            for (String[] args : new String[][] {
                {
                    "demo",
                    "--url",
                    server.url(),
                    "--user",
                    "loader",
                    "--calls",
                    "100",
                    "--database",
                    "unconfirmed",
                    "--quiet"
                },
                {"schema", "create", "--url", server.url(), "--user", "loader", "--database", "unconfirmed"}
            }) {
                StringWriter err = new StringWriter();
                assertEquals(2, CallscopeCommand.run(new PrintWriter(err, true), args), args[0]);
                assertTrue(
                        err.toString()
                                .contains("into database unconfirmed on " + server.url()
                                        + "; confirm with --yes (nothing was written)"),
                        err.toString());
            }
            assertEquals(0, server.requests(), "not even a connection");
        }
        assertEquals(
                "0",
                TestEngine.shared()
                        .queryScalar(Query.of("SELECT count() FROM system.databases WHERE name = 'unconfirmed'")));
    }

    @Test
    void anUnreachableServerExitsWithThree() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        assertEquals(3, CallscopeCommand.run("schema", "create", "--url", "http://127.0.0.1:" + port, "--yes"));
    }
}
