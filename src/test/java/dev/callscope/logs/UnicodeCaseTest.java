package dev.callscope.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.callscope.engine.Engine;
import dev.callscope.engine.Query;
import dev.callscope.logs.search.SearchParser;
import dev.callscope.logs.search.TextStrategy;
import dev.callscope.schema.Schema;
import dev.callscope.testing.TestEngine;
import dev.callscope.time.TimeRange;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Case and word cutting beyond ASCII, exactly as docs/SEARCH.md says, on every index strategy and
 * in the in-memory oracle the fuzz and equivalence tests use: ASCII letters fold, others do not;
 * a regular expression with (?i) folds them; an emoji is part of its word.
 */
class UnicodeCaseTest {

    private static final Instant T = Instant.parse("2026-11-20T10:00:00Z");
    private static final List<String> LINES =
            List.of("Müller signed", "MÜLLER SIGNED", "müller lower", "STRASSE", "straße", "done🎉 ok");
    private static String textDb;
    private static String bloomDb;

    @BeforeAll
    static void lines() {
        Engine engine = TestEngine.shared();
        textDb = TestEngine.freshDatabase("unicase_text");
        bloomDb = TestEngine.freshDatabase("unicase_bloom");
        for (String db : List.of(textDb, bloomDb)) {
            engine.execute(Query.of("DROP DATABASE " + db));
            Schema.create(engine, db, db.equals(textDb) ? Schema.LogIndex.TEXT : Schema.LogIndex.TOKEN_BLOOM_FILTER);
            for (int i = 0; i < LINES.size(); i++) {
                engine.execute(Query.of(
                                "INSERT INTO " + db
                                        + ".function_logs (timestamp, app_id, function_id, function_call_id,"
                                        + " container_id, stream, level, message) VALUES ({t:DateTime64(6, 'UTC')}, '', '', '', '', 'stdout', 'INFO', {m:String})")
                        .bind("t", T.plusSeconds(i))
                        .bind("m", LINES.get(i)));
            }
        }
    }

    /** search → the lines it finds, as SEARCH.md describes. */
    private static final Map<String, List<String>> DOCUMENTED = Map.of(
            "müller", List.of("Müller signed", "müller lower"),
            "\"MÜLLER\"", List.of("MÜLLER SIGNED"),
            "/(?i)müller/", List.of("Müller signed", "MÜLLER SIGNED", "müller lower"),
            "done", List.of(),
            "\"done\"", List.of("done🎉 ok"),
            "\"ß\"", List.of("straße"),
            "strasse", List.of("STRASSE"));

    @Test
    void wordsFoldAsciiCaseOnlyOnEveryStrategyAsTheDocsSay() throws Exception {
        TimeRange range = new TimeRange(T, T.plusSeconds(60));
        SearchOracle oracle = new SearchOracle(Map.of(), Map.of());
        for (Map.Entry<String, List<String>> e : DOCUMENTED.entrySet()) {
            var expr = SearchParser.parse(e.getKey());
            for (TextStrategy s : TextStrategy.values()) {
                LogSearch search =
                        new LogSearch(LogSchema.canonical(s == TextStrategy.TOKEN_BLOOM_FILTER ? bloomDb : textDb), s);
                List<String> got = search.page(TestEngine.shared(), expr, range, null, 100, null).lines().stream()
                        .map(LogLine::message)
                        .sorted()
                        .toList();
                assertEquals(e.getValue().stream().sorted().toList(), got, e.getKey() + " " + s);
            }
            List<String> byOracle = LINES.stream()
                    .filter(m -> oracle.matches(expr, new LogLine(T, "INFO", "stdout", "", "", "", "", m, 0)))
                    .sorted()
                    .toList();
            assertEquals(e.getValue().stream().sorted().toList(), byOracle, e.getKey() + " in the oracle");
        }
    }
}
