package dev.callscope.logs;

import dev.callscope.engine.Query;
import dev.callscope.engine.QueryExecutor;
import dev.callscope.engine.QueryResult;
import dev.callscope.logs.search.SearchExpr;
import dev.callscope.logs.search.SqlCondition;
import dev.callscope.time.TimeRange;
import java.time.Duration;
import java.time.Instant;

/**
 * The match histogram of a search: matching lines and error lines per bucket over the whole
 * range, buckets of whole seconds aligned to the epoch (the last one holds the range's last
 * partial second). Counted from the seconds column where the table has one ({@link LogSearch#bySeconds}).
 */
final class LogHistogram {

    private static final long[] NICE_STEPS_SECONDS = {
        1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400, 172800, 604800
    };

    private final LogSearch search;

    LogHistogram(LogSearch search) {
        this.search = search;
    }

    /** Matches per bucket of {@code step} (whole seconds, at least one), buckets aligned to the epoch. */
    MatchHistogram count(QueryExecutor engine, SearchExpr expr, TimeRange range, Duration step) {
        if (step.toSeconds() < 1 || step.toNanos() % 1_000_000_000L != 0) {
            throw new IllegalArgumentException(
                    "A histogram bucket is a whole number of seconds, at least 1s, not " + step);
        }
        long stepSeconds = step.toSeconds();
        Instant start = Instant.ofEpochSecond(Math.floorDiv(range.from().getEpochSecond(), stepSeconds) * stepSeconds);
        // up to the second "to" falls in, so a line in the range's last partial second has its bucket
        long toSecond = range.to().getEpochSecond() + (range.to().getNano() == 0 ? 0 : 1);
        int buckets = (int) ((toSecond - start.getEpochSecond() + stepSeconds - 1) / stepSeconds);
        buckets = Math.max(1, buckets);
        Query q = query(expr, range, start, stepSeconds);
        long[] counts = new long[buckets];
        long[] errors = new long[buckets];
        int n = buckets;
        QueryResult<Void> r = engine.query(q, rows -> {
            while (rows.next()) {
                long b = rows.getLong(1);
                if (b >= 0 && b < n) {
                    counts[(int) b] = rows.getLong(2);
                    errors[(int) b] = rows.getLong(3);
                }
            }
            return null;
        });
        return new MatchHistogram(
                start, step, counts, errors, r.stats().rowsRead(), r.stats().elapsed());
    }

    /** The histogram's SQL for a range, with buckets of the range's round step (for the benchmark too). */
    Query query(SearchExpr expr, TimeRange range, int targetBuckets) {
        long stepSeconds = niceStep(range.duration(), targetBuckets).toSeconds();
        Instant start = Instant.ofEpochSecond(Math.floorDiv(range.from().getEpochSecond(), stepSeconds) * stepSeconds);
        return query(expr, range, start, stepSeconds);
    }

    private Query query(SearchExpr expr, TimeRange range, Instant start, long stepSeconds) {
        SqlCondition filter = search.condition(expr);
        LogSchema schema = search.schema();
        // Callscope's level is an Enum8 whose error words are exactly these two: comparing enum
        // values skips a string conversion per match (a sixth of the histogram's time at 131M lines)
        String errors = !schema.has(LogField.LEVEL)
                ? "0"
                : schema.canonical()
                        ? schema.sql(LogField.LEVEL) + " IN ('ERROR', 'CRITICAL')"
                        : "has(['ERROR', 'ERR', 'CRITICAL', 'FATAL', 'CRIT'], upper(toString("
                                + schema.sql(LogField.LEVEL) + ")))";
        String count = """
                SELECT intDiv(toUnixTimestamp(%1$s) - {start:Int64}, {step:UInt32}) AS callscope_bucket,
                       count() AS callscope_lines, countIf(%2$s) AS callscope_errors
                FROM %3$s WHERE (%4$s) AND (%5$s)
                GROUP BY callscope_bucket""";
        Query q = search.bySeconds(
                range,
                (column, within) -> count.formatted(column, errors, search.table(), within, filter.sql()),
                union -> "SELECT callscope_bucket, sum(callscope_lines), sum(callscope_errors) FROM (" + union
                        + ") GROUP BY callscope_bucket ORDER BY callscope_bucket");
        q = q.bind("start", start.getEpochSecond())
                .bind("step", stepSeconds)
                .bind("lo", range.from())
                .bind("hi", range.to());
        return filter.bindTo(q);
    }

    /** The smallest round bucket width that gives at most {@code target} buckets. */
    static Duration niceStep(Duration span, int target) {
        long seconds = Math.max(1, span.toSeconds());
        for (long s : NICE_STEPS_SECONDS) {
            if (seconds / s <= target) {
                return Duration.ofSeconds(s);
            }
        }
        return Duration.ofSeconds(Math.max(604800, seconds / target));
    }
}
