package dev.callscope.logs;

import java.time.Instant;

/** One log line as stored, with the cursor that places it in newest-first order. */
public record LogLine(
        Instant timestamp,
        String level,
        String stream,
        String appId,
        String functionId,
        String callId,
        String containerId,
        String message,
        long tiebreak) {

    public LogCursor cursor() {
        return new LogCursor(timestamp, tiebreak);
    }
}
