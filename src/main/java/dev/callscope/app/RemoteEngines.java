package dev.callscope.app;

import dev.callscope.engine.Engine;
import dev.callscope.engine.EngineException;
import dev.callscope.engine.remote.RemoteEndpoint;
import dev.callscope.engine.remote.RemoteEngine;

/** Opens server connections with the target's certificate checks and limits. */
public final class RemoteEngines {

    private RemoteEngines() {}

    public static Engine open(ConnectionTarget.Remote target, ProgressListener progress)
            throws Connector.ConnectException {
        RemoteEndpoint endpoint;
        try {
            endpoint = RemoteEndpoint.of(target.url(), target.user(), target.password(), target.database())
                    .withTls(target.trust());
        } catch (IllegalArgumentException e) {
            throw new Connector.ConnectException(e.getMessage(), e);
        }
        progress.update("Connecting to " + endpoint.url() + "…", -1);
        try {
            return RemoteEngine.open(endpoint, target.limits());
        } catch (EngineException e) {
            throw new Connector.ConnectException(e.getMessage(), e);
        }
    }
}
