package dev.callscope.logs.search;

import java.util.List;

/**
 * A parsed log search: what the user asked for, before any SQL. Leaves hold the user's text as
 * data; {@link SearchSql} turns the tree into a condition with every value bound as a parameter.
 */
public sealed interface SearchExpr {

    /** Matches every line (the empty search). */
    record All() implements SearchExpr {}

    /** A whole word, case-insensitive (ASCII letters), as the tokenizer splits words. */
    record Token(String word) implements SearchExpr {}

    /** Text anywhere in the message, case-insensitive: quoted phrases and words with punctuation. */
    record Phrase(String text) implements SearchExpr {}

    /** A word starting with this text ({@code err*}). */
    record Prefix(String start) implements SearchExpr {}

    /** A regular expression (RE2 syntax) anywhere in the message. */
    record Regex(String pattern) implements SearchExpr {}

    /** A field equal to a value, e.g. {@code level:error} or {@code call:fc-...}. */
    record FieldMatch(Field field, String value) implements SearchExpr {}

    record Not(SearchExpr inner) implements SearchExpr {}

    record And(List<SearchExpr> parts) implements SearchExpr {
        public And {
            parts = List.copyOf(parts);
        }
    }

    record Or(List<SearchExpr> parts) implements SearchExpr {
        public Or {
            parts = List.copyOf(parts);
        }
    }

    /** The fields a search can filter on, by the name users type before the colon. */
    enum Field {
        FUNCTION("function"),
        CALL("call"),
        CONTAINER("container"),
        APP("app"),
        LEVEL("level"),
        STREAM("stream"),
        /** A line's pattern as the Patterns view shows it ({@code schema.PatternRules}), exactly. */
        PATTERN("pattern");

        private final String keyword;

        Field(String keyword) {
            this.keyword = keyword;
        }

        public String keyword() {
            return keyword;
        }

        static Field byKeyword(String word) {
            for (Field f : values()) {
                if (f.keyword.equalsIgnoreCase(word)) {
                    return f;
                }
            }
            return null;
        }
    }
}
