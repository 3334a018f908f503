package dev.callscope.app;

import dev.callscope.engine.Engine;

/** Opens server connections. */
public final class RemoteEngines {

    private RemoteEngines() {
    }

    public static Engine open(ConnectionTarget.Remote target, ProgressListener progress) throws Connector.ConnectException {
        throw new Connector.ConnectException("Connecting to a ClickHouse server is not available in this build yet; "
                + "use the embedded engine.", null);
    }
}
