package dev.callscope.logs;

import dev.callscope.engine.Engine;
import dev.callscope.engine.Query;
import dev.callscope.schema.Schema;
import dev.callscope.testing.TestEngine;
import java.util.EnumMap;
import java.util.Map;

/**
 * The lines of {@link LogFixture} again in tables that are not Callscope's: ClickStack's
 * {@code otel_logs} (three times, with the index variants found in the wild) and a small
 * hand-made {@code my_logs} with its own names and lower-case levels.
 */
final class OtelFixture {

    /** ClickStack's own index: a token bloom filter on Body as written (case-sensitive tokens). */
    static final String BODY_BLOOM = "INDEX idx_body Body TYPE tokenbf_v1(32768, 3, 0) GRANULARITY 8";

    static final String LOWER_BODY_BLOOM = "INDEX idx_body lower(Body) TYPE tokenbf_v1(32768, 3, 0) GRANULARITY 8";
    static final String BODY_TEXT =
            "INDEX idx_body Body TYPE text(tokenizer = splitByNonAlpha, preprocessor = lower(Body))";
    static final String BODY_TEXT_AS_WRITTEN = "INDEX idx_body Body TYPE text(tokenizer = splitByNonAlpha)";

    private static OtelFixture instance;

    final String db;
    final LogFixture canonical = LogFixture.get();

    private OtelFixture() {
        Engine engine = TestEngine.shared();
        db = TestEngine.freshDatabase("otel");
        create(engine, "otel_logs", BODY_BLOOM, true);
        create(engine, "otel_logs_lower", LOWER_BODY_BLOOM, true);
        create(engine, "otel_logs_text", BODY_TEXT, true);
        create(engine, "otel_logs_text_as_written", BODY_TEXT_AS_WRITTEN, false);
        engine.execute(Query.of("""
                CREATE TABLE %s.my_logs (ts DateTime64(6), msg String, sev LowCardinality(String), svc String,
                                         req String, attrs Map(String, String))
                ENGINE = MergeTree ORDER BY ts""".formatted(db)));
        engine.execute(Query.of("""
                INSERT INTO %s.my_logs SELECT timestamp, message, lower(toString(level)), function_id, function_call_id,
                       map('pod', container_id)
                FROM %s.function_logs""".formatted(db, canonical.textDb)));
    }

    private void create(Engine engine, String table, String index, boolean fill) {
        engine.execute(Query.of(Schema.resourceText(OtelFixture.class, "otel_logs.sql")
                .replace("{db}", db)
                .replace("{table}", table)
                .replace("{index}", index)));
        if (!fill) {
            return;
        }
        // OpenTelemetry's severity texts (WARN, FATAL) where Callscope says WARNING, CRITICAL
        engine.execute(Query.of("""
                INSERT INTO %s.%s (Timestamp, TraceId, SpanId, TraceFlags, SeverityText, SeverityNumber, ServiceName, Body,
                                   ResourceAttributes, LogAttributes)
                SELECT timestamp, function_call_id, '', 0,
                       multiIf(level = 'WARNING', 'WARN', level = 'CRITICAL', 'FATAL', toString(level)),
                       multiIf(level = 'DEBUG', 5, level = 'INFO', 9, level = 'WARNING', 13, level = 'ERROR', 17, 21),
                       function_id, message, map('k8s.pod.name', container_id, 'app.id', app_id),
                       map('log.iostream', toString(stream))
                FROM %s.function_logs""".formatted(db, table, canonical.textDb)));
    }

    static synchronized OtelFixture get() {
        if (instance == null) {
            instance = new OtelFixture();
        }
        return instance;
    }

    LogSchema otel(String table) {
        return LogSchema.otelLogs(db, table);
    }

    /** my_logs: ts, msg, sev (lower case), svc as the function, req as the call, attrs['pod'] as the container. */
    LogSchema myLogs() {
        Map<LogField, String> columns = new EnumMap<>(LogField.class);
        columns.put(LogField.TIME, "ts");
        columns.put(LogField.MESSAGE, "msg");
        columns.put(LogField.LEVEL, "sev");
        columns.put(LogField.FUNCTION, "svc");
        columns.put(LogField.CALL, "req");
        columns.put(LogField.CONTAINER, "attrs['pod']");
        return LogSchema.custom(db, "my_logs", columns);
    }
}
