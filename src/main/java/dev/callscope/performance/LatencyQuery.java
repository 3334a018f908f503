package dev.callscope.performance;

import dev.callscope.calls.AttemptRows;
import dev.callscope.calls.EventSchema;
import dev.callscope.engine.Query;
import dev.callscope.engine.QueryExecutor;
import dev.callscope.engine.QueryResult;
import dev.callscope.time.TimeRange;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** P50/P90/P99, average and maximum of one latency per time bucket, by finish time. */
public final class LatencyQuery {

    private static final long[] NICE_STEPS = {1, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200,
            10800, 21600, 43200, 86400};

    private final EventSchema schema;

    public LatencyQuery(String database) {
        this(EventSchema.canonical(database));
    }

    public LatencyQuery(EventSchema schema) {
        this.schema = schema;
    }

    /** The SQL {@link #series} runs over {@code attempts}, for the benchmark. */
    public Query query(AttemptRows attempts, List<String> functionIds, Metric metric, TimeRange range, Duration step,
                       Precision precision) {
        long stepS = Math.max(1, step.toSeconds());
        Instant start = Instant.ofEpochSecond(Math.floorDiv(range.from().getEpochSecond(), stepS) * stepS);
        String x = metric.column();
        // cold-start latency exists only for calls that waited for a new container
        String where = metric == Metric.COLD_START ? "WHERE cold_start" : "";
        Query q = Query.of("""
                SELECT intDiv(toUnixTimestamp(fin) - {start:Int64}, {step:UInt32}) AS bucket, count(),
                       %2$s(0.5, 0.9, 0.99)(%1$s), avg(%1$s), max(%1$s)
                FROM (%3$s) %4$s
                GROUP BY bucket ORDER BY bucket""".formatted(x, precision.function(),
                CallLatencies.subquery(attempts, functionIds), where))
                .bind("start", start.getEpochSecond()).bind("step", stepS);
        return CallLatencies.bind(q, attempts, functionIds, range);
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

    public LatencySeries series(QueryExecutor engine, List<String> functionIds, Metric metric, TimeRange range,
                                Duration step, Precision precision) {
        long stepS = Math.max(1, step.toSeconds());
        Instant start = Instant.ofEpochSecond(Math.floorDiv(range.from().getEpochSecond(), stepS) * stepS);
        int buckets = (int) Math.max(1, (range.to().getEpochSecond() - start.getEpochSecond() + stepS - 1) / stepS);
        Query q = query(AttemptRows.of(engine, schema), functionIds, metric, range, step, precision);
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
