package dev.callscope.logs.search;

import dev.callscope.logs.search.SearchExpr.FieldMatch;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Turns a {@link SearchExpr} into a WHERE condition on the logs table. The SQL text comes only
 * from the templates below; every piece of user text is a parameter. Word searches are
 * case-insensitive for ASCII letters under every {@link TextStrategy}, so all three return the
 * same rows; they differ only in which index ClickHouse can use.
 */
public final class SearchSql {

    private static final Pattern ULID = Pattern.compile("[0-9A-HJKMNP-TV-Z]{26}", Pattern.CASE_INSENSITIVE);
    /** A character that separates words (see {@link Tokens}), for RE2. */
    private static final String WORD_BOUNDARY = "(?:^|[^A-Za-z0-9\\x{80}-\\x{10FFFF}])";

    private final TextStrategy strategy;
    private final String eventsTable;
    private final Map<String, Object> params = new HashMap<>();

    private SearchSql(TextStrategy strategy, String eventsTable) {
        this.strategy = strategy;
        this.eventsTable = eventsTable;
    }

    /**
     * @param eventsTable the qualified events table, for {@code function:} and {@code app:} given by
     *                    name (code-defined identifier, never user text)
     */
    public static SqlCondition compile(SearchExpr expr, TextStrategy strategy, String eventsTable) {
        SearchSql compiler = new SearchSql(strategy, eventsTable);
        String sql = compiler.sql(expr);
        return new SqlCondition(sql, compiler.params);
    }

    private String sql(SearchExpr expr) {
        return switch (expr) {
            case SearchExpr.All a -> "1";
            case SearchExpr.Token t -> token(Tokens.lowerAscii(t.word()));
            case SearchExpr.Phrase p -> phrase(p.text());
            case SearchExpr.Prefix p -> "match(message, " + param("String", "(?i)" + WORD_BOUNDARY + quoteRegex(p.start())) + ")";
            case SearchExpr.Regex r -> "match(message, " + param("String", r.pattern()) + ")";
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
            case TEXT_INDEX -> "hasAllTokens(message, " + param("Array(String)", List.of(lowerWord)) + ")";
            case TOKEN_BLOOM_FILTER, SCAN -> "hasToken(lower(message), " + param("String", lowerWord) + ")";
        };
    }

    /**
     * Text anywhere, case-insensitive. Words inside the phrase (not at its edges, which may be
     * parts of longer words) must be whole words in any match, so an index can narrow the scan.
     */
    private String phrase(String text) {
        String position = "positionCaseInsensitive(message, " + param("String", text) + ") > 0";
        List<String> whole = wholeWords(text);
        if (whole.isEmpty() || strategy == TextStrategy.SCAN) {
            return position;
        }
        if (strategy == TextStrategy.TEXT_INDEX) {
            return "(hasAllTokens(message, " + param("Array(String)", whole) + ") AND " + position + ")";
        }
        StringBuilder out = new StringBuilder("(");
        for (String w : whole) {
            out.append("hasToken(lower(message), ").append(param("String", w)).append(") AND ");
        }
        return out.append(position).append(')').toString();
    }

    /** Lower-cased words that are bounded by separators inside {@code text} on both sides. */
    static List<String> wholeWords(String text) {
        List<String> out = new java.util.ArrayList<>();
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

    private String field(FieldMatch f) {
        return switch (f.field()) {
            case LEVEL -> "level = " + param("String", f.value());
            case STREAM -> "stream = " + param("String", f.value());
            case CALL -> "function_call_id = " + param("String", id("fc-", f.value()));
            case CONTAINER -> "container_id = " + param("String", id("ta-", f.value()));
            case FUNCTION -> looksLikeId("fu-", f.value())
                    ? "function_id = " + param("String", id("fu-", f.value()))
                    : "function_id IN (SELECT DISTINCT function_id FROM " + eventsTable
                            + " WHERE lower(function_name) = lower(" + param("String", f.value()) + "))";
            case APP -> looksLikeId("ap-", f.value())
                    ? "app_id = " + param("String", id("ap-", f.value()))
                    : "app_id IN (SELECT DISTINCT app_id FROM " + eventsTable
                            + " WHERE lower(app_name) = lower(" + param("String", f.value()) + "))";
        };
    }

    private static boolean looksLikeId(String prefix, String value) {
        String body = value.regionMatches(true, 0, prefix, 0, prefix.length()) ? value.substring(prefix.length()) : value;
        return ULID.matcher(body).matches();
    }

    /** Ids may be typed without their prefix or in lower case; stored ids are prefix + upper-case ULID. */
    static String id(String prefix, String value) {
        String body = value.regionMatches(true, 0, prefix, 0, prefix.length()) ? value.substring(prefix.length()) : value;
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
