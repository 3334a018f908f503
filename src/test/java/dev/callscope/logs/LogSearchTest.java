package dev.callscope.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.callscope.engine.Engine;
import dev.callscope.engine.Query;
import dev.callscope.logs.search.SearchExpr;
import dev.callscope.logs.search.SearchParser;
import dev.callscope.logs.search.TextStrategy;
import dev.callscope.schema.Schema;
import dev.callscope.testing.TestEngine;
import dev.callscope.time.TimeRange;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class LogSearchTest {

    private final Engine engine = TestEngine.shared();
    private final LogFixture fixture = LogFixture.get();
    private final SearchOracle oracle = new SearchOracle(fixture.functionNames, fixture.appNames);

    private LogSearch search(TextStrategy strategy) {
        return new LogSearch(
                new LogTables(strategy == TextStrategy.TOKEN_BLOOM_FILTER ? fixture.bloomDb : fixture.textDb),
                strategy);
    }

    private List<LogLine> all(LogSearch search, SearchExpr expr) {
        return search.page(engine, expr, LogFixture.range(), null, 1_000_000, null)
                .lines();
    }

    private static Set<LogCursor> keys(List<LogLine> lines) {
        return lines.stream().map(LogLine::cursor).collect(Collectors.toSet());
    }

    @Test
    void findsTheStrategyFromTheCatalog() {
        assertEquals(TextStrategy.TEXT_INDEX, LogIndexProbe.detect(engine, new LogTables(fixture.textDb)));
        assertEquals(TextStrategy.TOKEN_BLOOM_FILTER, LogIndexProbe.detect(engine, new LogTables(fixture.bloomDb)));
    }

    @Test
    void everyStrategyReturnsTheRowsTheLanguageDefines() throws Exception {
        LogLine sample = fixture.lines.get(fixture.lines.size() / 2);
        String functionName = fixture.functionNames.get(sample.functionId());
        List<String> searches = List.of(
                "error",
                "ERROR",
                "Error -retrying",
                "\"bad gateway\"",
                "\"Bad Gateway\" OR cuda",
                "gpu has fallen",
                "\"GPU has fallen off\"",
                "retry*",
                "traceback OR sigterm",
                "level:error",
                "level:warning stream:stderr",
                "-level:info -level:debug",
                "/Xid [0-9]+ on/",
                "/(?i)out of memory/",
                "call:" + sample.callId(),
                "call:" + sample.callId().substring(3).toLowerCase(),
                "container:" + sample.containerId(),
                "function:" + sample.functionId(),
                "function:\"" + functionName + "\"",
                "app:" + sample.appId(),
                "(error OR warning) -\"502\"",
                "NOT (a OR the)",
                "\"\"",
                "\"it's\"",
                "\"err\"",
                "\"rror\" -error",
                "\"ERR\" OR \"imeou\"",
                "'; DROP TABLE x; --",
                "ünïcødé",
                "no_such_word_anywhere",
                "");
        for (String text : searches) {
            SearchExpr expr = SearchParser.parse(text);
            Set<LogCursor> expected = fixture.lines.stream()
                    .filter(l -> oracle.matches(expr, l))
                    .map(LogLine::cursor)
                    .collect(Collectors.toSet());
            for (TextStrategy strategy : TextStrategy.values()) {
                List<LogLine> found = all(search(strategy), expr);
                assertEquals(expected, keys(found), strategy + " for [" + text + "]");
                assertEquals(found.size(), keys(found).size(), "no duplicates");
            }
        }
        assertTrue(
                all(search(TextStrategy.TEXT_INDEX), SearchParser.parse("error"))
                                .size()
                        > 10,
                "the fixture has errors");
    }

    @Test
    void pagesContinueWithoutGapsOrRepeats() throws Exception {
        LogSearch search = search(TextStrategy.TEXT_INDEX);
        SearchExpr expr = SearchParser.parse("-level:debug");
        List<LogLine> expected = all(search, expr);
        List<LogLine> paged = new ArrayList<>();
        LogCursor cursor = null;
        int pages = 0;
        do {
            LogPage page = search.page(engine, expr, LogFixture.range(), cursor, 250, null);
            paged.addAll(page.lines());
            cursor = page.next();
            pages++;
        } while (cursor != null);
        assertTrue(pages > 3);
        assertEquals(expected, paged);
        for (int i = 1; i < paged.size(); i++) {
            assertFalse(paged.get(i).timestamp().isAfter(paged.get(i - 1).timestamp()), "newest first");
        }
    }

    @Test
    void theFirstMatchesArriveBeforeTheWholeRangeIsSearched() throws Exception {
        List<LogPage> partials = new ArrayList<>();
        TimeRange week = new TimeRange(LogFixture.END.minus(Duration.ofDays(7)), LogFixture.END.plusSeconds(1));
        LogPage page = search(TextStrategy.TEXT_INDEX)
                .page(engine, SearchParser.parse("level:error"), week, null, 100_000, partials::add);
        assertFalse(partials.isEmpty(), "a partial page was published");
        LogPage first = partials.getFirst();
        assertTrue(first.scannedTo().isAfter(week.from()), "the first partial page had not scanned the whole range");
        assertEquals(page.lines().subList(0, first.lines().size()), first.lines(), "partials are the newest matches");
        assertNull(page.next());
    }

    @Test
    void histogramCountsEveryMatchInTheRange() throws Exception {
        SearchExpr expr = SearchParser.parse("error OR warning");
        long expected =
                fixture.lines.stream().filter(l -> oracle.matches(expr, l)).count();
        for (TextStrategy strategy : TextStrategy.values()) {
            MatchHistogram h = search(strategy).histogram(engine, expr, LogFixture.range(), 120);
            assertEquals(expected, h.total(), strategy.toString());
            assertTrue(h.size() <= 121 && h.size() >= 60, "buckets " + h.size());
            assertTrue(h.rowsRead() > 0);
        }
        MatchHistogram h =
                search(TextStrategy.SCAN).histogram(engine, SearchParser.parse("level:error"), LogFixture.range(), 120);
        assertEquals(h.total(), Arrays.stream(h.errors()).sum(), "every error-level match counts as an error");
    }

    @Test
    void histogramBySecondsCountsWhatTheTimeCountsAtEveryRangeEdge() throws Exception {
        String seconds = LogIndexProbe.secondsColumn(engine, LogSchema.canonical(fixture.textDb));
        assertEquals(Schema.LOG_SECONDS_COLUMN, seconds);
        assertEquals(seconds, LogIndexProbe.secondsColumn(engine, LogSchema.canonical(fixture.bloomDb)));
        SearchExpr expr = SearchParser.parse("error OR warning");
        List<LogLine> matching =
                fixture.lines.stream().filter(l -> oracle.matches(expr, l)).toList();
        Random random = new Random(11);
        List<TimeRange> ranges = new ArrayList<>(List.of(LogFixture.range()));
        for (int i = 0; i < 40; i++) {
            // edges on a matching line's exact microsecond (the line at "from" counts, at "to" not),
            // just beside it, on whole seconds, and ranges inside one second
            Instant a = matching.get(random.nextInt(matching.size())).timestamp();
            Instant b = matching.get(random.nextInt(matching.size())).timestamp();
            Instant from = a.isBefore(b) ? a : b;
            Instant to = a.isBefore(b) ? b : a;
            switch (i % 4) {
                case 0 -> {}
                case 1 -> {
                    from = from.plusNanos(1000);
                    to = to.minusNanos(1000);
                }
                case 2 -> {
                    from = from.truncatedTo(ChronoUnit.SECONDS);
                    to = to.truncatedTo(ChronoUnit.SECONDS);
                }
                default -> to = from.plusMillis(random.nextInt(999) + 1);
            }
            if (to.isAfter(from)) {
                ranges.add(new TimeRange(from, to));
            }
        }
        for (TextStrategy strategy : TextStrategy.values()) {
            LogSearch byTime = search(strategy);
            LogSearch bySeconds = new LogSearch(byTime.schema(), strategy, seconds);
            for (TimeRange range : ranges) {
                long expected = matching.stream()
                        .filter(l -> !l.timestamp().isBefore(range.from())
                                && l.timestamp().isBefore(range.to()))
                        .count();
                MatchHistogram time = byTime.histogram(engine, expr, range, 120);
                MatchHistogram fast = bySeconds.histogram(engine, expr, range, 120);
                assertEquals(expected, fast.total(), strategy + " " + range);
                assertEquals(Arrays.toString(time.counts()), Arrays.toString(fast.counts()), strategy + " " + range);
                assertEquals(Arrays.toString(time.errors()), Arrays.toString(fast.errors()), strategy + " " + range);
            }
        }
    }

    @Test
    void anOlderLogsTableGainsItsSecondsColumnWithTheLinesAlreadyStored() throws Exception {
        String db = TestEngine.freshDatabase("old_logs");
        Schema.create(engine, db);
        String table = db + ".function_logs";
        engine.execute(Query.of("ALTER TABLE " + table + " DROP INDEX timestamp_second_minmax"));
        engine.execute(Query.of("ALTER TABLE " + table + " DROP COLUMN timestamp_second"));
        assertNull(
                LogIndexProbe.secondsColumn(engine, LogSchema.canonical(db)), "no seconds column, no fast histogram");
        Instant t = Instant.parse("2026-11-20T12:00:00.999999Z");
        insertLine(db, t, "error one");
        insertLine(db, t.plusNanos(1000), "error two");

        assertTrue(Schema.addLogSeconds(engine, db));
        assertFalse(Schema.addLogSeconds(engine, db), "a second run has nothing to do");
        String seconds = LogIndexProbe.secondsColumn(engine, LogSchema.canonical(db));
        assertEquals("timestamp_second", seconds);
        assertEquals(
                "2026-11-20 12:00:00,2026-11-20 12:00:01",
                engine.queryScalar(Query.of(
                        "SELECT arrayStringConcat(groupArray(toString(timestamp_second)), ',') FROM (SELECT timestamp_second FROM "
                                + table + " ORDER BY timestamp)")));
        MatchHistogram h = new LogSearch(LogSchema.canonical(db), TextStrategy.TEXT_INDEX, seconds)
                .histogram(engine, new SearchExpr.Token("error"), new TimeRange(t, t.plusSeconds(1)), 120);
        assertEquals(2, h.total());
    }

    @Test
    void newerLinesAreFoundAfterTheNewestCursor() throws Exception {
        String db = TestEngine.freshDatabase("tail");
        Schema.create(engine, db);
        LogSearch search = new LogSearch(new LogTables(db), TextStrategy.TEXT_INDEX);
        Instant t0 = Instant.parse("2026-11-20T12:00:00Z");
        insertLine(db, t0, "first line");
        SearchExpr all = new SearchExpr.All();
        List<LogLine> seen = search.newer(engine, all, null, t0.minusSeconds(60), 100);
        assertEquals(1, seen.size());
        insertLine(db, t0.plusMillis(5), "second line");
        insertLine(db, t0.plusMillis(6), "third line has error");
        List<LogLine> next = search.newer(engine, all, seen.getFirst().cursor(), t0.minusSeconds(60), 100);
        assertEquals(
                List.of("third line has error", "second line"),
                next.stream().map(LogLine::message).toList());
        assertEquals(
                List.of("third line has error"),
                search
                        .newer(
                                engine,
                                SearchParser.parse("error"),
                                seen.getFirst().cursor(),
                                t0.minusSeconds(60),
                                100)
                        .stream()
                        .map(LogLine::message)
                        .toList());
    }

    /**
     * Pages are cut by time alone and completed with every line at the cut's time: lines sharing a
     * timestamp across page edges come once each, in tiebreak order, as ClickHouse sorts them.
     */
    @Test
    void linesSharingATimestampAcrossPageEdgesComeOnceInTiebreakOrder() throws Exception {
        String db = TestEngine.freshDatabase("ties");
        Schema.create(engine, db);
        Instant t = Instant.parse("2026-11-20T12:00:00Z");
        int[] sizes = {23, 1, 17, 9};
        for (int group = 0; group < sizes.length; group++) {
            for (int i = 0; i < sizes[group]; i++) {
                insertLine(db, t.minusMillis(group), "error number " + group + "-" + i);
            }
        }
        List<String> expected = engine.query(
                        Query.of("SELECT message FROM " + db + ".function_logs ORDER BY timestamp DESC, "
                                + "cityHash64(container_id, function_call_id, message) DESC"),
                        rows -> {
                            List<String> out = new ArrayList<>();
                            while (rows.next()) {
                                out.add(rows.getString(1));
                            }
                            return out;
                        })
                .value();
        LogSearch search = new LogSearch(new LogTables(db), TextStrategy.TEXT_INDEX);
        TimeRange range = new TimeRange(t.minusSeconds(60), t.plusSeconds(1));
        for (int limit : new int[] {1, 5, 10, 23, 24}) {
            List<String> paged = new ArrayList<>();
            LogCursor cursor = null;
            do {
                LogPage page = search.page(engine, SearchParser.parse("error"), range, cursor, limit, null);
                assertTrue(page.lines().size() <= limit);
                page.lines().forEach(l -> paged.add(l.message()));
                cursor = page.next();
            } while (cursor != null);
            assertEquals(expected, paged, "pages of " + limit);
        }
    }

    private void insertLine(String db, Instant t, String message) {
        engine.execute(
                Query.of("INSERT INTO " + db + ".function_logs (timestamp, app_id, function_id, function_call_id, "
                                + "container_id, stream, level, message) VALUES ({t:DateTime64(6, 'UTC')}, 'ap-1', 'fu-1', 'fc-1', 'ta-1', "
                                + "'stdout', 'INFO', {m:String})")
                        .bind("t", t)
                        .bind("m", message));
    }

    @Test
    void contextShowsTheNeighboursFromTheSameContainer() {
        LogLine line = fixture.lines.get(fixture.lines.size() / 3);
        List<LogLine> around = search(TextStrategy.TEXT_INDEX).context(engine, line, 5);
        assertTrue(around.contains(line));
        assertTrue(around.size() > 1 && around.size() <= 11, "size " + around.size());
        Set<String> containers =
                new HashSet<>(around.stream().map(LogLine::containerId).toList());
        assertEquals(Set.of(line.containerId()), containers);
        for (int i = 1; i < around.size(); i++) {
            assertFalse(around.get(i).timestamp().isBefore(around.get(i - 1).timestamp()), "oldest first");
        }
        assertNotNull(around.getFirst().message());
    }
}
