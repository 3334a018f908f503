package dev.callscope.bench;

import dev.callscope.engine.Query;
import java.util.List;

/** The queries the views run, as the benchmark measures them. Later issues add theirs here. */
final class BenchQueries {

    private BenchQueries() {
    }

    static List<BenchQuery> all() {
        return List.of(
                new BenchQuery("calls by final status (24 h)", "#5 functions table ≤ 500 ms", db -> Query.of("""
                        SELECT status, count() FROM (
                          SELECT function_call_id, argMax(status, event_at) AS status
                          FROM %s.function_call_events
                          WHERE function_call_id != '' GROUP BY function_call_id)
                        GROUP BY status ORDER BY status""".formatted(db))),
                new BenchQuery("newest 100 lines with token", "#3 first page p90 ≤ 150 ms", db -> Query.of("""
                        SELECT timestamp, level, function_id, function_call_id, message
                        FROM %s.function_logs WHERE hasToken(message, {token:String})
                        ORDER BY timestamp DESC LIMIT 100""".formatted(db)).bind("token", "error")),
                new BenchQuery("substring scan, count", "#3 full scan ≤ 2.5 s", db -> Query.of("""
                        SELECT count() FROM %s.function_logs
                        WHERE positionCaseInsensitive(message, {needle:String}) > 0""".formatted(db)).bind("needle", "timeout")),
                new BenchQuery("match histogram (whole range)", "#3 histogram ≤ 500 ms", db -> Query.of("""
                        SELECT toStartOfInterval(timestamp, INTERVAL 10 MINUTE) AS t, count()
                        FROM %s.function_logs WHERE hasToken(message, {token:String})
                        GROUP BY t ORDER BY t""".formatted(db)).bind("token", "error")),
                new BenchQuery("execution p50/p90/p99 by minute", "#5 24 h percentiles ≤ 500 ms", db -> Query.of("""
                        SELECT toStartOfMinute(started) AS t,
                               quantiles(0.5, 0.9, 0.99)(dateDiff('millisecond', started, finished))
                        FROM (SELECT function_call_id, argMax(started_at, event_at) AS started,
                                     argMax(finished_at, event_at) AS finished
                              FROM %s.function_call_events WHERE function_call_id != ''
                              GROUP BY function_call_id)
                        WHERE started IS NOT NULL AND finished IS NOT NULL
                        GROUP BY t ORDER BY t""".formatted(db))));
    }
}
