package dev.callscope.cli;

import dev.callscope.engine.Engine;
import dev.callscope.logs.FunctionNames;
import dev.callscope.logs.LogIndexProbe;
import dev.callscope.logs.LogPatterns;
import dev.callscope.logs.LogSchema;
import dev.callscope.logs.PatternsCsv;
import dev.callscope.logs.search.SearchExpr;
import dev.callscope.logs.search.SearchParser;
import dev.callscope.logs.search.SearchSyntaxException;
import dev.callscope.platform.AtomicFiles;
import dev.callscope.time.TimeRange;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

/** {@code callscope export log-patterns}: the Logs tab's Patterns as CSV, one row per pattern, counts summing to the search's total. */
final class LogPatternsExport {

    private LogPatternsExport() {}

    static int write(
            CommandSupport support,
            Engine engine,
            LogSchema logs,
            String search,
            TimeRange range,
            Path out,
            boolean quiet) {
        SearchExpr expr;
        try {
            expr = SearchParser.parse(search);
        } catch (SearchSyntaxException e) {
            return support.usageError(
                    "the search does not read: " + e.getMessage() + " (at character " + (e.position() + 1) + ")");
        }
        var logSearch = LogIndexProbe.search(engine, logs);
        String unsupported = logSearch.unsupported(expr);
        if (unsupported != null) {
            return support.usageError(unsupported);
        }
        if (!quiet) {
            support.err().println("Grouping the matches in " + range.from() + " .. " + range.to() + " into patterns…");
        }
        LogPatterns.Result r = new LogPatterns(logSearch).patterns(engine, expr, range, partial -> {
            if (!quiet) {
                support.err()
                        .printf(Locale.ROOT, "  %,d matches since %s so far%n", partial.total(), partial.readFrom());
            }
        });
        FunctionNames names = FunctionNames.load(engine, logs);
        try {
            AtomicFiles.write(out, o -> PatternsCsv.write(r, names, o));
        } catch (IOException e) {
            return support.cannotWrite(out, e);
        }
        if (!quiet) {
            support.err()
                    .printf(
                            Locale.ROOT,
                            "Wrote %,d patterns over %,d matches to %s%n",
                            r.patterns().size(),
                            r.total(),
                            out);
        }
        return CommandSupport.OK;
    }
}
