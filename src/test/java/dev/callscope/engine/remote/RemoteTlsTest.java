package dev.callscope.engine.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.callscope.engine.EngineException;
import dev.callscope.engine.Guardrails;
import dev.callscope.engine.Query;
import dev.callscope.engine.TlsTrust;
import dev.callscope.testing.ChdbHttpEndpoint;
import dev.callscope.testing.FaultyServer;
import dev.callscope.testing.TestCertificate;
import dev.callscope.testing.TestEngine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * HTTPS against a loopback ClickHouse endpoint presenting a self-signed certificate made by keytool:
 * verification is on by default and says why it fails, a CA file makes it pass (host name still
 * checked), and the explicit opt-out connects while the endpoint reports itself insecure.
 */
class RemoteTlsTest {

    private static final String USER = "tls";
    private static final String PASSWORD = "tls-pw";
    private static final Network NETWORK = new Network(Duration.ofSeconds(3), Duration.ofSeconds(2), 0, Duration.ZERO);

    @TempDir
    static Path dir;

    private static TestCertificate loopbackCert;
    private static TestCertificate otherHostCert;
    private static ChdbHttpEndpoint https;
    private static ChdbHttpEndpoint wrongHost;
    private static ChdbHttpEndpoint plain;

    @BeforeAll
    static void start() {
        TestEngine.shared();
        loopbackCert = TestCertificate.selfSigned(dir, "loopback", "ip:127.0.0.1,dns:localhost");
        otherHostCert = TestCertificate.selfSigned(dir, "other", "dns:db.other.example");
        https = ChdbHttpEndpoint.startHttps(USER, PASSWORD, loopbackCert.serverContext());
        wrongHost = ChdbHttpEndpoint.startHttps(USER, PASSWORD, otherHostCert.serverContext());
        plain = ChdbHttpEndpoint.start(USER, PASSWORD);
    }

    @AfterAll
    static void stop() {
        https.close();
        wrongHost.close();
        plain.close();
    }

    private static RemoteEngine open(String url, TlsTrust trust) {
        return RemoteEngine.open(
                RemoteEndpoint.of(url, USER, PASSWORD, "default").withTls(trust), Guardrails.DEFAULTS, NETWORK);
    }

    @Test
    void verificationIsOnByDefaultAndSaysTheCertificateIsNotTrusted() {
        assertEquals(
                TlsTrust.SYSTEM,
                RemoteEndpoint.of(https.url(), USER, PASSWORD, "default").tls());
        int before = https.requests();
        EngineException e = assertThrows(EngineException.class, () -> open(https.url(), TlsTrust.SYSTEM));
        assertTrue(
                e.getMessage()
                        .startsWith("TLS connection to " + https.url()
                                + " failed: the server's certificate is not trusted"),
                e.getMessage());
        assertTrue(e.getMessage().contains("Give the CA file that signed it"), e.getMessage());
        assertFalse(e.getMessage().contains("Exception"), e.getMessage());
        assertEquals(before, https.requests(), "nothing was sent to a server that could not be verified");
    }

    @Test
    void aCaFileMakesTheSelfSignedServerTrusted() {
        try (RemoteEngine engine = open(https.url(), new TlsTrust.CaFile(loopbackCert.pem()))) {
            assertEquals("2", engine.queryScalar(Query.of("SELECT 1 + 1")));
            assertFalse(engine.endpoint().insecure());
        }
    }

    @Test
    void theHostNameIsCheckedEvenWithACaFile() {
        EngineException e = assertThrows(
                EngineException.class, () -> open(wrongHost.url(), new TlsTrust.CaFile(otherHostCert.pem())));
        assertTrue(e.getMessage().contains("the server's certificate is for another host name"), e.getMessage());
    }

    @Test
    void theExplicitOptOutConnectsAndIsMarkedInsecure() {
        try (RemoteEngine engine = open(https.url(), TlsTrust.NONE)) {
            assertEquals("2", engine.queryScalar(Query.of("SELECT 1 + 1")));
            assertTrue(engine.endpoint().insecure());
        }
        // even a certificate for another host: the opt-out checks nothing, which is why it is shown as a warning
        try (RemoteEngine engine = open(wrongHost.url(), TlsTrust.NONE)) {
            assertEquals("1", engine.queryScalar(Query.of("SELECT 1")));
        }
    }

    @Test
    void aBadCaFileIsNamedBeforeConnecting() throws Exception {
        Path notPem = Files.writeString(dir.resolve("notes.txt"), "not a certificate");
        EngineException e = assertThrows(EngineException.class, () -> open(https.url(), new TlsTrust.CaFile(notPem)));
        assertEquals("The CA file " + notPem + " is not a PEM certificate file", e.getMessage());
        Path missing = dir.resolve("missing.pem");
        e = assertThrows(EngineException.class, () -> open(https.url(), new TlsTrust.CaFile(missing)));
        assertEquals("The CA file " + missing + " does not exist (or is not a file)", e.getMessage());
    }

    @Test
    void httpsToAPlainPortAndHttpToATlsPortAreNamed() {
        try (FaultyServer httpOnly = FaultyServer.start(FaultyServer.Fault.BAD_REQUEST)) {
            String httpsToPlain = httpOnly.url().replace("http://", "https://");
            EngineException e = assertThrows(EngineException.class, () -> open(httpsToPlain, TlsTrust.SYSTEM));
            assertEquals(
                    "TLS connection to " + httpsToPlain + " failed: the server does not speak TLS on this port: "
                            + "use http://, or the server's https port",
                    e.getMessage());
        }
        String httpToTls = https.url().replace("https://", "http://");
        EngineException e = assertThrows(EngineException.class, () -> open(httpToTls, TlsTrust.SYSTEM));
        assertTrue(e.getMessage().startsWith("The answer from " + httpToTls + " could not be read"), e.getMessage());
        assertTrue(e.getMessage().endsWith("or does it expect https://?"), e.getMessage());
    }
}
