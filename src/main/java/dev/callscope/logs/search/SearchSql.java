package dev.callscope.logs.search;

import dev.callscope.logs.LogField;
import dev.callscope.logs.LogSchema;
import dev.callscope.logs.search.SearchExpr.FieldMatch;
import dev.callscope.schema.PatternRules;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Turns a {@link SearchExpr} into a WHERE condition on the logs table. The SQL text comes only
 * from the templates below and the table's {@link LogSchema} (whose column expressions are checked
 * against a grammar); every piece of user text is a parameter. Word searches are
 * case-insensitive for ASCII letters under every {@link TextStrategy}, so all three return the
 * same rows; they differ only in which index ClickHouse can use.
 */
public final class SearchSql {

    private static final Pattern ULID = Pattern.compile("[0-9A-HJKMNP-TV-Z]{26}", Pattern.CASE_INSENSITIVE);
    /** A character that separates words (see {@link Tokens}), for RE2. */
    private static final String WORD_BOUNDARY = "(?:^|[^A-Za-z0-9\\x{80}-\\x{10FFFF}])";

    private final TextStrategy strategy;
    private final LogSchema schema;
    private final String message;
    /** A line's pattern in SQL: the table's pattern column, or the rules applied to the message. */
    private final String pattern;

    private final Map<String, Object> params = new HashMap<>();

    private SearchSql(TextStrategy strategy, LogSchema schema, String pattern) {
        this.strategy = strategy;
        this.schema = schema;
        this.message = schema.sql(LogField.MESSAGE);
        this.pattern = pattern != null ? pattern : PatternRules.sql(message);
    }

    /**
     * @throws IllegalArgumentException when {@code expr} filters on a field the schema lacks
     *                                  (see {@link #unsupported})
     */
    public static SqlCondition compile(SearchExpr expr, TextStrategy strategy, LogSchema schema) {
        return compile(expr, strategy, schema, null);
    }

    /** @param pattern the SQL of a line's pattern (a column of the current rules), or null to compute it from the message */
    public static SqlCondition compile(SearchExpr expr, TextStrategy strategy, LogSchema schema, String pattern) {
        String missing = unsupported(expr, schema);
        if (missing != null) {
            throw new IllegalArgumentException(missing);
        }
        SearchSql compiler = new SearchSql(strategy, schema, pattern);
        String sql = compiler.sql(expr);
        return new SqlCondition(sql, compiler.params);
    }

    private String sql(SearchExpr expr) {
        return switch (expr) {
            case SearchExpr.All a -> "1";
            case SearchExpr.Token t -> token(Tokens.lowerAscii(t.word()));
            case SearchExpr.Phrase p -> phrase(p.text());
            case SearchExpr.Prefix p ->
                "match(" + message + ", " + param("String", "(?i)" + WORD_BOUNDARY + quoteRegex(p.start())) + ")";
            case SearchExpr.Regex r -> "match(" + message + ", " + param("String", r.pattern()) + ")";
            case FieldMatch f -> field(f);
            case SearchExpr.Not n -> "NOT (" + sql(n.inner()) + ")";
            case SearchExpr.And a -> join(a.parts(), " AND ");
            case SearchExpr.Or o -> join(o.parts(), " OR ");
        };
    }

    private String join(List<SearchExpr> parts, String operator) {
        StringBuilder out = new StringBuilder("(");
        for (int i = 0; i < parts.size(); i++) {
            if (i > 0) {
                out.append(operator);
            }
            out.append(sql(parts.get(i)));
        }
        return out.append(')').toString();
    }

    private String token(String lowerWord) {
        return switch (strategy) {
            case TEXT_INDEX -> "hasAllTokens(" + message + ", " + param("Array(String)", List.of(lowerWord)) + ")";
            case TOKEN_BLOOM_FILTER, SCAN -> "hasToken(lower(" + message + "), " + param("String", lowerWord) + ")";
        };
    }

    /**
     * Text anywhere, case-insensitive. Words inside the phrase (not at its edges, which may be
     * parts of longer words) must be whole words in any match, so an index can narrow the scan.
     */
    private String phrase(String text) {
        // lower() and positionCaseInsensitive both fold ASCII only, so this is the same test; a
        // case-sensitive search of the lowered text scans 1.6x faster (42M vs 26M lines/s here)
        String position = "position(lower(" + message + "), " + param("String", Tokens.lowerAscii(text)) + ") > 0";
        List<String> whole = wholeWords(text);
        if (whole.isEmpty() || strategy == TextStrategy.SCAN) {
            return position;
        }
        if (strategy == TextStrategy.TEXT_INDEX) {
            return "(hasAllTokens(" + message + ", " + param("Array(String)", whole) + ") AND " + position + ")";
        }
        StringBuilder out = new StringBuilder("(");
        for (String w : whole) {
            out.append("hasToken(lower(")
                    .append(message)
                    .append("), ")
                    .append(param("String", w))
                    .append(") AND ");
        }
        return out.append(position).append(')').toString();
    }

    /** Lower-cased words that are bounded by separators inside {@code text} on both sides. */
    static List<String> wholeWords(String text) {
        List<String> out = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            if (!Tokens.isWordChar(text.charAt(i))) {
                i++;
                continue;
            }
            int start = i;
            while (i < text.length() && Tokens.isWordChar(text.charAt(i))) {
                i++;
            }
            if (start > 0 && i < text.length()) {
                out.add(Tokens.lowerAscii(text.substring(start, i)));
            }
        }
        return out.stream().distinct().limit(16).toList();
    }

    /** The message for the first field {@code expr} filters on that {@code schema} lacks, or null. */
    public static String unsupported(SearchExpr expr, LogSchema schema) {
        return switch (expr) {
            case FieldMatch f ->
                schema.has(LogField.of(f.field()))
                        ? null
                        : schema.missingMessage(LogField.of(f.field())) + ", so "
                                + f.field().keyword() + ": cannot be searched";
            case SearchExpr.Not n -> unsupported(n.inner(), schema);
            case SearchExpr.And a ->
                a.parts().stream()
                        .map(p -> unsupported(p, schema))
                        .filter(m -> m != null)
                        .findFirst()
                        .orElse(null);
            case SearchExpr.Or o ->
                o.parts().stream()
                        .map(p -> unsupported(p, schema))
                        .filter(m -> m != null)
                        .findFirst()
                        .orElse(null);
            default -> null;
        };
    }

    private String field(FieldMatch f) {
        String column = schema.sql(LogField.of(f.field()));
        return switch (f.field()) {
            // levels are compared as upper-case text, so an Enum, SeverityText and synonyms (WARN) all match
            // Callscope's own level is an Enum8 of exactly the five names: compared as the enum (a string
            // per line made level:error 7x slower over 131M lines)
            case LEVEL ->
                schema.canonical()
                        ? column + " = " + param("String", f.value())
                        : "has(" + param("Array(String)", levelNames(f.value())) + ", upper(toString(" + column + ")))";
            case STREAM -> column + " = " + param("String", f.value());
            case CALL -> idMatch(column, "fc-", f.value());
            case CONTAINER -> idMatch(column, "ta-", f.value());
            case FUNCTION -> nameOrId(column, "fu-", "function_id", "function_name", f.value());
            case APP -> nameOrId(column, "ap-", "app_id", "app_name", f.value());
            case PATTERN -> pattern(f.value());
        };
    }

    /**
     * Lines whose pattern is exactly {@code value}. The words of its literal text (between
     * placeholders, not touching one) are words of every such line, so an index can narrow the
     * lines compared: the comparison alone decides.
     */
    private String pattern(String value) {
        String same = pattern + " = " + param("String", value);
        // the words at the literal's own edges touch a placeholder (or the cut at MAX_CHARS): only inner ones
        List<String> inner = new ArrayList<>();
        for (String literal : PLACEHOLDER.split(value, -1)) {
            inner.addAll(wholeWords(literal));
        }
        List<String> distinct = inner.stream().distinct().limit(16).toList();
        if (distinct.isEmpty() || strategy == TextStrategy.SCAN) {
            return same;
        }
        if (strategy == TextStrategy.TEXT_INDEX) {
            return "(hasAllTokens(" + message + ", " + param("Array(String)", distinct) + ") AND " + same + ")";
        }
        StringBuilder out = new StringBuilder("(");
        for (String w : distinct) {
            out.append("hasToken(lower(")
                    .append(message)
                    .append("), ")
                    .append(param("String", w))
                    .append(") AND ");
        }
        return out.append(same).append(')').toString();
    }

    /** The placeholders {@code PatternRules} writes. */
    private static final Pattern PLACEHOLDER = Pattern.compile(PatternRules.RULES.stream()
            .map(r -> Pattern.quote(r.placeholder()))
            .distinct()
            .collect(Collectors.joining("|")));

    /** The spellings a level goes by: Callscope's names, OpenTelemetry's severity texts, syslog's. */
    static List<String> levelNames(String level) {
        return switch (level) {
            case "WARNING" -> List.of("WARNING", "WARN");
            case "ERROR" -> List.of("ERROR", "ERR");
            case "CRITICAL" -> List.of("CRITICAL", "FATAL", "CRIT");
            case "DEBUG" -> List.of("DEBUG", "TRACE");
            default -> List.of(level);
        };
    }

    private String idMatch(String column, String prefix, String value) {
        return schema.callscopeIds()
                ? column + " = " + param("String", id(prefix, value))
                : column + " = " + param("String", value);
    }

    /** An id, or a name: looked up in Callscope's events table when there is one, else compared with the column ignoring case. */
    private String nameOrId(String column, String prefix, String idColumn, String nameColumn, String value) {
        if (schema.eventsTable() == null) {
            return "lower(toString(" + column + ")) = lower(" + param("String", value) + ")";
        }
        return looksLikeId(prefix, value)
                ? column + " = " + param("String", id(prefix, value))
                : column + " IN (SELECT DISTINCT " + idColumn + " FROM " + schema.eventsTable() + " WHERE lower("
                        + nameColumn + ") = lower(" + param("String", value) + "))";
    }

    private static boolean looksLikeId(String prefix, String value) {
        String body =
                value.regionMatches(true, 0, prefix, 0, prefix.length()) ? value.substring(prefix.length()) : value;
        return ULID.matcher(body).matches();
    }

    /** Ids may be typed without their prefix or in lower case; stored ids are prefix + upper-case ULID. */
    static String id(String prefix, String value) {
        String body =
                value.regionMatches(true, 0, prefix, 0, prefix.length()) ? value.substring(prefix.length()) : value;
        return ULID.matcher(body).matches() ? prefix + body.toUpperCase(Locale.ROOT) : value;
    }

    private String param(String type, Object value) {
        String name = "s" + params.size();
        params.put(name, value);
        return "{" + name + ":" + type + "}";
    }

    /** Writes every ASCII character other than letters and digits as {@code \x{hh}}, which RE2 reads literally. */
    static String quoteRegex(String text) {
        StringBuilder out = new StringBuilder();
        text.codePoints().forEach(cp -> {
            if (cp < 0x80 && !Character.isLetterOrDigit(cp)) {
                out.append("\\x{").append(Integer.toHexString(cp)).append('}');
            } else {
                out.appendCodePoint(cp);
            }
        });
        return out.toString();
    }
}
