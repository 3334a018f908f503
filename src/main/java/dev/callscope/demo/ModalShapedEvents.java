package dev.callscope.demo;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import dev.callscope.engine.Engine;
import dev.callscope.engine.Query;
import dev.callscope.schema.Schema;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

/**
 * A user's own events table as Modal keeps it: one ReplacingMergeTree of partial lifecycle rows
 * keyed {@code (function_id, function_call_id, event_at)}, event types and statuses as text, no
 * call graph or batch columns. The benchmark's and the tests' stand-in for "their own table".
 */
public final class ModalShapedEvents {

    /** The table's columns, in the order of {@link #createTable}. */
    public static final List<String> COLUMNS = List.of(
            "function_id",
            "function_call_id",
            "event_at",
            "event_type",
            "function_name",
            "app_name",
            "attempt",
            "container_id",
            "is_cold_start",
            "enqueued_at",
            "cold_start_began_at",
            "cold_start_ended_at",
            "started_at",
            "finished_at",
            "status",
            "gpu_type",
            "gpu_count",
            "cpu_cores",
            "memory_mib");

    private ModalShapedEvents() {}

    /** Creates {@code database.table} (and the database) if absent. */
    public static void createTable(Engine engine, String database, String table) {
        String db = Schema.requireDatabaseName(database);
        engine.execute(Query.of("CREATE DATABASE IF NOT EXISTS " + db));
        engine.execute(Query.of("CREATE TABLE IF NOT EXISTS " + db + "." + Schema.requireDatabaseName(table) + """
                 (function_id String, function_call_id String, event_at DateTime64(6, 'UTC'), event_type LowCardinality(String),
                  function_name LowCardinality(String), app_name LowCardinality(String), attempt UInt16, container_id String,
                  is_cold_start Bool, enqueued_at DateTime64(6, 'UTC'), cold_start_began_at Nullable(DateTime64(6, 'UTC')),
                  cold_start_ended_at Nullable(DateTime64(6, 'UTC')), started_at Nullable(DateTime64(6, 'UTC')),
                  finished_at Nullable(DateTime64(6, 'UTC')), status LowCardinality(String), gpu_type LowCardinality(String),
                  gpu_count UInt8, cpu_cores Float32, memory_mib UInt32)
                ENGINE = ReplacingMergeTree PARTITION BY toDate(event_at) ORDER BY (function_id, function_call_id, event_at)"""));
    }

    /** Writes batches as JSONEachRow, times as {@code YYYY-MM-DD hh:mm:ss.ffffff} UTC strings. */
    record Sink(String table) implements PipelineSink {

        private static final JsonFactory JSON = new JsonFactory();

        @Override
        public List<String> columns() {
            return COLUMNS;
        }

        @Override
        public String format() {
            return "JSONEachRow";
        }

        @Override
        public InputStream encode(List<Delivery> batch) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(Math.max(1024, batch.size() * 420));
            Times times = new Times();
            try (JsonGenerator g = JSON.createGenerator(bytes)) {
                g.setRootValueSeparator(new SerializedString("\n"));
                for (Delivery d : batch) {
                    Event e = d.event();
                    FunctionProfile p = d.function().profile();
                    g.writeStartObject();
                    g.writeStringField("function_id", d.function().functionId());
                    g.writeStringField("function_call_id", e.callId());
                    g.writeStringField("event_at", times.format(e.eventAt()));
                    g.writeStringField("event_type", e.type().name().toLowerCase(Locale.ROOT));
                    g.writeStringField("function_name", p.name());
                    g.writeStringField("app_name", p.app());
                    g.writeNumberField("attempt", e.attempt());
                    g.writeStringField("container_id", e.containerId());
                    g.writeBooleanField("is_cold_start", e.coldStart());
                    g.writeStringField("enqueued_at", times.format(e.enqueuedAt()));
                    nullableTime(g, times, "cold_start_began_at", e.coldStartBegan());
                    nullableTime(g, times, "cold_start_ended_at", e.coldStartEnded());
                    nullableTime(g, times, "started_at", e.startedAt());
                    nullableTime(g, times, "finished_at", e.finishedAt());
                    g.writeStringField("status", e.status().name().toLowerCase(Locale.ROOT));
                    g.writeStringField("gpu_type", p.gpuType());
                    g.writeNumberField("gpu_count", p.gpuCount());
                    g.writeNumberField("cpu_cores", p.cpuCores());
                    g.writeNumberField("memory_mib", p.memoryMib());
                    g.writeEndObject();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return new ByteArrayInputStream(bytes.toByteArray());
        }

        private static void nullableTime(JsonGenerator g, Times times, String field, long us) throws IOException {
            if (us == Event.NONE) {
                g.writeNullField(field);
            } else {
                g.writeStringField(field, times.format(us));
            }
        }
    }

    /** Formats epoch microseconds, the date part kept from the previous call (a batch spans seconds). */
    static final class Times {
        private long day = Long.MIN_VALUE;
        private String date;
        private final StringBuilder sb = new StringBuilder(26);

        String format(long us) {
            long seconds = Math.floorDiv(us, 1_000_000L);
            int micros = (int) Math.floorMod(us, 1_000_000L);
            long d = Math.floorDiv(seconds, 86_400L);
            int s = (int) Math.floorMod(seconds, 86_400L);
            if (d != day) {
                day = d;
                date = LocalDate.ofEpochDay(d).toString();
            }
            sb.setLength(0);
            sb.append(date).append(' ');
            two(s / 3600);
            sb.append(':');
            two(s / 60 % 60);
            sb.append(':');
            two(s % 60);
            sb.append('.');
            String m = Integer.toString(micros);
            sb.append("000000", 0, 6 - m.length()).append(m);
            return sb.toString();
        }

        private void two(int v) {
            sb.append((char) ('0' + v / 10)).append((char) ('0' + v % 10));
        }
    }
}
