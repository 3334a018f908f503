package dev.callscope.ui.timeline;

import dev.callscope.batches.BatchQuery;
import dev.callscope.calls.EventField;
import dev.callscope.calls.EventSchema;
import dev.callscope.engine.Engine;
import dev.callscope.logs.LogField;
import dev.callscope.logs.LogLine;
import dev.callscope.logs.LogSchema;
import dev.callscope.logs.LogSearch;
import dev.callscope.logs.search.SearchExpr;
import dev.callscope.logs.search.TextStrategy;
import dev.callscope.time.TimeRange;
import dev.callscope.timeline.CallRebuild;
import dev.callscope.timeline.CallTimeline;
import dev.callscope.ui.common.LatestTaskRunner;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Fills the Timeline's call detail: the call as drawn at once, then everything read about it in the background. */
final class CallDetailLoader {

    private final LatestTaskRunner runner;
    private final CallDetailPane detail;

    CallDetailLoader(LatestTaskRunner runner, CallDetailPane detail) {
        this.runner = runner;
        this.detail = detail;
    }

    void cancel() {
        runner.cancel();
    }

    /** Shows {@code c} at once, then reads it again with its error texts, raw events, log lines and batch job. */
    void show(Engine engine, EventSchema events, LogSchema logSchema, CallTimeline c, Instant now) {
        detail.show(c, now);
        CallRebuild rb = new CallRebuild(events);
        LogSearch logs = logSchema.has(LogField.CALL) ? new LogSearch(logSchema, TextStrategy.SCAN) : null;
        Instant from = c.enqueuedAt().minus(Duration.ofMinutes(1));
        Instant to = c.end(now).plus(Duration.ofMinutes(5));
        runner.submit(
                engine,
                scope -> {
                    // the view's rebuild leaves error texts out; the one call is read again with them
                    List<CallTimeline> full = rb.forCall(scope, c.callId()).calls();
                    List<CallRebuild.RawEvent> raw = rb.events(scope, c.callId());
                    List<LogLine> lines = logs == null
                            ? List.of()
                            : logs.page(
                                            scope,
                                            new SearchExpr.FieldMatch(SearchExpr.Field.CALL, c.callId()),
                                            new TimeRange(from, to),
                                            null,
                                            500,
                                            null)
                                    .lines();
                    var input = events.has(EventField.BATCH)
                            ? new BatchQuery(events).inputOf(scope, c.callId())
                            : Optional.<BatchQuery.InputOf>empty();
                    return new CallDetails(full.isEmpty() ? c : full.getFirst(), raw, lines, input.orElse(null));
                },
                r -> {
                    detail.show(r.call(), now);
                    detail.showBatch(
                            r.input() == null ? null : r.input().batchId(),
                            r.input() == null ? 0 : r.input().index());
                    detail.showEvents(c.callId(), r.events());
                    detail.showLogs(c.callId(), r.logs().reversed());
                },
                error -> detail.showLogs(c.callId(), List.of()));
    }

    private record CallDetails(
            CallTimeline call, List<CallRebuild.RawEvent> events, List<LogLine> logs, BatchQuery.InputOf input) {}
}
