package dev.callscope.ui.logs;

import dev.callscope.logs.FunctionNames;
import dev.callscope.logs.LogLine;
import dev.callscope.logs.search.TextStrategy;
import dev.callscope.ui.common.TimeZoneChoice;
import java.util.Locale;

/** How the Logs tab writes a line, a count and a search strategy for people. */
final class LogsText {

    private LogsText() {}

    /** A line as the detail pane's Copy puts it on the clipboard. */
    static String asText(LogLine l, TimeZoneChoice zone, FunctionNames names) {
        String function = names.named(l.functionId())
                ? names.function(l.functionId()) + " (" + l.functionId() + ")"
                : l.functionId();
        return zone.full(l.timestamp()) + " " + l.level() + " [" + l.stream() + "] " + function + " " + l.callId() + " "
                + l.containerId() + " " + l.message();
    }

    static String strategyName(TextStrategy s) {
        return switch (s) {
            case TEXT_INDEX -> "text index";
            case TOKEN_BLOOM_FILTER -> "token bloom filter";
            case SCAN -> "full scan (no index)";
        };
    }

    /** A row count in a few characters: 950, 12k, 3.4M; "?" when unknown. */
    static String compact(long n) {
        if (n < 0) {
            return "?";
        }
        if (n >= 1_000_000) {
            return String.format(Locale.ROOT, "%.1fM", n / 1e6);
        }
        if (n >= 10_000) {
            return String.format(Locale.ROOT, "%.0fk", n / 1e3);
        }
        return String.format(Locale.ROOT, "%,d", n);
    }
}
