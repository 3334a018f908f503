package dev.callscope.logs;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Lines of one page, newest first.
 *
 * @param lines     the matches found so far
 * @param next      where the next page starts, or null when the range has no more matches
 * @param scannedTo how far back in time this page has looked (the whole range once complete)
 * @param rowsRead  rows the engine read for this page
 * @param elapsed   engine time for this page
 */
public record LogPage(List<LogLine> lines, LogCursor next, Instant scannedTo, long rowsRead, Duration elapsed) {

    public LogPage {
        lines = List.copyOf(lines);
    }

    public boolean hasMore() {
        return next != null;
    }
}
