package dev.callscope.testing;

import dev.callscope.app.ConnectionTarget;
import dev.callscope.app.RemoteEngines;
import dev.callscope.engine.Engine;

/**
 * The shared embedded engine, and the same engine served over ClickHouse's HTTP interface and read
 * through the remote engine, for tests that check each number on both paths
 * ({@code @ValueSource(strings = {"embedded", "http"})}).
 */
public final class BothEngines implements AutoCloseable {

    private final ChdbHttpEndpoint server;
    private final Engine remote;

    private BothEngines(ChdbHttpEndpoint server, Engine remote) {
        this.server = server;
        this.remote = remote;
    }

    public static BothEngines start() throws Exception {
        ChdbHttpEndpoint server = ChdbHttpEndpoint.start("default", "");
        return new BothEngines(
                server,
                RemoteEngines.open(new ConnectionTarget.Remote(server.url(), "default", "", "default"), (m, f) -> {}));
    }

    /** {@code "http"}: the remote engine; anything else: the embedded one. */
    public Engine engine(String which) {
        return which.equals("http") ? remote : TestEngine.shared();
    }

    /** The HTTP address, for the command line's {@code --url}. */
    public String url() {
        return server.url();
    }

    @Override
    public void close() {
        remote.close();
        server.close();
    }
}
