package dev.callscope.logs.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.callscope.logs.search.SearchExpr.And;
import dev.callscope.logs.search.SearchExpr.Field;
import dev.callscope.logs.search.SearchExpr.FieldMatch;
import dev.callscope.logs.search.SearchExpr.Not;
import dev.callscope.logs.search.SearchExpr.Or;
import dev.callscope.logs.search.SearchExpr.Phrase;
import dev.callscope.logs.search.SearchExpr.Prefix;
import dev.callscope.logs.search.SearchExpr.Regex;
import dev.callscope.logs.search.SearchExpr.Token;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SearchParserTest {

    private static SearchExpr parse(String s) throws SearchSyntaxException {
        return SearchParser.parse(s);
    }

    @Test
    void wordsAreImplicitlyAndedAndOrBindsLooser() throws Exception {
        assertEquals(new Token("error"), parse("  error "));
        assertEquals(new And(List.of(new Token("cuda"), new Token("error"))), parse("cuda error"));
        assertEquals(
                new Or(List.of(new And(List.of(new Token("a"), new Token("b"))), new Token("c"))), parse("a b OR c"));
        assertEquals(
                new And(List.of(new Token("a"), new Or(List.of(new Token("b"), new Token("c"))))), parse("a (b OR c)"));
        assertEquals(new And(List.of(new Token("a"), new Token("b"))), parse("a AND b"));
        assertEquals(
                new And(List.of(new Token("or"), new Token("not"))), parse("or not"), "lower-case words are words");
    }

    @Test
    void negationPhrasesPrefixesAndRegexes() throws Exception {
        assertEquals(new And(List.of(new Token("error"), new Not(new Token("retry")))), parse("error -retry"));
        assertEquals(new Not(new Phrase("bad gateway")), parse("NOT \"bad gateway\""));
        assertEquals(new Token("x"), parse("NOT NOT x"));
        assertEquals(new Prefix("err"), parse("err*"));
        assertEquals(new Regex("Xid \\d+ on"), parse("/Xid \\d+ on/"));
        assertEquals(new Regex("a/b"), parse("/a\\/b/"));
        assertEquals(new Phrase("say \"hi\""), parse("\"say \\\"hi\\\"\""));
        assertEquals(new Phrase("fc-01ABC"), parse("fc-01ABC"), "punctuated words match as text");
        assertEquals(
                new Phrase("err"),
                parse("\"err\""),
                "a quoted word is text anywhere, as docs/SEARCH.md says: it finds error");
        assertEquals(new Phrase("🎉"), parse("\"🎉\""));
        assertEquals(new Token("err"), parse("err"), "unquoted, a word is a whole word");
    }

    @Test
    void fieldsAreRecognisedAndValidated() throws Exception {
        assertEquals(new FieldMatch(Field.LEVEL, "ERROR"), parse("level:error"));
        assertEquals(new FieldMatch(Field.LEVEL, "WARNING"), parse("LEVEL:warn"));
        assertEquals(new FieldMatch(Field.STREAM, "stderr"), parse("stream:STDERR"));
        assertEquals(new FieldMatch(Field.FUNCTION, "llm inference"), parse("function:\"llm inference\""));
        assertEquals(new FieldMatch(Field.CALL, "fc-01J"), parse("call:fc-01J"));
        assertEquals(new Phrase("http://x"), parse("http://x"), "unknown fields are text");
        assertEquals(new Not(new FieldMatch(Field.LEVEL, "DEBUG")), parse("-level:debug"));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "\"open|0|Missing closing quote",
                "/open|0|Missing closing '/'",
                "(a b|0|Missing ')'",
                "a b)|3|Unmatched ')'",
                "()|0|Empty parentheses",
                "a OR|2|OR needs a term",
                "OR a|0|Expected a search term",
                "AND a|0|AND needs a term",
                "level:loud|6|level: is one of",
                "stream:x|7|stream: is one of",
                "call:|0|call: needs a value",
                "a*b|1|wildcard",
                "*|0|wildcard",
                "NOT|0|NOT needs a term",
                "//|0|Empty regular expression"
            })
    void errorsSayWhatAndWhere(String input, int position, String message) {
        SearchSyntaxException e = assertThrows(SearchSyntaxException.class, () -> parse(input));
        assertTrue(e.getMessage().contains(message), e.getMessage());
        assertEquals(position, e.position(), e.getMessage());
    }

    @Test
    void limitsAreEnforced() {
        assertThrows(SearchSyntaxException.class, () -> parse("x".repeat(SearchParser.MAX_LENGTH + 1)));
        assertThrows(SearchSyntaxException.class, () -> parse("a ".repeat(SearchParser.MAX_TERMS + 1)));
        assertThrows(SearchSyntaxException.class, () -> parse("(".repeat(40) + "a" + ")".repeat(40)));
    }

    @Test
    void phrasesUseOnlyTheirWholeInnerWordsForIndexes() {
        assertEquals(List.of("refused"), SearchSql.wholeWords("connection refused by"));
        assertEquals(List.of("refused", "by"), SearchSql.wholeWords(" refused by "));
        assertEquals(List.of(), SearchSql.wholeWords("error"));
        assertEquals("fc-01JABCDEFGHJKMNPQRSTVWXYZ0", SearchSql.id("fc-", "01jabcdefghjkmnpqrstvwxyz0"));
    }
}
