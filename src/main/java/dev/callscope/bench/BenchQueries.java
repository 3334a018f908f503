package dev.callscope.bench;

import dev.callscope.calls.AttemptRows;
import dev.callscope.engine.Query;
import dev.callscope.functions.FunctionStats;
import dev.callscope.logs.LogSearch;
import dev.callscope.logs.LogTables;
import dev.callscope.logs.search.SearchExpr;
import dev.callscope.logs.search.TextStrategy;
import dev.callscope.performance.LatencyQuery;
import dev.callscope.performance.Metric;
import dev.callscope.performance.Precision;
import dev.callscope.time.TimeRange;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** The queries the views run, as the benchmark measures them. Later issues add theirs here. */
final class BenchQueries {

    private BenchQueries() {
    }

    /** The Logs tab's own SQL builder on the canonical schema (text index). */
    private static LogSearch logs(String db) {
        return new LogSearch(new LogTables(db), TextStrategy.TEXT_INDEX);
    }

    private static TimeRange last(Duration span) {
        return TimeRange.last(span, Instant.now());
    }

    private static SearchExpr word(String w) {
        return new SearchExpr.Token(w);
    }

    static List<BenchQuery> all() {
        return List.of(
                new BenchQuery("Functions: table, 24 h", "#5 functions table ≤ 500 ms",
                        db -> new FunctionStats(db).query(AttemptRows.fromSummary(db), last(Duration.ofHours(24)))),
                new BenchQuery("Functions: table, 24 h, from raw events (no summary table)", "— (servers without it)",
                        db -> new FunctionStats(db).query(AttemptRows.fromEvents(db), last(Duration.ofHours(24)))),
                new BenchQuery("Logs: newest 100 for a word (first window)", "#3 first page p90 ≤ 150 ms",
                        db -> logs(db).firstWindowQuery(word("error"), Instant.now(), 100)),
                new BenchQuery("Logs: rare word over the whole range (one window)", "#3 rare token with the text index ≤ 500 ms",
                        db -> logs(db).windowQueryForBench(word("sigterm"), TimeRange.last(Duration.ofHours(25), Instant.now()), 100)),
                new BenchQuery("substring scan, count", "#3 full scan ≤ 2.5 s", db -> Query.of("""
                        SELECT count() FROM %s.function_logs
                        WHERE positionCaseInsensitive(message, {needle:String}) > 0""".formatted(db)).bind("needle", "timeout")),
                new BenchQuery("Logs: match histogram, 24 h", "#3 histogram ≤ 500 ms",
                        db -> logs(db).histogramQuery(word("error"), TimeRange.last(Duration.ofHours(24), Instant.now()), 120)),
                new BenchQuery("Performance: exact p50/p90/p99 by minute, 24 h, all functions", "#5 24 h percentiles ≤ 500 ms",
                        db -> new LatencyQuery(db).query(AttemptRows.fromSummary(db), List.of(), Metric.EXECUTION,
                                last(Duration.ofHours(24)), Duration.ofMinutes(1), Precision.EXACT)),
                new BenchQuery("Performance: the same from raw events (no summary table)", "— (servers without it)",
                        db -> new LatencyQuery(db).query(AttemptRows.fromEvents(db), List.of(), Metric.EXECUTION,
                                last(Duration.ofHours(24)), Duration.ofMinutes(1), Precision.EXACT)),
                new BenchQuery("Performance: t-digest p50/p90/p99 by minute, 24 h", "#5 24 h percentiles ≤ 500 ms",
                        db -> new LatencyQuery(db).query(AttemptRows.fromSummary(db), List.of(), Metric.EXECUTION,
                                last(Duration.ofHours(24)), Duration.ofMinutes(1), Precision.APPROXIMATE)),
                new BenchQuery("Performance: exact percentiles by minute, 1 h", "#5 1 h window ≤ 50 ms",
                        db -> new LatencyQuery(db).query(AttemptRows.fromSummary(db), List.of(), Metric.EXECUTION,
                                last(Duration.ofHours(1)), Duration.ofMinutes(1), Precision.EXACT)));
    }
}
