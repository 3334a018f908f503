package dev.callscope.demo;

import dev.callscope.schema.Schema;
import java.io.InputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A table a pipeline writes each batch into, and how it encodes the batch: Callscope's own
 * schema as RowBinary (a native-protocol pipeline such as ClickPipes), or a user's Modal-shaped
 * table as JSONEachRow (a Kafka topic of JSON events).
 */
public sealed interface PipelineSink permits PipelineSink.Canonical, ModalShapedEvents.Sink {

    String table();

    List<String> columns();

    String format();

    /** The batch's rows, in {@link #columns()} order. */
    InputStream encode(List<Delivery> batch);

    /** Callscope's events table in {@code database}. */
    static PipelineSink canonical(String database) {
        return new Canonical(Schema.requireDatabaseName(database) + "." + Schema.EVENTS_TABLE);
    }

    /** A Modal-shaped events table ({@link ModalShapedEvents}). */
    static PipelineSink modalShaped(String database, String table) {
        return new ModalShapedEvents.Sink(Schema.requireDatabaseName(database) + "." + table);
    }

    /** Callscope's schema, RowBinary. */
    record Canonical(String table) implements PipelineSink {

        @Override
        public List<String> columns() {
            return EventEncoder.COLUMNS;
        }

        @Override
        public String format() {
            return "RowBinary";
        }

        @Override
        public InputStream encode(List<Delivery> batch) {
            RowBinaryBuffer out = new RowBinaryBuffer(Math.max(1024, batch.size() * 180));
            Map<DemoFunction, EventEncoder.Encoded> ids = new HashMap<>();
            for (Delivery d : batch) {
                EventEncoder.appendOne(
                        out, ids.computeIfAbsent(d.function(), EventEncoder.Encoded::new), d.function(), d.event());
            }
            return out.stream();
        }
    }
}
