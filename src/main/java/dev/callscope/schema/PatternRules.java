package dev.callscope.schema;

import java.util.List;

/**
 * How a log line becomes its pattern, the key the Patterns view groups by (docs/SEARCH.md,
 * "Patterns"). The message's telling line ({@link #tellingLine}), cut to {@link #MAX_CHARS}
 * characters, with what varies between lines of one kind folded into typed placeholders by the
 * {@link #RULES}, applied in order. ClickHouse computes it ({@link #sql}) over every matching line;
 * Callscope's logs table keeps it as a column written on insert ({@link #COLUMN}).
 */
public final class PatternRules {

    /** The logs table's column holding each line's pattern (see function_logs.sql). */
    public static final String COLUMN = "message_pattern";
    /** The column's comment: a column of other rules is not used (and is rewritten by {@code Schema}). */
    public static final String VERSION = "callscope-pattern-v2";
    /** A pattern is made from at most this many characters of the telling line. */
    public static final int MAX_CHARS = 400;

    /** One rule: an RE2 expression (ASCII {@code \b}, {@code \d}, {@code \s}) and what replaces each match. */
    public record Rule(String placeholder, String regex, String replacement) {}

    /** In order: an id's digits must not become numbers first, nor a path's. */
    public static final List<Rule> RULES = List.of(
            new Rule("<uuid>", "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}", "<uuid>"),
            // Callscope's and Modal's ids: two letters, a dash, a ULID (fc-01JD…, ta-01JD…)
            new Rule("<id>", "\\b[a-z]{2}-[0-9A-HJKMNP-TV-Z]{26}\\b", "<id>"),
            new Rule("<url>", "\\b[a-z][a-z0-9+.-]*://[^\\s\"'<>]+", "<url>"),
            new Rule("<quoted>", "\"[^\"\\n]*\"", "<quoted>"),
            // a quote after a letter is an apostrophe (don't), not the start of a quoted value
            new Rule("<quoted>", "(^|[^A-Za-z0-9])'[^'\\n]*'", "\\1<quoted>"),
            new Rule("<path>", "(^|[\\s=(:,\\[])(/[^\\s,;)\\]/]+)+/?", "\\1<path>"),
            new Rule("<ip>", "\\b\\d{1,3}(\\.\\d{1,3}){3}(:\\d+)?\\b", "<ip>"),
            new Rule("<duration>", "\\b\\d+(\\.\\d+)?\\s?(ns|us|µs|ms|s|m|min|h)\\b", "<duration>"),
            new Rule("<num>", "\\b\\d+(\\.\\d+)?\\b", "<num>"),
            // after numbers, so a run of digits alone is a number; request_id=b5049e1d562abaea is hex
            new Rule("<hex>", "\\b(0x)?[0-9a-fA-F]{8,}\\b", "<hex>"));

    private PatternRules() {}

    /**
     * The line of a message that says what happened: the message itself when it is one line; the
     * last non-blank line of a Python traceback (the exception); else the first line (a Java
     * exception's, or a heading). Spaces at its ends are cut. {@link #tellingLineSql} is the same in SQL.
     */
    public static String tellingLine(String message) {
        int newline = message.indexOf('\n');
        if (newline < 0) {
            return message;
        }
        if (message.startsWith("Traceback")) {
            String[] lines = message.split("\n", -1);
            for (int i = lines.length - 1; i >= 0; i--) {
                String line = trimSpaces(lines[i]);
                if (!line.isEmpty()) {
                    return line;
                }
            }
            return "";
        }
        return trimSpaces(message.substring(0, newline));
    }

    /** How many lines a message has beyond its first (0 for a one-line message). */
    public static int moreLines(String message) {
        int n = 0;
        for (int i = message.indexOf('\n'); i >= 0; i = message.indexOf('\n', i + 1)) {
            n++;
        }
        return n;
    }

    /** ClickHouse's trimBoth: spaces only. */
    private static String trimSpaces(String s) {
        int a = 0;
        int b = s.length();
        while (a < b && s.charAt(a) == ' ') {
            a++;
        }
        while (b > a && s.charAt(b - 1) == ' ') {
            b--;
        }
        return s.substring(a, b);
    }

    /** {@link #tellingLine} of the message expression {@code m}, in SQL. */
    public static String tellingLineSql(String m) {
        return "if(position(" + m + ", '\\n') = 0, " + m + ", trimBoth(if(startsWith(" + m + ", 'Traceback'),"
                + " arrayLast(x -> notEmpty(trimBoth(x)), splitByChar('\\n', " + m + ")), splitByChar('\\n', " + m
                + ")[1])))";
    }

    /** The pattern of the message expression {@code m} (a column or a checked mapping expression), in SQL. */
    public static String sql(String m) {
        String out = "substringUTF8(" + tellingLineSql(m) + ", 1, " + MAX_CHARS + ")";
        for (Rule r : RULES) {
            out = "replaceRegexpAll(" + out + ", " + literal(r.regex()) + ", " + literal(r.replacement()) + ")";
        }
        return out;
    }

    /** A ClickHouse string literal of {@code s}. */
    public static String literal(String s) {
        return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }
}
