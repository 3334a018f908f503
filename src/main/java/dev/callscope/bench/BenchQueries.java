package dev.callscope.bench;

import dev.callscope.batches.BatchQuery;
import dev.callscope.callgraph.CallTreeQuery;
import dev.callscope.calls.AttemptRows;
import dev.callscope.calls.EventSchema;
import dev.callscope.cost.CostQuery;
import dev.callscope.cost.Prices;
import dev.callscope.engine.Query;
import dev.callscope.functions.FunctionStats;
import dev.callscope.logs.LogPatterns;
import dev.callscope.logs.LogSchema;
import dev.callscope.logs.LogSearch;
import dev.callscope.logs.LogTables;
import dev.callscope.logs.search.SearchExpr;
import dev.callscope.logs.search.TextStrategy;
import dev.callscope.performance.LatencyQuery;
import dev.callscope.performance.Metric;
import dev.callscope.performance.Precision;
import dev.callscope.schema.PatternRules;
import dev.callscope.timeline.CallRebuild;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The queries the views run, as the benchmark measures them. Later issues add theirs here. */
final class BenchQueries {

    private BenchQueries() {}

    /** The Logs tab's own SQL builder on the canonical schema (text index). */
    private static LogSearch logs(BenchContext c) {
        return new LogSearch(LogSchema.canonical(c.database()), TextStrategy.TEXT_INDEX, c.logSeconds());
    }

    /** The Patterns mode's queries, reading the logs table's pattern column. */
    private static LogPatterns patterns(BenchContext c) {
        return new LogPatterns(new LogSearch(
                LogSchema.canonical(c.database()), TextStrategy.TEXT_INDEX, c.logSeconds(), PatternRules.COLUMN));
    }

    private static SearchExpr word(String w) {
        return new SearchExpr.Token(w);
    }

    private static final Duration DAY = Duration.ofHours(24);

    private static final String FUNCTIONS_24H = "Functions: table, 24 h";
    private static final String PERFORMANCE_24H = "Performance: exact p50/p90/p99 by minute, 24 h, all functions";
    private static final String NEWEST_PAGE = "Logs: newest 100 for a word (first window)";
    private static final String HISTOGRAM = "Logs: match histogram, 24 h";

    static List<BenchQuery> all() {
        List<BenchQuery> all = new ArrayList<>(ours());
        all.addAll(userTable());
        all.addAll(PeerQueries.all(FUNCTIONS_24H, PERFORMANCE_24H, NEWEST_PAGE, HISTOGRAM));
        return all;
    }

    /** A user's own Modal-shaped table through a mapping: read raw, and accelerated (callscope accelerate). */
    static List<BenchQuery> userTable() {
        return List.of(
                new BenchQuery(
                        "User's table: Functions, 24 h, raw",
                        "— (a mapped table before callscope accelerate)",
                        c -> c.user() == null
                                ? null
                                : new FunctionStats(c.user().events())
                                        .query(AttemptRows.fromEvents(c.user().events()), c.last(DAY))),
                new BenchQuery(
                        "User's table: Functions, 24 h, accelerated",
                        "#17 functions table ≤ 500 ms",
                        c -> c.user() == null
                                ? null
                                : new FunctionStats(c.user().events())
                                        .query(c.user().accelerated(), c.user().rollup(), c.last(DAY))),
                new BenchQuery(
                        "User's table: Performance by minute, 24 h, raw",
                        "— (a mapped table before callscope accelerate)",
                        c -> c.user() == null
                                ? null
                                : new LatencyQuery(c.user().events())
                                        .query(
                                                AttemptRows.fromEvents(c.user().events()),
                                                List.of(),
                                                Metric.EXECUTION,
                                                c.last(DAY),
                                                Duration.ofMinutes(1),
                                                Precision.EXACT)),
                new BenchQuery(
                        "User's table: Performance by minute, 24 h, accelerated",
                        "#17 24 h percentiles ≤ 500 ms",
                        c -> c.user() == null
                                ? null
                                : new LatencyQuery(c.user().events())
                                        .query(
                                                c.user().accelerated(),
                                                c.user().rollup(),
                                                List.of(),
                                                Metric.EXECUTION,
                                                c.last(DAY),
                                                Duration.ofMinutes(1),
                                                Precision.EXACT)));
    }

    private static List<BenchQuery> ours() {
        return List.of(
                new BenchQuery(
                        NEWEST_PAGE,
                        "#3 first page p90 ≤ 150 ms",
                        c -> logs(c).firstWindowQuery(word("error"), c.end(), 100)),
                new BenchQuery(
                        "Logs: the lines at a page's last time (point query completing every full page)",
                        "#3 first page p90 ≤ 150 ms (part of)",
                        c -> logs(c).tiesQueryForBench(word("error"), c.end().minusSeconds(7))),
                new BenchQuery(
                        "Logs: rare word over the whole range (one window)",
                        "#3 rare token with the text index ≤ 500 ms",
                        c -> logs(c).windowQueryForBench(word("sigterm"), c.last(Duration.ofHours(25)), 100)),
                new BenchQuery(
                        "Logs: substring scan, count (\"timeout\" as a phrase, no index)",
                        "#3 full scan ≤ 2.5 s, ≥ 40M lines/s",
                        c -> {
                            var filter = new LogSearch(new LogTables(c.database()), TextStrategy.SCAN)
                                    .condition(new SearchExpr.Phrase("timeout"));
                            return filter.bindTo(Query.of(
                                    "SELECT count() FROM " + c.database() + ".function_logs WHERE " + filter.sql()));
                        }),
                new BenchQuery(
                        HISTOGRAM,
                        "#3 histogram ≤ 500 ms",
                        c -> logs(c).histogramQuery(word("error"), c.last(DAY), 120)),
                new BenchQuery(
                        "Logs: patterns of level:error, 24 h (one query over the whole range)",
                        "#19 level:error patterns ≤ 1 s",
                        c -> patterns(c)
                                .queryForBench(
                                        new SearchExpr.FieldMatch(SearchExpr.Field.LEVEL, "ERROR"), c.last(DAY))),
                new BenchQuery(
                        "Logs: patterns of level:error, newest quarter (6 h: the first shown)",
                        "#19 partial results as they come",
                        c -> patterns(c)
                                .queryForBench(
                                        new SearchExpr.FieldMatch(SearchExpr.Field.LEVEL, "ERROR"),
                                        c.last(Duration.ofHours(6)))),
                new BenchQuery(
                        "Logs: patterns of the word error, 24 h (one query over the whole range)",
                        "#19 error patterns ≤ 3 s",
                        c -> patterns(c).queryForBench(word("error"), c.last(DAY))),
                new BenchQuery(
                        "Logs: patterns of level:error, 24 h, computed from the message (no pattern column)",
                        "— (a mapped logs table)",
                        c -> new LogPatterns(logs(c))
                                .queryForBench(
                                        new SearchExpr.FieldMatch(SearchExpr.Field.LEVEL, "ERROR"), c.last(DAY))),
                new BenchQuery(
                        "Call graph: every attempt of the largest tree, with parents and names (the 100k-call tree at full scale)",
                        "#18 100,000-call tree loaded ≤ 300 ms (with the next)",
                        c -> c.treeRoot() == null
                                ? null
                                : new CallTreeQuery(c.database())
                                        .attemptsQuery(
                                                AttemptRows.fromSummary(c.database()), c.treeRoot(), c.treeRows())),
                new BenchQuery(
                        "Call graph: where the largest tree's rows are (its functions and enqueue span, without FINAL)",
                        "#18 (with the previous)",
                        c -> c.treeRoot() == null
                                ? null
                                : new CallTreeQuery(c.database())
                                        .locateQuery(AttemptRows.fromSummary(c.database()), c.treeRoot())),
                new BenchQuery(
                        "Batches: every input of the largest job (the 200k-input job at full scale), one row each",
                        "#18 200,000-input job: progress and percentiles ≤ 300 ms",
                        c -> c.batchId() == null
                                ? null
                                : new BatchQuery(EventSchema.canonical(c.database()))
                                        .inputsQuery(
                                                AttemptRows.fromSummary(c.database()),
                                                c.batchId(),
                                                c.end(),
                                                c.batchRows())),
                new BenchQuery(
                        "Batches: where the largest job's rows are (its functions and enqueue span, without FINAL)",
                        "#18 (with the previous)",
                        c -> c.batchId() == null
                                ? null
                                : BatchQuery.locateQuery(AttemptRows.fromSummary(c.database()), c.batchId())),
                new BenchQuery(
                        "Batches: the jobs of 24 h, each counted whole",
                        "— (the tab's list)",
                        c -> new BatchQuery(EventSchema.canonical(c.database()))
                                .listQuery(
                                        AttemptRows.fromSummary(c.database()),
                                        c.last(DAY),
                                        c.end(),
                                        c.dayOfBatchRows())),
                new BenchQuery(
                        "Timeline: busiest hour of the busiest function",
                        "#4 100k calls ≤ 300 ms",
                        c -> new CallRebuild(c.database())
                                .forFunctionQuery(
                                        AttemptRows.fromSummary(c.database()),
                                        c.busiestFunction(),
                                        c.busiestHour(),
                                        c.busiestHour().plus(Duration.ofHours(1)),
                                        1_000_000)),
                new BenchQuery(
                        "Timeline: one call by id",
                        "#4 ≤ 50 ms",
                        c -> new CallRebuild(c.database()).forCallQuery(c.sampleCall())),
                new BenchQuery(
                        FUNCTIONS_24H,
                        "#5 functions table ≤ 500 ms",
                        c -> new FunctionStats(c.database())
                                .query(AttemptRows.fromSummary(c.database()), c.rollup(), c.last(DAY))),
                new BenchQuery(
                        "Functions: calls with no finish event, 24 h (the No finish column, a second query)",
                        "#5 functions table ≤ 500 ms (with the table)",
                        c -> new FunctionStats(c.database())
                                .noFinishEventQuery(AttemptRows.fromSummary(c.database()), c.last(DAY))),
                new BenchQuery(
                        "Functions: table, 24 h, without the rollup",
                        "— (servers without it)",
                        c -> new FunctionStats(c.database()).query(AttemptRows.fromSummary(c.database()), c.last(DAY))),
                new BenchQuery(
                        "Functions: table, 24 h, from raw events (no summary table)",
                        "— (servers without it)",
                        c -> new FunctionStats(c.database()).query(AttemptRows.fromEvents(c.database()), c.last(DAY))),
                new BenchQuery(
                        "Cost: per function per day, 30 days (billed time)",
                        "#10 30-day cost table ≤ 1 s",
                        c -> new CostQuery(c.database())
                                .usageQuery(
                                        AttemptRows.fromSummary(c.database()),
                                        c.last(Duration.ofDays(30)),
                                        List.of(),
                                        Prices.EXAMPLES)),
                new BenchQuery(
                        PERFORMANCE_24H,
                        "#5 24 h percentiles ≤ 500 ms",
                        c -> new LatencyQuery(c.database())
                                .query(
                                        AttemptRows.fromSummary(c.database()),
                                        c.rollup(),
                                        List.of(),
                                        Metric.EXECUTION,
                                        c.last(DAY),
                                        Duration.ofMinutes(1),
                                        Precision.EXACT)),
                new BenchQuery(
                        "Performance: the same without the rollup",
                        "— (servers without it)",
                        c -> new LatencyQuery(c.database())
                                .query(
                                        AttemptRows.fromSummary(c.database()),
                                        List.of(),
                                        Metric.EXECUTION,
                                        c.last(DAY),
                                        Duration.ofMinutes(1),
                                        Precision.EXACT)),
                new BenchQuery(
                        "Performance: the same from raw events (no summary table)",
                        "— (servers without it)",
                        c -> new LatencyQuery(c.database())
                                .query(
                                        AttemptRows.fromEvents(c.database()),
                                        List.of(),
                                        Metric.EXECUTION,
                                        c.last(DAY),
                                        Duration.ofMinutes(1),
                                        Precision.EXACT)),
                new BenchQuery(
                        "Performance: t-digest p50/p90/p99 by minute, 24 h",
                        "#5 24 h percentiles ≤ 500 ms",
                        c -> new LatencyQuery(c.database())
                                .query(
                                        AttemptRows.fromSummary(c.database()),
                                        c.rollup(),
                                        List.of(),
                                        Metric.EXECUTION,
                                        c.last(DAY),
                                        Duration.ofMinutes(1),
                                        Precision.APPROXIMATE)),
                new BenchQuery(
                        "Performance: exact percentiles by minute, 1 h",
                        "#5 1 h window ≤ 50 ms",
                        c -> new LatencyQuery(c.database())
                                .query(
                                        AttemptRows.fromSummary(c.database()),
                                        c.rollup(),
                                        List.of(),
                                        Metric.EXECUTION,
                                        c.last(Duration.ofHours(1)),
                                        Duration.ofMinutes(1),
                                        Precision.EXACT)),
                new BenchQuery(
                        "Performance: exact percentiles, 1 h in 30 s buckets (the tab's default)",
                        "#5 1 h window ≤ 50 ms",
                        c -> new LatencyQuery(c.database())
                                .query(
                                        AttemptRows.fromSummary(c.database()),
                                        c.rollup(),
                                        List.of(),
                                        Metric.EXECUTION,
                                        c.last(Duration.ofHours(1)),
                                        Duration.ofSeconds(30),
                                        Precision.EXACT)));
    }
}
