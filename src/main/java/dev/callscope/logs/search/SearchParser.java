package dev.callscope.logs.search;

import dev.callscope.logs.search.SearchExpr.And;
import dev.callscope.logs.search.SearchExpr.Field;
import dev.callscope.logs.search.SearchExpr.FieldMatch;
import dev.callscope.logs.search.SearchExpr.Not;
import dev.callscope.logs.search.SearchExpr.Or;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads the log search language (docs/SEARCH.md): words, {@code "phrases"}, {@code -term} and
 * {@code NOT}, {@code OR} (binds looser than the implicit AND), parentheses, {@code field:value},
 * {@code prefix*} and {@code /regex/}. Never throws anything but {@link SearchSyntaxException}.
 */
public final class SearchParser {

    /** Longer searches are refused rather than turned into enormous SQL. */
    public static final int MAX_LENGTH = 2_000;

    public static final int MAX_TERMS = 64;
    private static final int MAX_DEPTH = 16;

    private final String text;
    private int pos;
    private int terms;
    private int depth;

    private SearchParser(String text) {
        this.text = text;
    }

    public static SearchExpr parse(String text) throws SearchSyntaxException {
        if (text == null || text.isBlank()) {
            return new SearchExpr.All();
        }
        if (text.length() > MAX_LENGTH) {
            throw new SearchSyntaxException("The search is longer than " + MAX_LENGTH + " characters", MAX_LENGTH);
        }
        SearchParser p = new SearchParser(withoutLoneSurrogates(text));
        SearchExpr expr = p.orExpr();
        p.skipSpace();
        if (p.pos < text.length()) {
            throw new SearchSyntaxException(text.charAt(p.pos) == ')' ? "Unmatched ')'" : "Unexpected text", p.pos);
        }
        return expr;
    }

    /**
     * A lone UTF-16 surrogate cannot be sent as UTF-8 (it would arrive as '?', a separator);
     * it becomes U+FFFD, which ClickHouse, like {@link Tokens}, reads as part of a word.
     */
    private static String withoutLoneSurrogates(String text) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean paired = Character.isHighSurrogate(c)
                    && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1));
            if (paired) {
                if (out != null) {
                    out.append(c).append(text.charAt(i + 1));
                }
                i++;
                continue;
            }
            if (Character.isSurrogate(c)) {
                if (out == null) {
                    out = new StringBuilder(text.substring(0, i));
                }
                out.append('\uFFFD');
            } else if (out != null) {
                out.append(c);
            }
        }
        return out == null ? text : out.toString();
    }

    private SearchExpr orExpr() throws SearchSyntaxException {
        List<SearchExpr> parts = new ArrayList<>();
        parts.add(andExpr());
        while (keywordAhead("OR")) {
            int at = pos;
            pos += 2;
            if (atEndOfGroup()) {
                throw new SearchSyntaxException("OR needs a term after it", at);
            }
            parts.add(andExpr());
        }
        return parts.size() == 1 ? parts.getFirst() : new Or(parts);
    }

    private SearchExpr andExpr() throws SearchSyntaxException {
        List<SearchExpr> parts = new ArrayList<>();
        while (true) {
            skipSpace();
            if (atEndOfGroup() || keywordAhead("OR")) {
                break;
            }
            if (keywordAhead("AND")) {
                int at = pos;
                pos += 3;
                skipSpace();
                if (atEndOfGroup() || keywordAhead("OR") || parts.isEmpty()) {
                    throw new SearchSyntaxException("AND needs a term on each side", at);
                }
                continue;
            }
            parts.add(unary());
        }
        if (parts.isEmpty()) {
            throw new SearchSyntaxException(
                    pos < text.length() && text.charAt(pos) == ')' ? "Empty parentheses" : "Expected a search term",
                    pos);
        }
        return parts.size() == 1 ? parts.getFirst() : new And(parts);
    }

    private SearchExpr unary() throws SearchSyntaxException {
        skipSpace();
        int at = pos;
        if (keywordAhead("NOT")) {
            pos += 3;
            return negate(at);
        }
        if (text.charAt(pos) == '-' && pos + 1 < text.length() && !Character.isWhitespace(text.charAt(pos + 1))) {
            pos++;
            return negate(at);
        }
        if (text.charAt(pos) == '(') {
            if (++depth > MAX_DEPTH) {
                throw new SearchSyntaxException("Too many nested parentheses", pos);
            }
            pos++;
            skipSpace();
            if (pos < text.length() && text.charAt(pos) == ')') {
                throw new SearchSyntaxException("Empty parentheses", at);
            }
            SearchExpr inner = orExpr();
            skipSpace();
            if (pos >= text.length() || text.charAt(pos) != ')') {
                throw new SearchSyntaxException("Missing ')'", at);
            }
            pos++;
            depth--;
            return inner;
        }
        return atom();
    }

    private SearchExpr negate(int at) throws SearchSyntaxException {
        skipSpace();
        if (atEndOfGroup()) {
            throw new SearchSyntaxException("NOT needs a term after it", at);
        }
        SearchExpr inner = unary();
        return inner instanceof Not not ? not.inner() : new Not(inner);
    }

    private SearchExpr atom() throws SearchSyntaxException {
        if (++terms > MAX_TERMS) {
            throw new SearchSyntaxException("More than " + MAX_TERMS + " search terms", pos);
        }
        char c = text.charAt(pos);
        if (c == '"') {
            // quoting is how people ask for text anywhere: "err" finds error and terror, even as one word
            return new SearchExpr.Phrase(quoted('"', "Missing closing quote"));
        }
        if (c == '/') {
            int at = pos;
            String pattern = quoted('/', "Missing closing '/' for the regular expression");
            if (pattern.isEmpty()) {
                throw new SearchSyntaxException("Empty regular expression", at);
            }
            return new SearchExpr.Regex(pattern);
        }
        int start = pos;
        String word = bareWord();
        int colon = word.indexOf(':');
        if (colon > 0) {
            Field field = Field.byKeyword(word.substring(0, colon));
            if (field != null) {
                return fieldMatch(field, start, start + colon + 1, word.substring(colon + 1));
            }
        }
        return wordTerm(word, start);
    }

    private SearchExpr fieldMatch(Field field, int start, int valueStart, String inlineValue)
            throws SearchSyntaxException {
        String value = inlineValue;
        if (value.isEmpty() && pos < text.length() && text.charAt(pos) == '"') {
            value = quoted('"', "Missing closing quote");
        }
        value = value.strip();
        if (value.isEmpty()) {
            throw new SearchSyntaxException(field.keyword() + ": needs a value", start);
        }
        return switch (field) {
            case LEVEL -> new FieldMatch(field, level(value, valueStart));
            case STREAM -> new FieldMatch(field, stream(value, valueStart));
            default -> new FieldMatch(field, value);
        };
    }

    private static String level(String value, int at) throws SearchSyntaxException {
        String v = value.toUpperCase(Locale.ROOT);
        return switch (v) {
            case "DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL" -> v;
            case "WARN" -> "WARNING";
            case "ERR" -> "ERROR";
            case "CRIT", "FATAL" -> "CRITICAL";
            default -> throw new SearchSyntaxException("level: is one of debug, info, warning, error, critical", at);
        };
    }

    private static String stream(String value, int at) throws SearchSyntaxException {
        String v = value.toLowerCase(Locale.ROOT);
        if (!v.equals("stdout") && !v.equals("stderr") && !v.equals("system")) {
            throw new SearchSyntaxException("stream: is one of stdout, stderr, system", at);
        }
        return v;
    }

    private SearchExpr wordTerm(String word, int start) throws SearchSyntaxException {
        if (word.endsWith("*")) {
            String stem = word.substring(0, word.length() - 1);
            List<String> tokens = Tokens.of(stem);
            if (tokens.size() != 1 || !tokens.getFirst().equals(stem)) {
                throw new SearchSyntaxException("A * wildcard goes at the end of one plain word, like err*", start);
            }
            return new SearchExpr.Prefix(stem);
        }
        if (word.indexOf('*') >= 0) {
            throw new SearchSyntaxException(
                    "A * wildcard goes at the end of a word, like err*", start + word.indexOf('*'));
        }
        return phraseOrWords(word);
    }

    /** One plain word is a token match; anything with punctuation or spaces matches as text. */
    private static SearchExpr phraseOrWords(String text) {
        List<String> tokens = Tokens.of(text);
        if (tokens.size() == 1 && tokens.getFirst().equals(text)) {
            return new SearchExpr.Token(text);
        }
        return new SearchExpr.Phrase(text);
    }

    /** Reads text between delimiters; a backslash escapes the delimiter or itself. */
    private String quoted(char delimiter, String unterminated) throws SearchSyntaxException {
        int at = pos;
        pos++;
        StringBuilder out = new StringBuilder();
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == '\\'
                    && pos + 1 < text.length()
                    && (text.charAt(pos + 1) == delimiter || text.charAt(pos + 1) == '\\')) {
                // in a regex keep the backslash before a backslash: it is the regex's own escape
                if (delimiter == '/' && text.charAt(pos + 1) == '\\') {
                    out.append('\\');
                }
                out.append(text.charAt(pos + 1));
                pos += 2;
                continue;
            }
            if (c == delimiter) {
                pos++;
                return out.toString();
            }
            out.append(c);
            pos++;
        }
        throw new SearchSyntaxException(unterminated, at);
    }

    private String bareWord() {
        int start = pos;
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (Character.isWhitespace(c) || c == '(' || c == ')') {
                break;
            }
            if (c == '"' && pos > start && text.charAt(pos - 1) == ':') {
                break; // field:"quoted value"
            }
            pos++;
        }
        return text.substring(start, pos);
    }

    private boolean keywordAhead(String keyword) {
        skipSpace();
        int end = pos + keyword.length();
        return text.startsWith(keyword, pos)
                && (end == text.length() || Character.isWhitespace(text.charAt(end)) || text.charAt(end) == '(');
    }

    private boolean atEndOfGroup() {
        skipSpace();
        return pos >= text.length() || (text.charAt(pos) == ')' && depth > 0) || text.charAt(pos) == ')';
    }

    private void skipSpace() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }
}
