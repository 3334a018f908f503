package dev.callscope.cli;

import dev.callscope.calls.EventSchema;
import dev.callscope.calls.FunctionDirectory;
import dev.callscope.engine.Engine;
import dev.callscope.time.DataNow;
import dev.callscope.time.TimeRange;
import dev.callscope.time.TimeSpec;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

/**
 * {@code --from}/{@code --to} as the export and report commands read them: ISO-8601, {@code now-1d},
 * or a local date-time in {@code --zone}; "now" is the newest event when the data stopped earlier.
 */
final class RangeArgs {

    private RangeArgs() {}

    /** @throws IllegalArgumentException with a one-line reason */
    static TimeRange resolve(
            Engine engine, EventSchema events, String from, String to, ZoneId zone, Duration defaultSpan) {
        Instant now = DataNow.of(new FunctionDirectory(events).newestEvent(engine), Instant.now());
        Instant end = to == null ? now : TimeSpec.instant(to, zone, now, null);
        Instant start = from == null ? end.minus(defaultSpan) : TimeSpec.instant(from, zone, now, null);
        return TimeRange.readable(start, end);
    }
}
