package dev.callscope.cost;

import dev.callscope.calls.NoFinishEvent;

/**
 * The SQL texts {@link CostQuery} composes: billable time per attempt and day, containers' lives
 * per day, whole calls. Its own placeholders ({@code {from}}, {@code {to}}, the prices) are bound by
 * CostQuery; the attempts come in as a part with their own values.
 */
final class CostSql {

    private CostSql() {}

    /**
     * Microseconds of [a, b) inside [lo, hi), all Int64 microseconds: DateTime64 arithmetic is
     * decimal and was three times slower over ten million attempts. A segment an attempt lacks is
     * [0, 0), which overlaps nothing.
     */
    static final String OVERLAP = "greatest(0, least(%2$s, hi) - greatest(%1$s, lo))";

    static final String FROM_US = "toUnixTimestamp64Micro({from:DateTime64(6, 'UTC')})";
    static final String TO_US = "toUnixTimestamp64Micro({to:DateTime64(6, 'UTC')})";
    static final long DAY_US = 86_400_000_000L;

    /**
     * One row per attempt (or container) and UTC day it used, [%1$s, %2$s) clipped to the range,
     * and also the day of the instant %3$s (an attempt's finish inside the range, where it is
     * counted: an attempt finishing at 00:00:00 used the day before and is counted on its own day).
     */
    static final String DAYS =
            """
            ARRAY JOIN range(toUInt32(intDiv(greatest(%1$s, FROM_US), DAY_US)),
                             toUInt32(intDiv(greatest(least(%2$s, TO_US) - 1, %3$s), DAY_US) + 1)) AS dn""".replace("FROM_US", FROM_US).replace("TO_US", TO_US).replace("DAY_US", Long.toString(DAY_US));
    /** That day's bounds, clipped to the range. */
    static final String DAY_BOUNDS =
            """
            greatest(toInt64(dn) * DAY_US, FROM_US) AS lo, least((toInt64(dn) + 1) * DAY_US, TO_US) AS hi""".replace("FROM_US", FROM_US).replace("TO_US", TO_US).replace("DAY_US", Long.toString(DAY_US));

    static final String USAGE = """
            SELECT fn, dn, countIf(fin_here) AS attempts, countIf(fin_here AND status = 'success') AS successes,
                   sum(cold_us) / 1e6 AS cold_s, sum(run_us) / 1e6 AS run_s, sumIf(cold_us + run_us, failed) / 1e6 AS failed_s,
                   sum((cold_us + run_us) * gpus) / 1e6 AS gpu_s, sum((cold_us + run_us) * price) / 1e6 AS cost,
                   sum(cold_us * price) / 1e6 AS cold_cost, sumIf((cold_us + run_us) * price, failed) / 1e6 AS failed_cost,
                   any(gpu), any(price), countIf(open_here) AS unfinished
            FROM (
              SELECT fn, dn, status, failed, gpu, gpus, price, %5$s,
                     f >= lo AND f < hi AS fin_here, f < 0 AND end_us - 1 >= lo AND end_us - 1 < hi AS open_here,
                     %3$s AS cold_us, %4$s AS run_us
              FROM (
                SELECT fn, status, gpu, gpus, status IN ('failure', 'timeout', 'init_failure', 'terminated') AS failed,
                       transform(gpu, {gpu_types:Array(String)}, {gpu_prices:Array(Float64)}, 0.) * gpus
                         + cpus * {cpu_price:Float64} + mem_mib / 1024. * {mem_price:Float64} AS price,
                       cold AND cb IS NOT NULL AS was_cold,
                       if(fin IS NULL, -1, toUnixTimestamp64Micro(assumeNotNull(fin))) AS f,
                       -- no finish event: billed until the range's end, the newest event of the data, or
                       -- MAX_OPEN after it began, whichever comes first (a platform ends such an attempt)
                       if(fin IS NULL, least(TO_US, NEWEST_US, b0 + MAX_OPEN_US), f) AS end_us,
                       if(was_cold, toUnixTimestamp64Micro(assumeNotNull(cb)), 0) AS c0,
                       if(was_cold, if(ce IS NULL, end_us, toUnixTimestamp64Micro(assumeNotNull(ce))), 0) AS c1,
                       if(st IS NULL, 0, toUnixTimestamp64Micro(assumeNotNull(st))) AS s0,
                       if(st IS NULL, 0, end_us) AS s1,
                       if(was_cold, c0, s0) AS b0, if(st IS NULL, c1, s1) AS b1
                FROM (%1$s)
                -- half-open [from, to): time used inside it, or a finish inside it (counted, even with no time left to bill)
                WHERE (was_cold OR st IS NOT NULL) AND b0 < TO_US AND (b1 > FROM_US OR (f >= FROM_US AND f < TO_US)))
              %2$s)
            GROUP BY fn, dn""".replace("FROM_US", FROM_US)
            .replace("TO_US", TO_US)
            .replace("MAX_OPEN_US", Long.toString(NoFinishEvent.MAX_OPEN.toNanos() / 1000));

    static final String CONTAINERS = """
            SELECT fn, dn, sum(%1$s) / 1e6 AS alive_s
            FROM (
             SELECT fn, dn, up, down, %5$s
             FROM (
              SELECT function_id AS fn, container_id,
                     toUnixTimestamp64Micro(minIf(event_at, event_type = 'container_started')) AS up,
                     toUnixTimestamp64Micro(if(countIf(event_type = 'container_stopped') > 0,
                        maxIf(event_at, event_type = 'container_stopped'), {to:DateTime64(6, 'UTC')})) AS down
              FROM %2$s
              WHERE function_call_id = '' AND event_at >= %6$s AND event_at < {to:DateTime64(6, 'UTC')} %3$s
              GROUP BY fn, container_id
              HAVING countIf(event_type = 'container_started') > 0 AND down > toUnixTimestamp64Micro({from:DateTime64(6, 'UTC')}))
             %4$s)
            GROUP BY fn, dn""";

    /** Whole attempts, no day clipping; an attempt still running is billed to its last recorded event. */
    static final String CALLS = """
            SELECT fn, countIf(fin IS NOT NULL) AS attempts, countIf(status = 'success') AS successes,
                   sum(cold_us) / 1e6 AS cold_s, sum(run_us) / 1e6 AS run_s, sumIf(cold_us + run_us, failed) / 1e6 AS failed_s,
                   sum((cold_us + run_us) * gpus) / 1e6 AS gpu_s, sum((cold_us + run_us) * price) / 1e6 AS cost,
                   sum(cold_us * price) / 1e6 AS cold_cost, sumIf((cold_us + run_us) * price, failed) / 1e6 AS failed_cost, any(gpu)
            FROM (
              SELECT fn, status, fin, gpu, gpus, status IN ('failure', 'timeout', 'init_failure', 'terminated') AS failed,
                     transform(gpu, {gpu_types:Array(String)}, {gpu_prices:Array(Float64)}, 0.) * gpus
                       + cpus * {cpu_price:Float64} + mem_mib / 1024. * {mem_price:Float64} AS price,
                     if(cold AND cb IS NOT NULL, ifNull(dateDiff('microsecond', cb, coalesce(ce, fin, cb)), 0), 0) AS cold_us,
                     if(st IS NOT NULL, ifNull(dateDiff('microsecond', st, coalesce(fin, st)), 0), 0) AS run_us
              FROM (%s))
            GROUP BY fn""";
}
