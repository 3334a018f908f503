package dev.callscope.engine.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.callscope.engine.Guardrails;
import dev.callscope.engine.Query;
import dev.callscope.logs.LogSearch;
import dev.callscope.logs.LogTables;
import dev.callscope.logs.search.SearchParser;
import dev.callscope.logs.search.TextStrategy;
import dev.callscope.schema.SchemaCheck;
import dev.callscope.testing.ChdbHttpEndpoint;
import dev.callscope.testing.DemoData;
import dev.callscope.time.TimeRange;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every read a remote engine sends carries the limits the profile set, checked twice: in what the
 * endpoint received, and as the server itself sees them ({@code getSetting}).
 */
class GuardrailsOnEveryQueryTest {

    private static final Guardrails LIMITS = new Guardrails(17, 12_345, 6_789_000, 987_654_321);
    private static final Map<String, String> EXPECTED = Map.of(
            "readonly", "2",
            "max_execution_time", "17",
            "max_result_rows", "12345",
            "max_result_bytes", "6789000",
            "result_overflow_mode", "throw",
            "max_memory_usage", "987654321",
            "cancel_http_readonly_queries_on_client_close", "1");

    @Test
    void theServerSeesTheProfilesLimits() {
        try (ChdbHttpEndpoint server = ChdbHttpEndpoint.start("guard", "pw");
                RemoteEngine engine =
                        RemoteEngine.open(RemoteEndpoint.of(server.url(), "guard", "pw", "default"), LIMITS)) {
            assertEquals("17", engine.queryScalar(Query.of("SELECT toUInt32(getSetting('max_execution_time'))")));
            assertEquals("2", engine.queryScalar(Query.of("SELECT getSetting('readonly')")));
            assertEquals("12345", engine.queryScalar(Query.of("SELECT getSetting('max_result_rows')")));
            assertEquals("987654321", engine.queryScalar(Query.of("SELECT getSetting('max_memory_usage')")));
        }
    }

    @Test
    void everyRequestCarriesThem() throws Exception {
        DemoData.ensureLoaded(3000);
        try (ChdbHttpEndpoint server = ChdbHttpEndpoint.start("guard", "pw")) {
            try (RemoteEngine engine =
                    RemoteEngine.open(RemoteEndpoint.of(server.url(), "guard", "pw", "default"), LIMITS)) {
                // what the views and the connection test send: a schema check, a log search, a scalar, a progress poll
                SchemaCheck.problems(engine, "callscope");
                LogSearch search = new LogSearch(new LogTables("callscope"), TextStrategy.SCAN);
                search.page(
                        engine,
                        SearchParser.parse("error"),
                        new TimeRange(Instant.now().minus(Duration.ofDays(2)), Instant.now()),
                        null,
                        50,
                        page -> {});
                engine.queryScalar(Query.of("SELECT count() FROM callscope.function_call_events"));
                engine.progress("not-running");
                engine.query(Query.of("SELECT number FROM numbers(10)").withSetting("max_threads", "1"), rows -> null);
            }
            List<Map<String, String>> requests = server.recordedRequests();
            assertTrue(requests.size() >= 5, "requests: " + requests.size());
            for (Map<String, String> r : requests) {
                EXPECTED.forEach((name, value) -> assertEquals(value, r.get(name), name + " on " + r.get("query")));
                assertFalse(r.get("query").isBlank());
            }
        }
    }
}
