package dev.callscope.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.callscope.engine.Engine;
import dev.callscope.engine.EngineException;
import dev.callscope.engine.Query;
import dev.callscope.logs.search.SearchExpr;
import dev.callscope.logs.search.SearchParser;
import dev.callscope.logs.search.SearchSyntaxException;
import dev.callscope.logs.search.SqlCondition;
import dev.callscope.logs.search.TextStrategy;
import dev.callscope.testing.TestEngine;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Thousands of random and hostile searches: the parser answers each with a tree or a syntax error
 * (never another exception), the SQL holds no user text at all, and the engine runs every
 * generated condition (only a user's invalid regular expression may fail, with its own error).
 */
class SearchFuzzTest {

    private static final String[] PIECES = {
        "error",
        "ERROR",
        "a",
        "x1",
        "ünï",
        "日本",
        "🚀",
        "\"",
        "\"phrase here\"",
        "'",
        "`",
        "\\",
        "\\\"",
        "/",
        "/re[0-9]+/",
        "/(/",
        "(",
        ")",
        "-",
        "NOT",
        "OR",
        "AND",
        "*",
        "err*",
        "level:",
        "level:error",
        "level:bogus",
        "stream:stderr",
        "call:",
        "call:fc-01J",
        "function:\"x y\"",
        "app:demo",
        "container:ta-",
        ":",
        ";",
        "--",
        "/*",
        "*/",
        "{s0:String}",
        "{",
        "}",
        "'; DROP TABLE t; --",
        "\t",
        "\n",
        "\0",
        " ",
        "  ",
        "%",
        "_",
        "$1",
        "\\N",
        "SELECT",
        "FROM",
        "))",
        "((",
        "OR OR",
        "-(",
        "-\"",
        "1=1",
        "0x41",
        "\u202e",
        "\ud83d"
    };
    /** Every word the generated SQL may contain; anything else would be user text in the SQL. */
    private static final Set<String> VOCABULARY = Set.of(
            "hasAllTokens",
            "hasToken",
            "lower",
            "message",
            "positionCaseInsensitive",
            "position",
            "match",
            "NOT",
            "AND",
            "OR",
            "level",
            "stream",
            "function_call_id",
            "container_id",
            "function_id",
            "app_id",
            "IN",
            "SELECT",
            "DISTINCT",
            "FROM",
            "WHERE",
            "function_name",
            "app_name",
            "String",
            "Array",
            "function_call_events",
            "has",
            "upper",
            "toString");

    private final Engine engine = TestEngine.shared();
    private final LogFixture fixture = LogFixture.get();
    /** Callscope's table, and ClickStack's otel_logs through its mapping (no stream, a map element as container). */
    private final List<LogSchema> schemas =
            List.of(LogSchema.canonical(fixture.textDb), OtelFixture.get().otel("otel_logs"));

    @Test
    void noInputYieldsInvalidSqlAnInjectionOrACrash() {
        Random random = new Random(20251125);
        int executed = 0;
        int syntaxErrors = 0;
        int refused = 0;
        for (int i = 0; i < 4000; i++) {
            String input = randomInput(random);
            SearchExpr expr;
            try {
                expr = SearchParser.parse(input);
            } catch (SearchSyntaxException e) {
                syntaxErrors++;
                assertTrue(e.position() >= 0 && e.position() <= input.length(), "position inside the input: " + input);
                assertFalse(e.getMessage().isBlank());
                continue;
            } catch (RuntimeException e) {
                fail("parser crashed on [" + input + "]: " + e);
                return;
            }
            for (LogSchema schema : schemas) {
                String unsupported = new LogSearch(schema, TextStrategy.SCAN).unsupported(expr);
                if (unsupported != null) {
                    assertThrows(
                            IllegalArgumentException.class,
                            () -> new LogSearch(schema, TextStrategy.SCAN).condition(expr));
                    assertTrue(unsupported.startsWith("This table"), unsupported);
                    refused++;
                    continue;
                }
                for (TextStrategy strategy : TextStrategy.values()) {
                    LogSearch search = new LogSearch(schema, strategy);
                    SqlCondition condition = search.condition(expr);
                    assertOnlyTemplateText(condition.sql(), schema, input);
                    if (i % 4 == 0) { // run a quarter of them on every strategy
                        executed++;
                        try {
                            engine.query(
                                    condition.bindTo(Query.of("SELECT count() FROM "
                                            + search.schema().qualifiedTable() + " WHERE " + condition.sql())),
                                    rows -> rows.next());
                        } catch (EngineException e) {
                            boolean badRegex = e.code() == 427
                                    || e.code() == 36 && e.getMessage().contains("regexp");
                            assertTrue(
                                    badRegex && input.contains("/"),
                                    "[" + printable(input) + "] -> " + e.code() + " " + printable(e.getMessage()));
                        }
                    }
                }
            }
        }
        assertTrue(refused > 20, "filters on otel_logs' absent stream are refused: " + refused);
        assertTrue(executed > 1000, "executed " + executed);
        assertTrue(syntaxErrors > 100 && syntaxErrors < 3900, "a mix of valid and invalid input: " + syntaxErrors);
    }

    private static void assertOnlyTemplateText(String sql, LogSchema schema, String input) {
        String withoutParams =
                sql.replaceAll("\\{s\\d+:(String|Array\\(String\\))}", " ").replace(schema.database() + ".", " ");
        for (LogField f : LogField.values()) { // the mapping's own (checked) expressions are not user text
            if (schema.has(f) && !schema.kind().equals(LogSchema.CANONICAL)) {
                withoutParams = withoutParams.replace(schema.sql(f), " message ");
            }
        }
        assertFalse(
                withoutParams.contains("'")
                        || withoutParams.contains("\"")
                        || withoutParams.contains("\\")
                        || withoutParams.contains("--")
                        || withoutParams.contains(";"),
                "[" + input + "] -> " + sql);
        Matcher words = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*").matcher(withoutParams);
        while (words.find()) {
            assertTrue(
                    VOCABULARY.contains(words.group()),
                    "unexpected word " + words.group() + " in " + sql + " for [" + input + "]");
        }
        assertEquals(
                withoutParams
                        .replaceAll("[^()]", "")
                        .chars()
                        .filter(c -> c == '(')
                        .count(),
                withoutParams
                        .replaceAll("[^()]", "")
                        .chars()
                        .filter(c -> c == ')')
                        .count(),
                "balanced: " + sql);
    }

    private static String printable(String s) {
        StringBuilder out = new StringBuilder();
        s.chars()
                .forEach(
                        c -> out.append(c < 0x20 || c > 0x7e ? String.format("\\u%04x", c) : String.valueOf((char) c)));
        return out.toString();
    }

    private static String randomInput(Random random) {
        StringBuilder out = new StringBuilder();
        int n = 1 + random.nextInt(8);
        for (int i = 0; i < n; i++) {
            if (random.nextInt(5) == 0) {
                out.append((char) random.nextInt(0x3000)); // any character, including controls and surrogates
            } else {
                out.append(PIECES[random.nextInt(PIECES.length)]);
            }
            if (random.nextBoolean()) {
                out.append(' ');
            }
        }
        return out.toString();
    }
}
