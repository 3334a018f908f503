package dev.callscope.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.callscope.engine.Engine;
import dev.callscope.logs.search.SearchExpr;
import dev.callscope.logs.search.SearchParser;
import dev.callscope.logs.search.TextStrategy;
import dev.callscope.schema.PatternRules;
import dev.callscope.testing.PatternOracle;
import dev.callscope.testing.TestEngine;
import dev.callscope.time.TimeRange;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Patterns counted by ClickHouse over every match equal patterns counted here, line by line, from
 * the fixture's lines (the pattern of each computed in Java by {@link PatternOracle}), for several
 * searches, on every index strategy, from the stored column and computed on the fly.
 */
class LogPatternsTest {

    private final LogFixture fixture = LogFixture.get();
    private final SearchOracle oracle = new SearchOracle(fixture.functionNames, fixture.appNames);
    private final Engine engine = TestEngine.shared();

    private List<LogSearch> searches() {
        List<LogSearch> out = new ArrayList<>();
        for (TextStrategy s : TextStrategy.values()) {
            LogSchema schema =
                    LogSchema.canonical(s == TextStrategy.TOKEN_BLOOM_FILTER ? fixture.bloomDb : fixture.textDb);
            String seconds = LogIndexProbe.secondsColumn(engine, schema);
            out.add(new LogSearch(schema, s, seconds, LogIndexProbe.patternColumn(engine, schema)));
            out.add(new LogSearch(schema, s, null, null)); // no seconds column, patterns computed from the message
        }
        return out;
    }

    private Map<String, Long> byHand(SearchExpr expr, TimeRange range) {
        Map<String, Long> out = new TreeMap<>();
        for (LogLine l : fixture.lines) {
            if (range.contains(l.timestamp()) && oracle.matches(expr, l)) {
                out.merge(PatternOracle.of(l.message()), 1L, Long::sum);
            }
        }
        return out;
    }

    private static Map<String, Long> counts(LogPatterns.Result r) {
        Map<String, Long> out = new TreeMap<>();
        r.patterns().forEach(p -> out.put(p.text(), p.count()));
        return out;
    }

    @Test
    void everyMatchIsCountedInItsPatternOnEveryStrategy() throws Exception {
        assertEquals(PatternRules.COLUMN, LogIndexProbe.patternColumn(engine, LogSchema.canonical(fixture.textDb)));
        TimeRange range = LogFixture.range();
        // a range with edges inside seconds, and one on whole seconds
        TimeRange inner = new TimeRange(
                fixture.lines.get(fixture.lines.size() / 3).timestamp(),
                fixture.lines.get(fixture.lines.size() / 10).timestamp());
        for (String text : List.of("", "level:error", "error OR warning", "-level:debug timeout")) {
            SearchExpr expr = SearchParser.parse(text);
            for (TimeRange r : List.of(range, inner)) {
                Map<String, Long> expected = byHand(expr, r);
                long total =
                        expected.values().stream().mapToLong(Long::longValue).sum();
                assertTrue(
                        !text.equals("level:error") || expected.size() > 3,
                        "several kinds of error: " + expected.keySet());
                for (LogSearch s : searches()) {
                    LogPatterns.Result got = new LogPatterns(s).patterns(engine, expr, r, null);
                    String at = "'" + text + "' " + s.strategy() + (s.seconds() == null ? " by time" : " by seconds")
                            + (s.patternSql().equals(PatternRules.COLUMN) ? " from the column" : " on the fly") + " "
                            + r;
                    assertEquals(expected, counts(got), at);
                    assertEquals(total, got.total(), at);
                    assertEquals(total, s.histogram(engine, expr, r, 60).total(), at + ": the histogram's total");
                    for (LogPatterns.Pattern p : got.patterns()) {
                        assertEquals(p.count(), Arrays.stream(p.trend()).sum(), at + ": trend of " + p.text());
                    }
                }
            }
        }
    }

    @Test
    void thePreviousPeriodSaysWhatIsNewAndHowEachChanged() throws Exception {
        TimeRange range = new TimeRange(LogFixture.END.minus(Duration.ofHours(2)), LogFixture.END);
        TimeRange before = new TimeRange(range.from().minus(Duration.ofHours(2)), range.from());
        SearchExpr expr = SearchParser.parse("level:warning OR level:error");
        Map<String, Long> now = byHand(expr, range);
        Map<String, Long> then = byHand(expr, before);
        LogPatterns.Result got = new LogPatterns(searches().getFirst()).patterns(engine, expr, range, null);
        assertTrue(got.complete());
        for (LogPatterns.Pattern p : got.patterns()) {
            assertEquals(then.getOrDefault(p.text(), 0L), p.previous(), p.text());
            assertEquals(now.get(p.text()) - then.getOrDefault(p.text(), 0L), p.change(), p.text());
            assertEquals(!then.containsKey(p.text()), p.isNew(), p.text());
        }
    }

    @Test
    void windowsComeNewestFirstAndAddUpToTheWhole() throws Exception {
        List<LogPatterns.Result> steps = new ArrayList<>();
        SearchExpr expr = SearchParser.parse("");
        LogPatterns.Result last =
                new LogPatterns(searches().getFirst()).patterns(engine, expr, LogFixture.range(), steps::add);
        assertEquals(LogPatterns.WINDOWS - 1, steps.size());
        for (int i = 1; i < steps.size(); i++) {
            assertTrue(steps.get(i).readFrom().isBefore(steps.get(i - 1).readFrom()), "each step reads further back");
            assertTrue(steps.get(i).total() >= steps.get(i - 1).total());
            assertEquals(-1, steps.get(i).patterns().getFirst().previous(), "not counted yet");
        }
        long newest = fixture.lines.stream()
                .filter(l -> !l.timestamp().isBefore(steps.getFirst().readFrom())
                        && l.timestamp().isBefore(LogFixture.range().to()))
                .count();
        assertEquals(newest, steps.getFirst().total(), "the first step is the newest window, whole");
        assertEquals(fixture.lines.size(), last.total());
    }

    @Test
    void aPatternIsASearchTermThatFindsExactlyItsLines() throws Exception {
        TimeRange range = LogFixture.range();
        LogPatterns.Result all =
                new LogPatterns(searches().getFirst()).patterns(engine, SearchParser.parse("level:error"), range, null);
        for (LogPatterns.Pattern p :
                all.patterns().subList(0, Math.min(5, all.patterns().size()))) {
            String term = LogPatterns.searchTerm(p.text());
            SearchExpr expr = SearchParser.parse("level:error " + term);
            for (LogSearch s : searches()) {
                assertEquals(p.count(), s.histogram(engine, expr, range, 60).total(), s.strategy() + " " + term);
            }
            List<LogLine> lines = searches()
                    .getFirst()
                    .page(engine, expr, range, null, 1000, null)
                    .lines();
            assertTrue(
                    lines.stream().allMatch(l -> PatternOracle.of(l.message()).equals(p.text())), term);
        }
    }
}
