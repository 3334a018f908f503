package dev.callscope.engine.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.clickhouse.client.api.ServerException;
import dev.callscope.engine.EngineException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

/** Failures read as a user's sentence naming the host, whatever layer of the client they came from. */
class RemoteErrorsTest {

    private final RemoteEndpoint endpoint = RemoteEndpoint.of("https://db.example:8443", "u", "secret", "default");

    private EngineException translate(Throwable t) {
        return RemoteErrors.translate(new RuntimeException("wrapped", t), endpoint);
    }

    @Test
    void networkAndTlsFailuresNameTheHost() {
        assertTrue(translate(new UnknownHostException("db.example"))
                .getMessage()
                .startsWith("Cannot resolve the server's host name (https://db.example:8443)"));
        assertTrue(translate(new ConnectException("Connection refused"))
                .getMessage()
                .contains("refused the connection"));
        assertTrue(translate(new SSLHandshakeException("PKIX path building failed"))
                .getMessage()
                .startsWith("TLS connection to https://db.example:8443 failed"));
        assertEquals(0, translate(new ConnectException("x")).code());
    }

    @Test
    void serverErrorsKeepTheirCodeAndAnOldServerIsNamedAsSuch() {
        EngineException auth =
                translate(new ServerException(516, "Code: 516. DB::Exception: u: Authentication failed", 403, "q"));
        assertEquals(516, auth.code());
        assertTrue(auth.getMessage().contains("Authentication failed"));
        EngineException old = translate(
                new ServerException(115, "Code: 115. DB::Exception: Unknown setting session_timezone", 500, "q"));
        assertEquals(115, old.code());
        assertTrue(old.getMessage().contains("too old for Callscope"), old.getMessage());
        assertTrue(!old.getMessage().contains("secret"));
    }
}
