package dev.callscope.engine.remote;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.ClientFaultCause;
import com.clickhouse.client.api.enums.SSLMode;
import com.clickhouse.client.api.insert.InsertSettings;
import com.clickhouse.data.ClickHouseFormat;
import dev.callscope.engine.Guardrails;
import dev.callscope.engine.Identifiers;
import dev.callscope.engine.TlsTrust;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.ExecutorService;

/** How the ClickHouse client is set up for one endpoint: TLS, time-outs, no retries of its own, values in the body. */
final class ClientSetup {

    private ClientSetup() {}

    /** @param http where requests run (threads of their own, so a caller waiting for a silent server can be let go) */
    static Client client(RemoteEndpoint endpoint, Guardrails guardrails, Network network, ExecutorService http) {
        Client.Builder builder = new Client.Builder()
                .useAsyncRequests(true)
                .setSharedOperationExecutor(http)
                .addEndpoint(endpoint.url())
                .setUsername(endpoint.user())
                .setPassword(endpoint.password())
                .setDefaultDatabase(endpoint.database())
                .compressServerResponse(endpoint.compress())
                // the native LZ4 is unpacked into the temporary directory and deleted only at a clean exit,
                // so every killed process left a liblz4-java-*.so behind; responses are compressed only when asked, and
                // the pure-Java LZ4 keeps up then
                .disableNativeCompression(true)
                .useTimeZone("UTC")
                .setConnectTimeout(network.connectTimeout().toMillis(), ChronoUnit.MILLIS)
                .setConnectionRequestTimeout(network.connectTimeout().toMillis(), ChronoUnit.MILLIS)
                // the server enforces max_execution_time; the socket limit only catches dead peers
                .setSocketTimeout(guardrails
                        .maxExecutionTime()
                        .plus(network.answerGrace())
                        .toMillis())
                .setMaxRetries(0) // reads are retried here, where the UI can be told (see query)
                .retryOnFailures(ClientFaultCause.None) // not even a 503: one layer retries
                // query and values in the body: a URL has a length limit, a bound value has none
                .useHttpFormDataForQuery(true)
                .setClientName("callscope");
        if (endpoint.isHttps()) {
            switch (endpoint.tls()) {
                case TlsTrust.SystemCertificates s -> {} // the client's default: JDK trust store, host name checked
                case TlsTrust.CaFile ca -> builder.setSSLContext(PemTrust.context(ca.pem()));
                // TRUST: the client trusts any certificate and skips the host name check
                case TlsTrust.NoVerification n -> builder.setSSLMode(SSLMode.TRUST);
            }
        }
        return builder.build();
    }

    /** A ClickHouse input format by name, or a clear refusal. */
    static ClickHouseFormat inputFormat(String format) {
        try {
            return ClickHouseFormat.valueOf(format);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Unknown input format: " + format);
        }
    }

    /** An insert's server settings (names checked as identifiers; values are sent as parameters). */
    static InsertSettings insertSettings(Map<String, String> settings) {
        InsertSettings s = new InsertSettings();
        settings.forEach((k, v) -> s.serverSetting(Identifiers.require(k), v));
        return s;
    }
}
