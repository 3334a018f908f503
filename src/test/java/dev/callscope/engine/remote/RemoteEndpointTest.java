package dev.callscope.engine.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class RemoteEndpointTest {

    @Test
    void defaultsPortsBySchemeAndKeepsExplicitOnes() {
        assertEquals("https://abc.clickhouse.cloud:8443", RemoteEndpoint.normalize("https://abc.clickhouse.cloud"));
        assertEquals("http://localhost:8123", RemoteEndpoint.normalize("localhost"));
        assertEquals("http://10.0.0.5:9999", RemoteEndpoint.normalize(" http://10.0.0.5:9999/ "));
        assertEquals("https://h:443", RemoteEndpoint.normalize("HTTPS://h:443"));
    }

    @Test
    void rejectsWhatIsNotAServerUrl() {
        assertThrows(IllegalArgumentException.class, () -> RemoteEndpoint.normalize("ftp://h"));
        assertThrows(IllegalArgumentException.class, () -> RemoteEndpoint.normalize("http://"));
        assertThrows(IllegalArgumentException.class, () -> RemoteEndpoint.normalize("http://u:p@h:8123"));
        assertThrows(IllegalArgumentException.class, () -> RemoteEndpoint.normalize("http://h h"));
    }

    @Test
    void toStringLeavesThePasswordOut() {
        RemoteEndpoint e = RemoteEndpoint.of("h", "alice", "hunter2", null);
        assertFalse(e.toString().contains("hunter2"));
        assertEquals("default", e.database());
    }
}
