package dev.callscope.demo;

import dev.callscope.engine.Query;
import dev.callscope.testing.TestEngine;
import java.time.Instant;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The default-size workload (1M calls, 10 log lines each), for measuring ingest speed. Excluded from
 * normal runs; run with {@code ./mvnw test -Dtest=DemoWorkloadBench -Dsurefire.excludedGroups=none}.
 */
@Tag("bench")
class DemoWorkloadBench {

    @Test
    void defaultSize() {
        var engine = TestEngine.shared();
        String db = TestEngine.freshDatabase("demo_bench");
        long t0 = System.nanoTime();
        long[] last = {t0};
        DemoSummary s = DemoWorkload.generate(
                engine,
                DemoOptions.defaults(1).withDatabase(db).withEnd(Instant.parse("2026-05-04T12:00:00Z")),
                (stage, f) -> {
                    long now = System.nanoTime();
                    if (now - last[0] > 1_000_000_000L || f == 0.5 || f == 1.0) {
                        System.out.printf("  %5.1fs %s %.0f%%%n", (now - t0) / 1e9, stage, f * 100);
                        last[0] = now;
                    }
                });
        System.out.printf("BENCH %s%n  %.0f rows/s (events + logs)%n", s, s.rowsPerSecond());
        System.out.println("  "
                + engine.queryScalar(Query.of(
                                "SELECT formatReadableSize(sum(bytes_on_disk)) FROM system.parts WHERE active AND database = {db:String}")
                        .bind("db", db)));
    }
}
