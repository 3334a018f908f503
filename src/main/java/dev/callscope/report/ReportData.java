package dev.callscope.report;

import dev.callscope.batches.BatchJob;
import dev.callscope.batches.BatchSummary;
import dev.callscope.callgraph.CallTree;
import dev.callscope.chart.LineChart;
import dev.callscope.functions.FunctionRow;
import dev.callscope.performance.LatencySeries;
import dev.callscope.time.TimeRange;
import java.time.Instant;
import java.util.List;

/**
 * Everything a report shows, gathered before anything is drawn.
 *
 * @param subject     what the report is about ("all functions", a function's or an app's name)
 * @param server      the engine's description
 * @param functions   the functions table rows in scope
 * @param latency     execution percentiles per bucket
 * @param scaling     the scaling chart (one function) or null
 * @param topErrors   the most frequent error lines (normalised) with their counts
 * @param slowest     the slowest calls with their stages
 * @param batches     the batch jobs with an input enqueued in the range, each counted whole
 * @param largestJob  the one of them with the most inputs, or null
 * @param slowestTree the call tree that took longest with a call in the range, or null
 */
public record ReportData(
        String subject,
        TimeRange range,
        String server,
        Instant generatedAt,
        List<FunctionRow> functions,
        LatencySeries latency,
        LineChart scaling,
        List<ErrorLine> topErrors,
        List<SlowCall> slowest,
        List<BatchSummary> batches,
        BatchJob largestJob,
        CallTree slowestTree) {

    public record ErrorLine(String pattern, long count, String example) {}

    public record SlowCall(
            String callId,
            String function,
            String status,
            double endToEndMs,
            double queueMs,
            double coldStartMs,
            double runMs) {}
}
