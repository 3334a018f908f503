package dev.callscope.performance;

import dev.callscope.calls.AttemptRows;
import dev.callscope.calls.CallLatencies;
import dev.callscope.calls.CallRollup;
import dev.callscope.calls.EventSchema;
import dev.callscope.engine.Query;
import dev.callscope.engine.QueryExecutor;
import dev.callscope.engine.QueryResult;
import dev.callscope.engine.SqlPart;
import dev.callscope.time.TimeRange;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** P50/P90/P99, average and maximum of one latency per time bucket, by finish time. */
public final class LatencyQuery {

    private static final long[] NICE_STEPS = {
        1, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400
    };

    private final EventSchema schema;

    public LatencyQuery(String database) {
        this(EventSchema.canonical(database));
    }

    public LatencyQuery(EventSchema schema) {
        this.schema = schema;
    }

    /**
     * The SQL {@link #series} runs: from the rollup where it covers the range and the buckets are
     * whole slots, with the range's edges from the calls; otherwise from the calls. The range is
     * widened to whole buckets ({@link #wholeBuckets}), so every bucket holds all of its calls.
     */
    public Query query(
            AttemptRows attempts,
            CallRollup rollup,
            List<String> functionIds,
            Metric metric,
            TimeRange asked,
            Duration step,
            Precision precision) {
        long stepS = Math.max(1, step.toSeconds());
        TimeRange range = wholeBuckets(asked, step);
        Optional<CallRollup.Split> split =
                stepS % CallRollup.SLOT.toSeconds() == 0 ? rollup.split(range) : Optional.empty();
        if (split.isEmpty()) {
            return query(attempts, functionIds, metric, range, step, precision);
        }
        SqlPart start =
                SqlPart.value("start", "Int64", range.from().getEpochSecond()); // whole buckets start on the grid
        SqlPart width = SqlPart.value("step", "UInt32", stepS);
        String f = precision.function();
        String p = metric.rollupPrefix();
        SqlPart parts = SqlPart.format(
                """
                SELECT intDiv(toUnixTimestamp(slot) - %s, %s) AS bucket, sum(%s) AS n,
                       %sMergeState%s(%s_%s) AS q, sum(%s_sum) AS s, max(%s_max) AS mx
                FROM %s GROUP BY bucket""",
                start,
                width,
                metric == Metric.COLD_START ? "cold_starts" : "calls",
                f,
                LEVELS,
                p,
                precision.rollupSuffix(),
                p,
                p,
                rollup.slots(split.get(), functionIds));
        for (TimeRange edge : split.get().edges()) {
            parts = SqlPart.format(
                    """
                    %s
                    UNION ALL
                    SELECT intDiv(toUnixTimestamp(fin) - %s, %s) AS bucket, count() AS n,
                           %sState%s(x) AS q, sum(x) AS s, max(x) AS mx
                    FROM (SELECT assumeNotNull(fin) AS fin, assumeNotNull(%s) AS x FROM (%s) %s)
                    GROUP BY bucket""",
                    parts,
                    start,
                    width,
                    f,
                    LEVELS,
                    metric.column(),
                    CallLatencies.subquery(attempts, functionIds, edge),
                    metric == Metric.COLD_START ? "WHERE cold_start" : "");
        }
        return SqlPart.format("""
                SELECT bucket, sum(n), %sMerge%s(q), sum(s) / sum(n), max(mx)
                FROM (%s)
                GROUP BY bucket HAVING sum(n) > 0 ORDER BY bucket""", f, LEVELS, parts).query();
    }

    private static final String LEVELS = "(0.5, 0.9, 0.99)";

    /** The SQL {@link #series} runs over {@code attempts} without the rollup, for the benchmark and the rollup's edges. */
    public Query query(
            AttemptRows attempts,
            List<String> functionIds,
            Metric metric,
            TimeRange asked,
            Duration step,
            Precision precision) {
        long stepS = Math.max(1, step.toSeconds());
        TimeRange range = wholeBuckets(asked, step);
        String x = metric.column();
        // cold-start latency exists only for calls that waited for a new container
        String where = metric == Metric.COLD_START ? "WHERE cold_start" : "";
        return SqlPart.format(
                        """
                SELECT intDiv(toUnixTimestamp(fin) - %5$s, %6$s) AS bucket, count(),
                       %2$s(0.5, 0.9, 0.99)(%1$s), avg(%1$s), max(%1$s)
                FROM (%3$s) %4$s
                GROUP BY bucket ORDER BY bucket""",
                        x,
                        precision.function(),
                        CallLatencies.subquery(attempts, functionIds, range),
                        where,
                        SqlPart.value("start", "Int64", range.from().getEpochSecond()), // on the grid
                        SqlPart.value("step", "UInt32", stepS))
                .query();
    }

    /**
     * {@code range} widened to the bucket grid (multiples of {@code step} from the epoch): a bucket
     * cut by the range's edge would hold only part of its calls and look like a dip; whole buckets
     * also let the rollup answer a range that ends inside a slot.
     */
    public static TimeRange wholeBuckets(TimeRange range, Duration step) {
        long s = Math.max(1, step.toSeconds());
        long from = Math.floorDiv(range.from().getEpochSecond(), s) * s;
        long to = range.to().getEpochSecond() + (range.to().getNano() == 0 ? 0 : 1);
        to = Math.floorDiv(to + s - 1, s) * s;
        return new TimeRange(Instant.ofEpochSecond(from), Instant.ofEpochSecond(Math.max(to, from + s)));
    }

    /** A round bucket width giving about {@code target} buckets (200 by default in the tab). */
    public static Duration step(TimeRange range, int target) {
        long seconds = Math.max(1, range.duration().toSeconds());
        for (long s : NICE_STEPS) {
            if (seconds / s <= target) {
                return Duration.ofSeconds(s);
            }
        }
        return Duration.ofSeconds(86400);
    }

    public LatencySeries series(
            QueryExecutor engine,
            List<String> functionIds,
            Metric metric,
            TimeRange range,
            Duration step,
            Precision precision) {
        long stepS = Math.max(1, step.toSeconds());
        TimeRange whole = wholeBuckets(range, step);
        Instant start = whole.from();
        int buckets = (int) (whole.duration().toSeconds() / stepS);
        AttemptRows attempts = AttemptRows.of(engine, schema);
        Query q = query(attempts, CallRollup.of(engine, attempts), functionIds, metric, range, step, precision);
        long[] samples = new long[buckets];
        Map<Statistic, double[]> values = new EnumMap<>(Statistic.class);
        for (Statistic s : Statistic.values()) {
            double[] v = new double[buckets];
            Arrays.fill(v, Double.NaN);
            values.put(s, v);
        }
        int n = buckets;
        QueryResult<Void> r = engine.query(q, rows -> {
            while (rows.next()) {
                long b = rows.getLong(1);
                if (b < 0 || b >= n) {
                    continue;
                }
                int i = (int) b;
                samples[i] = rows.getLong(2);
                List<?> qs = rows.getList(3);
                values.get(Statistic.P50)[i] = ((Number) qs.get(0)).doubleValue();
                values.get(Statistic.P90)[i] = ((Number) qs.get(1)).doubleValue();
                values.get(Statistic.P99)[i] = ((Number) qs.get(2)).doubleValue();
                values.get(Statistic.AVG)[i] = rows.getDouble(4);
                values.get(Statistic.MAX)[i] = rows.getDouble(5);
            }
            return null;
        });
        return new LatencySeries(metric, start, Duration.ofSeconds(stepS), samples, values, precision, r.stats());
    }
}
