package dev.callscope.logs;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * The patterns of a search as CSV, one row per pattern, most frequent first: its {@code count}
 * column sums to the search's total. {@code previous_count} is the previous period of the same
 * length; the functions are named (their ids beside).
 */
public final class PatternsCsv {

    public static final List<String> HEADER = List.of(
            "pattern",
            "count",
            "share",
            "previous_count",
            "change",
            "new",
            "first_seen",
            "last_seen",
            "levels",
            "function_names",
            "function_ids",
            "search");

    private PatternsCsv() {}

    public static void write(LogPatterns.Result r, FunctionNames names, OutputStream stream) throws IOException {
        Writer out = new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), 1 << 16);
        row(out, HEADER.toArray(String[]::new));
        for (LogPatterns.Pattern p : r.patterns()) {
            row(
                    out,
                    p.text(),
                    Long.toString(p.count()),
                    String.format(Locale.ROOT, "%.6f", r.total() == 0 ? 0 : (double) p.count() / r.total()),
                    p.previous() < 0 ? "" : Long.toString(p.previous()),
                    p.previous() < 0 ? "" : Long.toString(p.change()),
                    p.previous() < 0 ? "" : Boolean.toString(p.isNew()),
                    p.firstSeen() == null ? "" : p.firstSeen().toString(),
                    p.lastSeen() == null ? "" : p.lastSeen().toString(),
                    String.join(" ", p.levels()),
                    String.join(" ", p.functions().stream().map(names::function).toList()),
                    String.join(" ", p.functions()),
                    LogPatterns.searchTerm(p.text()));
        }
        out.flush();
    }

    private static void row(Writer out, String... fields) throws IOException {
        for (int i = 0; i < fields.length; i++) {
            if (i > 0) {
                out.write(',');
            }
            out.write('"');
            out.write(fields[i].replace("\"", "\"\""));
            out.write('"');
        }
        out.write("\r\n");
    }
}
