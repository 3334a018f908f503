package dev.callscope.ui.functions;

import dev.callscope.functions.FunctionRow;
import dev.callscope.functions.FunctionStats;
import dev.callscope.time.TimeRange;
import java.time.ZoneId;
import java.util.Locale;

/** The Functions tab's status line for a table read: what it counted, and what it is still counting. */
final class FunctionsStatus {

    private FunctionsStatus() {}

    static String text(FunctionStats.Result r, TimeRange asked, ZoneId zone, long millis) {
        boolean counting = r.rows().stream().anyMatch(f -> f.noFinishEvent() == FunctionRow.NOT_COUNTED);
        long open = counting
                ? 0
                : r.rows().stream().mapToLong(FunctionRow::noFinishEvent).sum();
        // the table counts calls finished in whole 30-second slots: say so when that is not the range asked,
        // last (the line may be cut at the window's edge: the counts come first)
        String read = r.read().equals(asked) ? "" : " · finished in " + r.read().text(zone);
        return String.format(
                Locale.ROOT,
                "%d functions · %,d calls finished%s · %d ms%s",
                r.rows().size(),
                r.rows().stream().mapToLong(FunctionRow::calls).sum(),
                counting
                        ? " · counting calls with no finish event…"
                        : open == 0 ? "" : String.format(Locale.ROOT, " · %,d with no finish event", open),
                millis,
                read);
    }
}
