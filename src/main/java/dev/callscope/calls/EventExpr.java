package dev.callscope.calls;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A column or SQL expression a user maps an event field to, checked before it may appear in SQL.
 * Unlike a log field (a small grammar: {@code logs.ColumnExpr}), an event field often needs real
 * SQL — {@code multiIf(outcome = 'ok', 'success', 'failure')}, {@code fromUnixTimestamp64Milli(ts)} —
 * so any expression is accepted that stays one expression over one row of the user's table: it is
 * tokenized here, and refused if it holds {@code ;}, a comment, a {@code {placeholder}} (which would
 * meet the query's own bound parameters), a quoted identifier, unbalanced brackets, or a word that
 * starts another clause or query ({@code SELECT}, {@code FROM}, {@code UNION}, {@code SETTINGS},
 * {@code AS}, ...), or a function not on {@link MappingFunctions}' allow-list (a function of the
 * row's own values: nothing that reads files, URLs, other tables, dictionaries or the session).
 * What remains is checked by the server itself ({@link EventSchemaCheck}: a dry run that reads no
 * rows), and every remote read runs read-only under the connection's guardrails.
 *
 * @param sql     the expression as typed, stripped
 * @param columns the identifiers it reads that look like columns (not functions, keywords or
 *                lambda parameters), for naming missing columns
 */
public record EventExpr(String sql, List<String> columns) {

    private static final int MAX_LENGTH = 500;
    private static final Set<String> CLAUSES = Set.of(
            "select",
            "from",
            "union",
            "intersect",
            "except",
            "with",
            "into",
            "insert",
            "settings",
            "format",
            "join",
            "where",
            "prewhere",
            "group",
            "order",
            "limit",
            "having",
            "over",
            "window",
            "qualify",
            "as",
            "array",
            "final",
            "sample",
            "offset",
            "alter",
            "drop",
            "create",
            "system",
            "kill",
            "set",
            "use",
            "grant",
            "attach",
            "detach",
            "optimize",
            "truncate",
            "rename",
            "delete",
            "update");
    private static final Set<String> KEYWORDS = Set.of(
            "case",
            "when",
            "then",
            "else",
            "end",
            "and",
            "or",
            "not",
            "in",
            "is",
            "null",
            "like",
            "ilike",
            "between",
            "interval",
            "true",
            "false",
            "second",
            "minute",
            "hour",
            "day",
            "week",
            "month",
            "year",
            "distinct",
            "global",
            "asc",
            "desc");

    public EventExpr {
        columns = List.copyOf(columns);
    }

    /** Checks {@code text}; throws {@link IllegalArgumentException} with a sentence saying what is wrong. */
    public static EventExpr parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("A column name or expression is needed");
        }
        String s = text.strip();
        if (s.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("An expression is at most " + MAX_LENGTH + " characters");
        }
        List<String> columns = new ArrayList<>();
        int depth = 0;
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '\'') {
                i = endOfString(s, i);
                continue;
            }
            if (c == '-' && i + 1 < s.length() && s.charAt(i + 1) == '-'
                    || c == '/' && i + 1 < s.length() && s.charAt(i + 1) == '*'
                    || c == '#') {
                throw error("Comments are not allowed", s, i);
            }
            if (c == ';') {
                throw error("Only one expression: ';' is not allowed", s, i);
            }
            if (c == '{' || c == '}') {
                throw error("Braces are not allowed (they mark query parameters)", s, i);
            }
            if (c == '`' || c == '"') {
                throw error("Quoted names are not supported: use a plain column name", s, i);
            }
            if (c == '(' || c == '[') {
                depth++;
            } else if (c == ')' || c == ']') {
                if (--depth < 0) {
                    throw error("Unbalanced '" + c + "'", s, i);
                }
            }
            if (Character.isLetter(c) || c == '_') {
                int start = i;
                while (i < s.length()
                        && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_' || s.charAt(i) == '.')) {
                    i++;
                }
                String word = s.substring(start, i);
                String lower = word.toLowerCase(Locale.ROOT);
                if (CLAUSES.contains(lower)) {
                    throw error("'" + word + "' is not allowed: map a field to one expression over one row", s, start);
                }
                int next = skipSpaces(s, i);
                boolean call = next < s.length() && s.charAt(next) == '(';
                boolean lambda = s.startsWith("->", next);
                if (call && !KEYWORDS.contains(lower) && !MappingFunctions.allowed(word)) {
                    throw error(
                            "The function " + word + " is not allowed in a mapping (only functions of the row's own"
                                    + " values are)",
                            s,
                            start);
                }
                boolean afterDot = start > 0 && s.charAt(start - 1) == '.';
                if (!call && !lambda && !afterDot && !KEYWORDS.contains(lower) && !columns.contains(word)) {
                    columns.add(word);
                }
                continue;
            }
            if (Character.isDigit(c)) { // a number, 1e6 or 0x1F included: never a column
                while (i < s.length()
                        && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '.' || s.charAt(i) == '_')) {
                    i++;
                }
                continue;
            }
            if (!Character.isWhitespace(c) && "()[],.+-*/%<>=!?:|".indexOf(c) < 0) {
                throw error("Unexpected '" + c + "'", s, i);
            }
            i++;
        }
        if (depth != 0) {
            throw error("Unbalanced brackets", s, s.length() - 1);
        }
        return new EventExpr(s, columns);
    }

    /** True when this is just a column name (checked against {@code system.columns} by name). */
    public boolean isPlainColumn() {
        return columns.size() == 1 && columns.getFirst().equals(sql);
    }

    @Override
    public String toString() {
        return sql;
    }

    /** The index after a quoted literal starting at {@code i} ({@code \'} and {@code ''} escape a quote). */
    private static int endOfString(String s, int i) {
        int j = i + 1;
        while (j < s.length()) {
            char c = s.charAt(j);
            if (c == '\\') {
                j += 2;
            } else if (c == '\'') {
                if (j + 1 < s.length() && s.charAt(j + 1) == '\'') {
                    j += 2;
                } else {
                    return j + 1;
                }
            } else {
                j++;
            }
        }
        throw error("Unclosed quote", s, i);
    }

    private static int skipSpaces(String s, int i) {
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        return i;
    }

    private static IllegalArgumentException error(String message, String text, int pos) {
        return new IllegalArgumentException(message + " at position " + (pos + 1) + " of \"" + text + "\"");
    }
}
