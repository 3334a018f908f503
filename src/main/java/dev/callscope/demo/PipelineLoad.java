package dev.callscope.demo;

import dev.callscope.engine.Engine;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

/**
 * A workload written as a user's pipeline writes it ({@link PipelineWriter}): the calls {@code demo}
 * simulates from the same seed (not its call trees, batch jobs or log lines), delivered out of order,
 * with duplicates and late events ({@link PipelineDelivery}), every function interleaved in arrival
 * order, in small batches. The sinks' tables must exist; whatever the server keeps from them
 * (summary, rollup) it keeps by itself.
 */
public final class PipelineLoad {

    /** What was written: distinct events, deliveries (with duplicates), late deliveries, batches. */
    public record Summary(long events, long deliveries, long late, PipelineWriter.Report writer) {}

    private PipelineLoad() {}

    /** Writes the workload of {@code options} into every sink; arrivals wait in files under the temporary directory. */
    public static Summary write(
            Engine engine,
            DemoOptions options,
            List<PipelineSink> sinks,
            PipelineWriter.Options writer,
            DemoProgress progress) {
        List<DemoFunction> functions = DemoWorkload.functions(options.seed(), options);
        int[] calls = DemoWorkload.callsPerFunction(options.calls());
        long endUs = ChronoUnit.MICROS.between(Instant.EPOCH, options.end());
        long spanUs = options.span().toNanos() / 1000;
        Path dir;
        try {
            dir = Files.createTempDirectory("callscope-pipeline-");
        } catch (IOException e) {
            throw new UncheckedIOException("Could not make a directory for the pipeline's arrivals", e);
        }
        try {
            List<ArrivalSpill> spills = new ArrayList<>();
            long events = 0;
            long deliveries = 0;
            long late = 0;
            for (int i = 0; i < functions.size(); i++) {
                Random random = DemoWorkload.random(options, i);
                List<Event> simulated = DemoWorkload.events(functions.get(i), calls[i], endUs, spanUs, random);
                List<Event> arrivals = PipelineDelivery.arrange(simulated, random);
                events += simulated.size();
                deliveries += arrivals.size();
                late += arrivals.stream()
                        .filter(e -> e.ingestedAt() - e.eventAt() >= PipelineDelivery.LATE_MIN_US)
                        .count();
                spills.add(ArrivalSpill.write(dir, functions.get(i), arrivals));
                progress.update("simulate", 0.2 * (i + 1) / functions.size());
            }
            long total = deliveries;
            PipelineWriter.Report report = new PipelineWriter(engine, sinks, writer)
                    .write(
                            ArrivalSpill.merge(spills),
                            rows -> progress.update(
                                    "write", 0.2 + 0.8 * Math.min(1.0, (double) rows / Math.max(1, total))));
            progress.update("done", 1.0);
            return new Summary(events, deliveries, late, report);
        } finally {
            deleteQuietly(dir);
        }
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.toList()) {
                Files.deleteIfExists(f);
            }
            Files.deleteIfExists(dir);
        } catch (IOException ignored) {
            // a temporary directory the OS cleans up
        }
    }
}
