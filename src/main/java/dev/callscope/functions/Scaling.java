package dev.callscope.functions;

import dev.callscope.calls.AttemptRows;
import dev.callscope.calls.CallLatencies;
import dev.callscope.calls.EventSchema;
import dev.callscope.engine.Query;
import dev.callscope.engine.QueryExecutor;
import dev.callscope.engine.SqlPart;
import dev.callscope.ids.CallscopeIds;
import dev.callscope.time.TimeRange;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The queries behind a function's scaling charts and its duration distribution. */
public final class Scaling {

    private final EventSchema schema;
    private final String events;

    public Scaling(String database) {
        this(EventSchema.canonical(database));
    }

    public Scaling(EventSchema schema) {
        this.schema = schema;
        this.events = schema.relation();
    }

    public ScalingSeries series(QueryExecutor engine, String functionId, TimeRange range, Duration step) {
        long stepS = Math.max(1, step.toSeconds());
        Instant start = Instant.ofEpochSecond(Math.floorDiv(range.from().getEpochSecond(), stepS) * stepS);
        int n = (int) Math.max(1, (range.to().getEpochSecond() - start.getEpochSecond() + stepS - 1) / stepS);
        long[] enqueued = new long[n];
        long[] succeeded = new long[n];
        long[] failed = new long[n];
        double[] running = new double[n];
        double[] containers = new double[n];
        String bucket = "intDiv(toUnixTimestamp(%s) - {start:Int64}, {step:UInt32})";
        AttemptRows attempts = AttemptRows.of(engine, schema);
        // calls enqueued: Callscope's ids bound the scan by time; a mapped table has its enqueue time
        fill(
                engine,
                bind(
                        SqlPart.of(
                                schema.callscopeIds()
                                        ? "SELECT " + bucket.formatted("event_at")
                                                + " AS b, uniqExact(function_call_id) FROM " + events + "\n" + """
                 WHERE function_id = {f:String} AND function_call_id BETWEEN {lo:String} AND {hi:String}
                   AND event_type = 'queued' AND event_at >= {from:DateTime64(6, 'UTC')} AND event_at < {to:DateTime64(6, 'UTC')}
                 GROUP BY b"""
                                        : "SELECT " + bucket.formatted("enqueued_at")
                                                + " AS b, uniqExact(function_call_id) FROM " + events + "\n" + """
                 WHERE function_id = {f:String} AND function_call_id != ''
                   AND enqueued_at >= {from:DateTime64(6, 'UTC')} AND enqueued_at < {to:DateTime64(6, 'UTC')}
                 GROUP BY b"""),
                        functionId,
                        range,
                        start,
                        stepS),
                enqueued,
                null);
        // calls finished, by outcome
        fill(
                engine,
                bind(
                        SqlPart.format(
                                "SELECT " + bucket.formatted("fin") + """
                 AS b, countIf(status = 'success'), countIf(status != 'success')
                 FROM (%s) GROUP BY b""",
                                CallLatencies.subquery(attempts, List.of(functionId), range)),
                        functionId,
                        range,
                        start,
                        stepS),
                succeeded,
                failed);
        // average number of attempts running during each bucket: their time inside it over its length
        SqlPart ofFunction = SqlPart.format("function_id = %s", SqlPart.string("f", functionId));
        SqlPart activeSince = attempts.activeSince(ofFunction, range.from());
        fillAverage(
                engine,
                bind(
                                SqlPart.format(
                                        """
                SELECT b, sum(greatest(0, least(e_us, bs + {step:UInt32} * 1000000) - greatest(s_us, bs))) / ({step:UInt32} * 1000000)
                FROM (
                  SELECT toUnixTimestamp64Micro(st) AS s_us, toUnixTimestamp64Micro(coalesce(fin, {to:DateTime64(6, 'UTC')})) AS e_us, st, fin
                  FROM (%s)
                  WHERE st IS NOT NULL AND st < {to:DateTime64(6, 'UTC')} AND (fin IS NULL OR fin >= {from:DateTime64(6, 'UTC')}))
                ARRAY JOIN range(toUInt32(greatest(0, %s)), toUInt32(greatest(0, least({n:Int64}, %s + 1)))) AS b
                LEFT ARRAY JOIN [({start:Int64} + b * {step:UInt32}) * 1000000] AS bs
                GROUP BY b""",
                                        attempts.select(
                                                SqlPart.format(
                                                        "%s AND %s",
                                                        ofFunction, attempts.enqueuedUntil(range.to(), activeSince)),
                                                activeSince),
                                        bucket.formatted("st"),
                                        bucket.formatted("coalesce(fin, {to:DateTime64(6, 'UTC')})")),
                                functionId,
                                range,
                                start,
                                stepS)
                        .bind("n", n),
                running);
        // average number of containers alive during each bucket (when the events record their lives)
        if (schema.containerLifetimes()) {
            fillAverage(
                    engine,
                    bind(
                                    SqlPart.of("""
                    SELECT b, sum(greatest(0, least(toUnixTimestamp64Micro(down), bs + {step:UInt32} * 1000000)
                                  - greatest(toUnixTimestamp64Micro(up), bs))) / ({step:UInt32} * 1000000)
                    FROM (
                      SELECT minIf(event_at, event_type = 'container_started') AS up,
                             if(countIf(event_type = 'container_stopped') > 0, maxIf(event_at, event_type = 'container_stopped'), {to:DateTime64(6, 'UTC')}) AS down
                      FROM %s
                      WHERE function_id = {f:String} AND function_call_id = '' AND event_at < {to:DateTime64(6, 'UTC')}
                        AND event_at >= %4$s
                      GROUP BY container_id HAVING countIf(event_type = 'container_started') > 0 AND down >= {from:DateTime64(6, 'UTC')})
                    ARRAY JOIN range(toUInt32(greatest(0, %s)), toUInt32(greatest(0, least({n:Int64}, %s + 1)))) AS b
                    LEFT ARRAY JOIN [({start:Int64} + b * {step:UInt32}) * 1000000] AS bs
                    GROUP BY b""".formatted(
                                                    events,
                                                    bucket.formatted("up"),
                                                    bucket.formatted("down"),
                                                    schema.containersAliveSince("function_id = {f:String}"))),
                                    functionId,
                                    range,
                                    start,
                                    stepS)
                            .bind("n", n),
                    containers);
        } else {
            Arrays.fill(containers, Double.NaN); // unknown, not zero: the chart leaves the line out
        }
        return new ScalingSeries(start, Duration.ofSeconds(stepS), enqueued, succeeded, failed, running, containers);
    }

    public DurationHistogram durations(QueryExecutor engine, String functionId, TimeRange range) {
        AttemptRows attempts = AttemptRows.of(engine, schema);
        Query q = SqlPart.format(
                        """
                SELECT toInt32(floor(log10(greatest(run_ms, 0.001)) * %s)) AS bin, count()
                FROM (%s) WHERE status = 'success' GROUP BY bin ORDER BY bin""",
                        DurationHistogram.BINS_PER_DECADE, CallLatencies.subquery(attempts, List.of(functionId), range))
                .query();
        List<long[]> bins = engine.query(q, rows -> {
                    List<long[]> out = new ArrayList<>();
                    while (rows.next()) {
                        out.add(new long[] {rows.getLong(1), rows.getLong(2)});
                    }
                    return out;
                })
                .value();
        if (bins.isEmpty()) {
            return new DurationHistogram(0, new long[0]);
        }
        int first = (int) bins.getFirst()[0];
        int last = (int) bins.getLast()[0];
        long[] counts = new long[last - first + 1];
        for (long[] b : bins) {
            counts[(int) b[0] - first] = b[1];
        }
        return new DurationHistogram(first, counts);
    }

    /** {@code part} as a statement, with the names its own text uses bound (the parts it embeds bring theirs). */
    private static Query bind(SqlPart part, String functionId, TimeRange range, Instant start, long stepS) {
        return part.bindTo(Query.of(part.sql()))
                .bind("f", functionId)
                // calls queued in the range have ids from its start (the id is the enqueue time)
                .bind(
                        "lo",
                        CallscopeIds.lowerBound(
                                CallscopeIds.Kind.CALL, range.from().minusSeconds(1)))
                .bind("hi", CallscopeIds.upperBound(CallscopeIds.Kind.CALL, range.to()))
                .bind("from", range.from())
                .bind("to", range.to())
                .bind("start", start.getEpochSecond())
                .bind("step", stepS);
    }

    private static void fillAverage(QueryExecutor engine, Query q, double[] values) {
        engine.query(q, rows -> {
            while (rows.next()) {
                long b = rows.getLong(1);
                if (b >= 0 && b < values.length) {
                    values[(int) b] = rows.getDouble(2);
                }
            }
            return null;
        });
    }

    private static void fill(QueryExecutor engine, Query q, long[] first, long[] second) {
        engine.query(q, rows -> {
            while (rows.next()) {
                long b = rows.getLong(1);
                if (b >= 0 && b < first.length) {
                    first[(int) b] = rows.getLong(2);
                    if (second != null) {
                        second[(int) b] = rows.getLong(3);
                    }
                }
            }
            return null;
        });
    }
}
