package dev.callscope.demo;

import dev.callscope.schema.Schema;
import dev.callscope.time.TimeRange;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Objects;

/**
 * What to generate. Same options (including {@code end}) give the same data.
 *
 * @param seed        seeds every random choice
 * @param calls       function calls enqueued over the span (before retries)
 * @param logsPerCall log lines per started attempt
 * @param end         the "now" of the workload: nothing happens after it, so calls near it are still running
 * @param span        how far back from {@code end} calls start arriving
 * @param database    target database (a plain identifier)
 */
public record DemoOptions(long seed, int calls, int logsPerCall, Instant end, Duration span, String database) {

    public static final int DEFAULT_CALLS = 1_000_000;
    /** About 400M events and 1.1B log lines: hours to write on a laptop, and past it the batches overflow. */
    public static final int MAX_CALLS = 100_000_000;

    public static final int MAX_LOGS_PER_CALL = 1_000;
    public static final int DEFAULT_LOGS_PER_CALL =
            11; // about 10.5M lines for 1M calls (running and queued calls log less)
    public static final Duration DEFAULT_SPAN = Duration.ofHours(24);
    public static final String DEFAULT_DATABASE = Schema.DATABASE;

    public DemoOptions {
        Objects.requireNonNull(end, "end");
        Objects.requireNonNull(span, "span");
        end = end.truncatedTo(ChronoUnit.MICROS); // the tables store microseconds
        Schema.requireDatabaseName(database);
        if (calls < 1 || calls > MAX_CALLS) {
            throw new IllegalArgumentException(
                    String.format(Locale.ROOT, "--calls must be between 1 and %,d", MAX_CALLS));
        }
        if (logsPerCall < 0 || logsPerCall > MAX_LOGS_PER_CALL) {
            throw new IllegalArgumentException("--logs-per-call must be between 0 and " + MAX_LOGS_PER_CALL);
        }
        if (span.toMinutes() < 10 || span.compareTo(TimeRange.LONGEST) > 0) {
            throw new IllegalArgumentException("--span must be between 10 minutes and ten years");
        }
        if (end.minus(span).isBefore(TimeRange.EARLIEST) || end.isAfter(TimeRange.LATEST)) {
            throw new IllegalArgumentException("--end and --span must keep the workload between 1970 and 2105");
        }
    }

    /** The defaults: 1M calls, 11 lines per attempt, the last 24 hours up to now, database "callscope". */
    public static DemoOptions defaults(long seed) {
        return new DemoOptions(
                seed, DEFAULT_CALLS, DEFAULT_LOGS_PER_CALL, Instant.now(), DEFAULT_SPAN, DEFAULT_DATABASE);
    }

    public DemoOptions withCalls(int n) {
        return new DemoOptions(seed, n, logsPerCall, end, span, database);
    }

    public DemoOptions withLogsPerCall(int n) {
        return new DemoOptions(seed, calls, n, end, span, database);
    }

    public DemoOptions withEnd(Instant t) {
        return new DemoOptions(seed, calls, logsPerCall, t, span, database);
    }

    public DemoOptions withSpan(Duration d) {
        return new DemoOptions(seed, calls, logsPerCall, end, d, database);
    }

    public DemoOptions withDatabase(String db) {
        return new DemoOptions(seed, calls, logsPerCall, end, span, db);
    }

    public DemoOptions withSeed(long s) {
        return new DemoOptions(s, calls, logsPerCall, end, span, database);
    }
}
