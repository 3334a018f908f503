package dev.callscope.bench;

import dev.callscope.engine.Query;
import java.time.Duration;
import java.util.List;

/**
 * The SQL the tools users know send for the same questions on the same data, measured in the same
 * run so "ahead of the peers" is a ratio, not a claim: Modal's dashboards as its talk describes them
 * (GROUP BY function_call_id with argMaxIf over the one raw events table, quantile for percentiles),
 * and HyperDX's translation of a search ({@code ILIKE '%…%'}, newest first; a count per bucket).
 */
final class PeerQueries {

    private static final Duration DAY = Duration.ofHours(24);

    private PeerQueries() {}

    /** Per call from the raw events, as Modal's Function page builds it; finished calls of the range only. */
    private static String calls(String db) {
        return """
                SELECT function_id, function_call_id,
                       argMaxIf(status, event_at, event_type = 'finished') AS status,
                       argMaxIf(finished_at, event_at, event_type = 'finished') AS fin,
                       dateDiff('millisecond', min(enqueued_at), argMaxIf(started_at, event_at, event_type = 'started')) AS queue_ms,
                       dateDiff('millisecond', argMaxIf(started_at, event_at, event_type = 'finished'),
                                argMaxIf(finished_at, event_at, event_type = 'finished')) AS run_ms
                FROM %s.function_call_events
                WHERE event_at >= {from:DateTime64(6, 'UTC')} AND event_at < {to:DateTime64(6, 'UTC')} AND function_call_id != ''
                GROUP BY function_id, function_call_id
                HAVING countIf(event_type = 'finished') > 0""".formatted(db);
    }

    private static Query range(String sql, BenchContext c) {
        var r = c.last(DAY);
        return Query.of(sql).bind("from", r.from()).bind("to", r.to());
    }

    static List<BenchQuery> all(String functions, String performance, String newestPage, String histogram) {
        return List.of(
                new BenchQuery(
                        "Peer (Modal): Functions, 24 h, GROUP BY function_call_id + argMaxIf over raw events",
                        "—",
                        c -> range("""
                                SELECT function_id, count() AS calls, countIf(status = 'success') AS ok,
                                       quantile(0.5)(run_ms), quantile(0.99)(run_ms), quantile(0.99)(queue_ms)
                                FROM (%s) GROUP BY function_id ORDER BY calls DESC""".formatted(calls(c.database())), c),
                        functions),
                new BenchQuery(
                        "Peer (Modal): Performance by minute, 24 h, over raw events",
                        "—",
                        c -> range("""
                                SELECT toStartOfMinute(fin) AS t, count(), quantiles(0.5, 0.9, 0.99)(run_ms)
                                FROM (%s) GROUP BY t ORDER BY t""".formatted(calls(c.database())), c),
                        performance),
                new BenchQuery(
                        "Peer (HyperDX): newest 100 for a word, ILIKE '%error%' over 24 h",
                        "—", c -> range("""
                                SELECT timestamp, level, message FROM %s.function_logs
                                WHERE timestamp >= {from:DateTime64(6, 'UTC')} AND timestamp < {to:DateTime64(6, 'UTC')}
                                  AND message ILIKE '%%error%%'
                                ORDER BY timestamp DESC LIMIT 100""".formatted(c.database()), c), newestPage),
                new BenchQuery(
                        "Peer (HyperDX): histogram of ILIKE '%error%', 24 h in 12-minute buckets",
                        "—", c -> range("""
                                SELECT toStartOfInterval(timestamp, INTERVAL 720 SECOND) AS t, count() FROM %s.function_logs
                                WHERE timestamp >= {from:DateTime64(6, 'UTC')} AND timestamp < {to:DateTime64(6, 'UTC')}
                                  AND message ILIKE '%%error%%'
                                GROUP BY t ORDER BY t""".formatted(c.database()), c), histogram));
    }
}
