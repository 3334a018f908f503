package dev.callscope.bench;

import dev.callscope.calls.AttemptRows;
import dev.callscope.cost.CostQuery;
import dev.callscope.cost.Prices;
import dev.callscope.engine.Query;
import dev.callscope.functions.FunctionStats;
import dev.callscope.logs.LogSearch;
import dev.callscope.logs.LogTables;
import dev.callscope.logs.search.SearchExpr;
import dev.callscope.logs.search.TextStrategy;
import dev.callscope.performance.LatencyQuery;
import dev.callscope.performance.Metric;
import dev.callscope.performance.Precision;
import dev.callscope.timeline.CallRebuild;
import java.time.Duration;
import java.util.List;

/** The queries the views run, as the benchmark measures them. Later issues add theirs here. */
final class BenchQueries {

    private BenchQueries() {
    }

    /** The Logs tab's own SQL builder on the canonical schema (text index). */
    private static LogSearch logs(BenchContext c) {
        return new LogSearch(dev.callscope.logs.LogSchema.canonical(c.database()), TextStrategy.TEXT_INDEX, c.logSeconds());
    }

    private static SearchExpr word(String w) {
        return new SearchExpr.Token(w);
    }

    private static final Duration DAY = Duration.ofHours(24);

    static List<BenchQuery> all() {
        return List.of(
                new BenchQuery("Logs: newest 100 for a word (first window)", "#3 first page p90 ≤ 150 ms",
                        c -> logs(c).firstWindowQuery(word("error"), c.end(), 100)),
                new BenchQuery("Logs: the lines at a page's last time (point query completing every full page)", "#3 first page p90 ≤ 150 ms (part of)",
                        c -> logs(c).tiesQueryForBench(word("error"), c.end().minusSeconds(7))),
                new BenchQuery("Logs: rare word over the whole range (one window)", "#3 rare token with the text index ≤ 500 ms",
                        c -> logs(c).windowQueryForBench(word("sigterm"), c.last(Duration.ofHours(25)), 100)),
                new BenchQuery("Logs: substring scan, count (\"timeout\" as a phrase, no index)", "#3 full scan ≤ 2.5 s, ≥ 40M lines/s",
                        c -> {
                            var filter = new LogSearch(new LogTables(c.database()), TextStrategy.SCAN).condition(new SearchExpr.Phrase("timeout"));
                            return filter.bindTo(Query.of("SELECT count() FROM " + c.database() + ".function_logs WHERE " + filter.sql()));
                        }),
                new BenchQuery("Logs: match histogram, 24 h", "#3 histogram ≤ 500 ms",
                        c -> logs(c).histogramQuery(word("error"), c.last(DAY), 120)),
                new BenchQuery("Timeline: busiest hour of the busiest function", "#4 100k calls ≤ 300 ms",
                        c -> new CallRebuild(c.database()).forFunctionQuery(AttemptRows.fromSummary(c.database()),
                                c.busiestFunction(), c.busiestHour(), c.busiestHour().plus(Duration.ofHours(1)), 1_000_000)),
                new BenchQuery("Timeline: one call by id", "#4 ≤ 50 ms",
                        c -> new CallRebuild(c.database()).forCallQuery(c.sampleCall())),
                new BenchQuery("Functions: table, 24 h", "#5 functions table ≤ 500 ms",
                        c -> new FunctionStats(c.database()).query(AttemptRows.fromSummary(c.database()), c.rollup(), c.last(DAY))),
                new BenchQuery("Functions: table, 24 h, without the rollup", "— (servers without it)",
                        c -> new FunctionStats(c.database()).query(AttemptRows.fromSummary(c.database()), c.last(DAY))),
                new BenchQuery("Functions: table, 24 h, from raw events (no summary table)", "— (servers without it)",
                        c -> new FunctionStats(c.database()).query(AttemptRows.fromEvents(c.database()), c.last(DAY))),
                new BenchQuery("Cost: per function per day, 30 days (billed time)", "#10 30-day cost table ≤ 1 s",
                        c -> new CostQuery(c.database()).usageQuery(AttemptRows.fromSummary(c.database()), c.last(Duration.ofDays(30)),
                                List.of(), Prices.EXAMPLES)),
                new BenchQuery("Performance: exact p50/p90/p99 by minute, 24 h, all functions", "#5 24 h percentiles ≤ 500 ms",
                        c -> new LatencyQuery(c.database()).query(AttemptRows.fromSummary(c.database()), c.rollup(), List.of(),
                                Metric.EXECUTION, c.last(DAY), Duration.ofMinutes(1), Precision.EXACT)),
                new BenchQuery("Performance: the same without the rollup", "— (servers without it)",
                        c -> new LatencyQuery(c.database()).query(AttemptRows.fromSummary(c.database()), List.of(), Metric.EXECUTION,
                                c.last(DAY), Duration.ofMinutes(1), Precision.EXACT)),
                new BenchQuery("Performance: the same from raw events (no summary table)", "— (servers without it)",
                        c -> new LatencyQuery(c.database()).query(AttemptRows.fromEvents(c.database()), List.of(), Metric.EXECUTION,
                                c.last(DAY), Duration.ofMinutes(1), Precision.EXACT)),
                new BenchQuery("Performance: t-digest p50/p90/p99 by minute, 24 h", "#5 24 h percentiles ≤ 500 ms",
                        c -> new LatencyQuery(c.database()).query(AttemptRows.fromSummary(c.database()), c.rollup(), List.of(),
                                Metric.EXECUTION, c.last(DAY), Duration.ofMinutes(1), Precision.APPROXIMATE)),
                new BenchQuery("Performance: exact percentiles by minute, 1 h", "#5 1 h window ≤ 50 ms",
                        c -> new LatencyQuery(c.database()).query(AttemptRows.fromSummary(c.database()), c.rollup(), List.of(),
                                Metric.EXECUTION, c.last(Duration.ofHours(1)), Duration.ofMinutes(1), Precision.EXACT)),
                new BenchQuery("Performance: exact percentiles, 1 h in 30 s buckets (the tab's default)", "#5 1 h window ≤ 50 ms",
                        c -> new LatencyQuery(c.database()).query(AttemptRows.fromSummary(c.database()), c.rollup(), List.of(),
                                Metric.EXECUTION, c.last(Duration.ofHours(1)), Duration.ofSeconds(30), Precision.EXACT)));
    }
}
