package dev.callscope.demo;

import dev.callscope.engine.Engine;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.LongConsumer;

/**
 * Writes deliveries as a pipeline does, not as a bulk loader: in arrival order, in small batches
 * closed every {@link Options#flushEvery} of arrival time or at {@link Options#maxRows} (ClickHouse's
 * Kafka engine flushes every 7.5 s or 65,505 rows by default), each batch one INSERT into every
 * sink, optionally as an async insert. Nothing is merged, sealed or optimized afterwards: the
 * server keeps whatever it keeps by itself.
 */
public final class PipelineWriter {

    /**
     * How batches are cut and sent.
     *
     * @param asyncInsert send {@code async_insert=1, wait_for_async_insert=1} (a server takes them; the embedded engine does not)
     */
    public record Options(Duration flushEvery, int maxRows, boolean asyncInsert) {
        public static final Options KAFKA_ENGINE = new Options(Duration.ofMillis(7_500), 65_505, false);

        public Options {
            if (flushEvery.isNegative() || flushEvery.isZero() || maxRows < 1) {
                throw new IllegalArgumentException("A batch needs a positive flush interval and row count");
            }
        }
    }

    /** What a write did: rows delivered (duplicates included), INSERTs per sink, and how long it took. */
    public record Report(long rows, long batches, Duration elapsed) {}

    private static final Map<String, String> ASYNC = Map.of("async_insert", "1", "wait_for_async_insert", "1");

    private final Engine engine;
    private final List<PipelineSink> sinks;
    private final Options options;

    public PipelineWriter(Engine engine, List<PipelineSink> sinks, Options options) {
        this.engine = engine;
        this.sinks = List.copyOf(sinks);
        this.options = options;
    }

    /** Writes every delivery of {@code arrivals} (in arrival order); {@code rowsWritten} hears the rows so far after each batch. */
    Report write(Iterator<Delivery> arrivals, LongConsumer rowsWritten) {
        long t0 = System.nanoTime();
        long flushUs = options.flushEvery().toNanos() / 1000;
        List<Delivery> batch = new ArrayList<>();
        long batchEnds = Long.MIN_VALUE;
        long rows = 0;
        long batches = 0;
        while (arrivals.hasNext()) {
            Delivery d = arrivals.next();
            long at = d.event().ingestedAt();
            if (!batch.isEmpty() && (at >= batchEnds || batch.size() >= options.maxRows())) {
                send(batch);
                batches++;
                rowsWritten.accept(rows);
                batch.clear();
            }
            if (batch.isEmpty()) {
                batchEnds = Math.floorDiv(at, flushUs) * flushUs + flushUs;
            }
            batch.add(d);
            rows++;
        }
        if (!batch.isEmpty()) {
            send(batch);
            batches++;
            rowsWritten.accept(rows);
        }
        return new Report(rows, batches, Duration.ofNanos(System.nanoTime() - t0));
    }

    private void send(List<Delivery> batch) {
        for (PipelineSink sink : sinks) {
            engine.insert(
                    sink.table(),
                    sink.columns(),
                    sink.format(),
                    sink.encode(batch),
                    options.asyncInsert() ? ASYNC : Map.of());
        }
    }
}
