package dev.callscope.engine.remote;

import dev.callscope.engine.Engine;
import dev.callscope.engine.EngineContractTest;
import dev.callscope.engine.Guardrails;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.testcontainers.clickhouse.ClickHouseContainer;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * The engine contract against a real ClickHouse server in a container. Skipped where Docker is
 * not running (as on the project's build machine, which has no container engine); the same
 * contract runs there against the HTTP endpoint in {@code RemoteEngineTest}.
 */
@Testcontainers(disabledWithoutDocker = true)
class RemoteEngineServerTest extends EngineContractTest {

    private static ClickHouseContainer server;
    private static RemoteEngine remote;

    @BeforeAll
    static void start() {
        server = new ClickHouseContainer("clickhouse/clickhouse-server:25.8");
        server.start();
        remote = RemoteEngine.open(
                RemoteEndpoint.of(
                        "http://" + server.getHost() + ":" + server.getMappedPort(8123),
                        server.getUsername(),
                        server.getPassword(),
                        "default"),
                Guardrails.DEFAULTS);
    }

    @AfterAll
    static void stop() {
        if (remote != null) {
            remote.close();
        }
        if (server != null) {
            server.stop();
        }
    }

    @Override
    protected Engine engine() {
        return remote;
    }
}
