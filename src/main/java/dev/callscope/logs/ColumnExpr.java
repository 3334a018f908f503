package dev.callscope.logs;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A column reference a user may map a field to, checked against a small grammar before it may
 * appear in SQL: a column ({@code Body}, {@code log.level}), a map or array element with a plain
 * literal key ({@code ResourceAttributes['k8s.pod.name']}), or one of a few functions of those
 * ({@code toString(level)}). Anything else is refused, so a mapping cannot smuggle SQL in.
 *
 * @param sql     the expression, normalised (no spaces)
 * @param columns the table columns it reads, for checking against {@code system.columns}
 */
public record ColumnExpr(String sql, List<String> columns) {

    private static final Set<String> FUNCTIONS = Set.of("toString", "lower", "upper", "trimBoth");
    private static final int MAX_LENGTH = 200;

    public ColumnExpr {
        columns = List.copyOf(columns);
    }

    /** Parses {@code text}; throws {@link IllegalArgumentException} with a message saying what is wrong. */
    public static ColumnExpr parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("A column name is needed");
        }
        if (text.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("A column expression is at most " + MAX_LENGTH + " characters");
        }
        Parser p = new Parser(text.strip());
        String sql = p.expr();
        if (p.pos != p.text.length()) {
            throw p.error("Unexpected '" + p.text.charAt(p.pos) + "'");
        }
        return new ColumnExpr(sql, p.columns);
    }

    /** True when this is just a column name. */
    public boolean isPlainColumn() {
        return columns.size() == 1 && columns.getFirst().equals(sql);
    }

    @Override
    public String toString() {
        return sql;
    }

    private static final class Parser {
        private final String text;
        private final List<String> columns = new ArrayList<>();
        private int pos;

        Parser(String text) {
            this.text = text;
        }

        String expr() {
            skipSpaces();
            String name = identifier();
            skipSpaces();
            if (peek('(')) {
                if (!FUNCTIONS.contains(name)) {
                    throw error("Only the functions "
                            + String.join(", ", FUNCTIONS.stream().sorted().toList()) + " may be used, not " + name);
                }
                pos++;
                String inner = expr();
                skipSpaces();
                expect(')');
                return name + "(" + inner + ")";
            }
            columns.add(name);
            StringBuilder out = new StringBuilder(name);
            while (peek('[')) {
                pos++;
                skipSpaces();
                out.append('[').append(key()).append(']');
                skipSpaces();
                expect(']');
                skipSpaces();
            }
            return out.toString();
        }

        private String identifier() {
            int start = pos;
            if (pos < text.length()
                    && (Character.isLetter(text.charAt(pos)) && text.charAt(pos) < 0x80 || text.charAt(pos) == '_')) {
                pos++;
                while (pos < text.length() && isIdentChar(text.charAt(pos))) {
                    pos++;
                }
            }
            if (start == pos) {
                throw error("Expected a column name");
            }
            String name = text.substring(start, pos);
            if (name.endsWith(".") || name.contains("..")) {
                throw error("Not a column name: " + name);
            }
            return name;
        }

        private static boolean isIdentChar(char c) {
            return c < 0x80 && (Character.isLetterOrDigit(c) || c == '_' || c == '.');
        }

        /** A quoted key of letters, digits and {@code _ . - / :}, or a small whole number (array index). */
        private String key() {
            if (peek('\'')) {
                int start = ++pos;
                while (pos < text.length() && text.charAt(pos) != '\'') {
                    char c = text.charAt(pos);
                    if (!(c < 0x80 && Character.isLetterOrDigit(c)) && "_.-/:".indexOf(c) < 0) {
                        throw error("A key may hold letters, digits and _ . - / : only");
                    }
                    pos++;
                }
                expect('\'');
                return "'" + text.substring(start, pos - 1) + "'";
            }
            int start = pos;
            while (pos < text.length() && Character.isDigit(text.charAt(pos)) && pos - start < 6) {
                pos++;
            }
            if (start == pos) {
                throw error("Expected a quoted key like ['name']");
            }
            return text.substring(start, pos);
        }

        private boolean peek(char c) {
            return pos < text.length() && text.charAt(pos) == c;
        }

        private void expect(char c) {
            if (!peek(c)) {
                throw error("Expected '" + c + "'");
            }
            pos++;
        }

        private void skipSpaces() {
            while (pos < text.length() && text.charAt(pos) == ' ') {
                pos++;
            }
        }

        IllegalArgumentException error(String message) {
            return new IllegalArgumentException(message + " at position " + (pos + 1) + " of \"" + text + "\"");
        }
    }
}
