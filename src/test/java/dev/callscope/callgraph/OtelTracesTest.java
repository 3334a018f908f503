package dev.callscope.callgraph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.callscope.calls.CallView;
import dev.callscope.calls.EventSchema;
import dev.callscope.calls.EventSchemaCheck;
import dev.callscope.cost.Prices;
import dev.callscope.engine.Query;
import dev.callscope.testing.BothEngines;
import dev.callscope.testing.TestEngine;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A trace in {@code otel_traces} (the OpenTelemetry exporter's columns) read through the preset, embedded and over HTTP,
 * as a call tree by hand. Seconds from T0; now is T0+200.
 *
 * <pre>
 * r  api/request      0 → 100
 * ├ t  api/transcribe   1 → 40
 * │ ├ e1 worker/embed    5 → 15
 * │ └ e3 worker/embed    5.5 → 30.5   Error
 * ├ k  api/rerank      41 → 60
 * ├ d  api/rerank      50 → 150       (ended after r: r did not wait for it)
 * └ g  api/generate    61 → 99
 *   └ g1 worker/embed   62 → 98
 * </pre>
 * Walking back from r's end: g (99) and inside it g1 (98); before g began (61) k ended (60); before k (41) t (40), and
 * inside t e3 (30.5). Critical path r, t, e3, k, g, g1. Eight calls, one failure, billed 100 + 39 + 10 + 25 + 19 +
 * 100 + 38 + 36 = 367 s; spans have no queue and no cold start.
 */
class OtelTracesTest {

    private static final Instant T0 = Instant.parse("2026-11-20T10:00:00Z");
    private static final Instant NOW = T0.plusSeconds(200);
    private static String db;
    private static BothEngines engines;

    @BeforeAll
    static void trace() throws Exception {
        db = TestEngine.freshDatabase("otel");
        TestEngine.shared().execute(Query.of("""
                CREATE TABLE %s.otel_traces (
                    Timestamp DateTime64(9) CODEC(Delta, ZSTD(1)), TraceId String, SpanId String, ParentSpanId String,
                    TraceState String, SpanName LowCardinality(String), SpanKind LowCardinality(String),
                    ServiceName LowCardinality(String), ResourceAttributes Map(LowCardinality(String), String),
                    ScopeName String, ScopeVersion String, SpanAttributes Map(LowCardinality(String), String),
                    Duration UInt64, StatusCode LowCardinality(String), StatusMessage String)
                ENGINE = MergeTree PARTITION BY toDate(Timestamp) ORDER BY (ServiceName, SpanName, toDateTime(Timestamp))""".formatted(db)));
        Object[][] spans = {
            {"r", "", "api", "request", 0.0, 100.0, "Ok"},
            {"t", "r", "api", "transcribe", 1.0, 40.0, "Unset"},
            {"e1", "t", "worker", "embed", 5.0, 15.0, "Unset"},
            {"e3", "t", "worker", "embed", 5.5, 30.5, "Error"},
            {"k", "r", "api", "rerank", 41.0, 60.0, "Ok"},
            {"d", "r", "api", "rerank", 50.0, 150.0, "Ok"},
            {"g", "r", "api", "generate", 61.0, 99.0, "Ok"},
            {"g1", "g", "worker", "embed", 62.0, 98.0, "Unset"},
            {"other", "", "api", "request", 3.0, 4.0, "Ok"}
        }; // another trace, not read into this one
        StringBuilder rows = new StringBuilder();
        for (Object[] s : spans) {
            String trace = s[0].equals("other") ? "trace-2" : "trace-1";
            long startMs = Math.round((double) s[4] * 1000);
            long durationNs = Math.round(((double) s[5] - (double) s[4]) * 1e9);
            rows.append(rows.isEmpty() ? "" : ",")
                    .append(String.format(
                            Locale.ROOT,
                            "(toDateTime64('%s', 9, 'UTC'), '%s', 'span-%s', '%s', '%s', '%s', %d, '%s', '%s')",
                            T0.plusMillis(startMs),
                            trace,
                            s[0],
                            s[1].equals("") ? "" : "span-" + s[1],
                            s[3],
                            s[2],
                            durationNs,
                            s[6],
                            s[6].equals("Error") ? "CUDA error" : ""));
        }
        TestEngine.shared()
                .execute(Query.of(
                        "INSERT INTO " + db + ".otel_traces (Timestamp, TraceId, SpanId, ParentSpanId, SpanName,"
                                + " ServiceName, Duration, StatusCode, StatusMessage) VALUES " + rows));
        engines = BothEngines.start();
    }

    @AfterAll
    static void stop() {
        engines.close();
    }

    private static EventSchema preset() {
        return EventSchema.otelTraces(db, "otel_traces");
    }

    @ParameterizedTest
    @ValueSource(strings = {"embedded", "http"})
    void aTraceIsACallTreeByHand(String which) {
        var engine = engines.engine(which);
        assertEquals(List.of(), EventSchemaCheck.problems(engine, preset()), "the preset reads the exporter's table");
        assertTrue(preset().unavailable(CallView.CALL_GRAPH).isEmpty());
        CallTree tree = new CallTreeQuery(preset())
                .load(engine, "span-e1", NOW, Prices.EXAMPLES)
                .tree();
        assertEquals(8, tree.nodes().size(), "every span of the trace, not the other trace's");
        assertEquals(0, tree.orphans());
        CallTree.Node root = tree.nodes().getFirst();
        assertEquals(List.of("span-r", "request"), List.of(root.call().callId(), root.functionName()));
        assertEquals(
                List.of("span-r", "span-t", "span-e3", "span-k", "span-g", "span-g1"),
                tree.criticalPath().stream()
                        .map(i -> tree.nodes().get(i).call().callId())
                        .toList());
        CallTree.Totals all = tree.totals(0);
        assertEquals(List.of(8, 1), List.of(all.calls(), all.failures()));
        assertEquals(Duration.ofSeconds(367), all.billed());
        assertEquals(Duration.ofSeconds(150), all.wall(), "0 → d's end at 150");
        assertEquals(Duration.ZERO, root.call().queueTime(NOW), "spans record no queue");
        assertEquals(Duration.ZERO, root.call().coldStartTime(NOW));
        int t = tree.nodes()
                .indexOf(tree.nodes().stream()
                        .filter(n -> n.call().callId().equals("span-t"))
                        .findFirst()
                        .orElseThrow());
        CallTree.Totals underT = tree.totals(t);
        assertEquals(List.of(3, 1), List.of(underT.calls(), underT.failures()));
        assertEquals(Duration.ofSeconds(39 + 10 + 25), underT.billed());
    }
}
