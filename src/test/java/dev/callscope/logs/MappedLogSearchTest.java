package dev.callscope.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.callscope.engine.Engine;
import dev.callscope.logs.search.SearchExpr;
import dev.callscope.logs.search.SearchParser;
import dev.callscope.logs.search.TextStrategy;
import dev.callscope.testing.StrictCsv;
import dev.callscope.testing.TestEngine;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Searches on tables that are not Callscope's give the same lines as on Callscope's own table. */
class MappedLogSearchTest {

    private final Engine engine = TestEngine.shared();
    private final OtelFixture fixture = OtelFixture.get();
    private final LogSearch canonical =
            new LogSearch(LogSchema.canonical(fixture.canonical.textDb), TextStrategy.TEXT_INDEX);

    @TempDir
    Path dir;

    /** What a line is, whatever table it came from (levels and app ids are spelled differently). */
    private record Same(Instant time, long tiebreak, String call, String container, String message) {
        static Same of(LogLine l) {
            return new Same(l.timestamp(), l.tiebreak(), l.callId(), l.containerId(), l.message());
        }
    }

    private static List<Same> same(List<LogLine> lines) {
        return lines.stream().map(Same::of).toList();
    }

    private List<LogLine> all(LogSearch search, String text) throws Exception {
        return search.page(engine, SearchParser.parse(text), LogFixture.range(), null, 1_000_000, null)
                .lines();
    }

    private List<LogSearch> mapped() {
        List<LogSearch> out = new ArrayList<>();
        for (String table : List.of("otel_logs", "otel_logs_lower", "otel_logs_text")) {
            LogSchema schema = fixture.otel(table);
            out.add(new LogSearch(schema, LogIndexProbe.detect(engine, schema)));
        }
        LogSchema mine = fixture.myLogs();
        out.add(new LogSearch(mine, LogIndexProbe.detect(engine, mine)));
        return out;
    }

    @Test
    void theProbeUsesOnlyIndexesThatAnswerCaseInsensitiveSearches() {
        assertEquals(
                TextStrategy.SCAN,
                LogIndexProbe.detect(engine, fixture.otel("otel_logs")),
                "tokenbf on Body as written");
        assertEquals(TextStrategy.TOKEN_BLOOM_FILTER, LogIndexProbe.detect(engine, fixture.otel("otel_logs_lower")));
        assertEquals(TextStrategy.TEXT_INDEX, LogIndexProbe.detect(engine, fixture.otel("otel_logs_text")));
        assertEquals(
                TextStrategy.SCAN,
                LogIndexProbe.detect(engine, fixture.otel("otel_logs_text_as_written")),
                "text index without lower()");
        assertEquals(TextStrategy.SCAN, LogIndexProbe.detect(engine, fixture.myLogs()));
    }

    @Test
    void searchesFindTheSameLinesAsOnCallscopesTable() throws Exception {
        LogLine sample = fixture.canonical.lines.get(fixture.canonical.lines.size() / 2);
        List<String> searches = List.of(
                "error",
                "ERROR",
                "Error -retrying",
                "\"bad gateway\"",
                "\"Bad Gateway\" OR cuda",
                "gpu has fallen",
                "retry*",
                "traceback OR sigterm",
                "level:error",
                "level:warning",
                "level:critical",
                "-level:info -level:debug",
                "/Xid [0-9]+ on/",
                "/(?i)out of memory/",
                "call:" + sample.callId(),
                "container:" + sample.containerId(),
                "function:" + sample.functionId(),
                "(error OR warning) -\"502\"",
                "'; DROP TABLE x; --",
                "no_such_word_anywhere",
                "");
        List<LogSearch> mapped = mapped();
        for (String text : searches) {
            List<Same> expected = same(all(canonical, text));
            for (LogSearch search : mapped) {
                assertEquals(expected, same(all(search, text)), search.schema().table() + " for [" + text + "]");
            }
        }
        assertTrue(all(canonical, "level:warning").size() > 10, "the fixture has warnings (WARN in otel_logs)");
        LogSearch otel = mapped.getFirst();
        assertEquals(
                same(all(canonical, "function:" + sample.functionId())),
                same(all(otel, "app:" + sample.functionId().toLowerCase())),
                "otel_logs' service is both app and function, compared ignoring case");
        LogLine line = all(otel, "call:" + sample.callId()).getFirst();
        assertEquals(sample.containerId(), line.containerId(), "container from ResourceAttributes['k8s.pod.name']");
        assertEquals("", line.stream(), "otel_logs has no stream");
    }

    @Test
    void pagesHistogramAndContextWorkThroughTheMapping() throws Exception {
        SearchExpr expr = SearchParser.parse("-level:debug");
        List<Same> expected = same(all(canonical, "-level:debug"));
        MatchHistogram reference =
                canonical.histogram(engine, SearchParser.parse("error OR level:critical"), LogFixture.range(), 120);
        for (LogSearch search : mapped()) {
            List<LogLine> paged = new ArrayList<>();
            LogCursor cursor = null;
            int pages = 0;
            do {
                LogPage page = search.page(engine, expr, LogFixture.range(), cursor, 700, null);
                paged.addAll(page.lines());
                cursor = page.next();
                pages++;
            } while (cursor != null);
            assertTrue(pages > 3, "pages " + pages);
            assertEquals(expected, same(paged), search.schema().table());

            MatchHistogram h =
                    search.histogram(engine, SearchParser.parse("error OR level:critical"), LogFixture.range(), 120);
            assertEquals(reference.total(), h.total(), search.schema().table());
            assertTrue(
                    Arrays.equals(reference.errors(), h.errors()),
                    "errors include FATAL: " + search.schema().table());

            LogLine line = paged.get(paged.size() / 3);
            List<LogLine> around = search.context(engine, line, 5);
            assertTrue(same(around).contains(Same.of(line)), search.schema().table());
            assertEquals(
                    Set.of(line.containerId()),
                    new HashSet<>(around.stream().map(LogLine::containerId).toList()));
        }
    }

    @Test
    void exportWritesTheSameLines() throws Exception {
        SearchExpr expr = SearchParser.parse("traceback OR \"bad gateway\" OR level:warning");
        Path reference = dir.resolve("canonical.csv");
        long n = LogExport.write(
                engine,
                canonical,
                expr,
                LogFixture.range(),
                LogExport.Format.CSV,
                reference,
                FunctionNames.NONE,
                x -> {},
                500);
        assertTrue(n > 500, "several pages: " + n);
        Path out = dir.resolve("otel.csv");
        LogSearch otel = mapped().getFirst();
        assertEquals(
                n,
                LogExport.write(
                        engine,
                        otel,
                        expr,
                        LogFixture.range(),
                        LogExport.Format.CSV,
                        out,
                        FunctionNames.NONE,
                        x -> {},
                        500));
        List<List<String>> a = StrictCsv.parse(Files.readString(reference, StandardCharsets.UTF_8));
        List<List<String>> b = StrictCsv.parse(Files.readString(out, StandardCharsets.UTF_8));
        assertEquals(a.getFirst(), b.getFirst(), "the same header");
        assertEquals(a.size(), b.size());
        for (int i = 1; i < a.size(); i++) {
            for (int column : new int[] {0, 4, 5, 6, 7}) { // time, function, call, container, message
                assertEquals(
                        a.get(i).get(column),
                        b.get(i).get(column),
                        "row " + i + " column " + a.getFirst().get(column));
            }
        }
    }

    @Test
    void filtersOnAbsentFieldsAreRefusedWithAReason() throws Exception {
        LogSearch otel = mapped().getFirst();
        SearchExpr expr = SearchParser.parse("error -stream:stderr");
        String reason = otel.unsupported(expr);
        assertTrue(reason != null && reason.contains("no stream column"), reason);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> otel.condition(expr));
        assertEquals(reason, e.getMessage());
        assertNull(otel.unsupported(SearchParser.parse("error level:warn")));
        LogSearch mine = new LogSearch(fixture.myLogs(), TextStrategy.SCAN);
        assertTrue(mine.unsupported(SearchParser.parse("app:x")).contains("no app column"));
    }

    @Test
    void mappingsAcceptColumnsAndSimpleAccessorsOnly() {
        assertEquals(
                "ResourceAttributes['k8s.pod.name']",
                ColumnExpr.parse(" ResourceAttributes[ 'k8s.pod.name' ] ").sql());
        assertEquals(
                List.of("ResourceAttributes"),
                ColumnExpr.parse("ResourceAttributes['k8s.pod.name']").columns());
        assertEquals("toString(level)", ColumnExpr.parse("toString(level)").sql());
        assertEquals(List.of("log.level"), ColumnExpr.parse("lower(log.level)").columns());
        for (String bad : List.of(
                "Body; DROP TABLE x",
                "Body, 1",
                "sleep(3)",
                "Body['a''b']",
                "Body['a\\'']",
                "`Body`",
                "Body)",
                "lower(Body",
                "1",
                "Body --",
                "Body /* */",
                "Map['x'] OR 1",
                "",
                "a..b",
                "Body['ü']",
                "toString(Body, 1)")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ColumnExpr.parse(bad), bad);
            assertFalse(e.getMessage().isBlank());
        }
        assertThrows(IllegalArgumentException.class, () -> LogSchema.otelLogs(fixture.db, "otel_logs; DROP"));
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> LogSchema.custom(fixture.db, "t", Map.of(LogField.TIME, "ts")));
        assertTrue(e.getMessage().contains("message"), e.getMessage());
    }

    @Test
    void theCatalogCheckNamesMissingColumnsAndTheirFields() {
        assertEquals(List.of(), LogSchemaCheck.problems(engine, fixture.otel("otel_logs")));
        assertEquals(List.of(), LogSchemaCheck.problems(engine, fixture.myLogs()));
        assertEquals(List.of(), LogSchemaCheck.problems(engine, LogSchema.canonical(fixture.canonical.textDb)));
        assertEquals(
                List.of("Table " + fixture.db + ".nope does not exist (or this user may not see its columns)"),
                LogSchemaCheck.problems(engine, fixture.otel("nope")));
        Map<LogField, String> wrong = new EnumMap<>(LogField.class);
        wrong.put(LogField.TIME, "msg");
        wrong.put(LogField.MESSAGE, "body");
        wrong.put(LogField.LEVEL, "upper(severity)");
        wrong.put(LogField.CALL, "attrs['x']");
        wrong.put(LogField.APP, "severity");
        assertEquals(
                List.of(
                        "Table " + fixture.db + ".my_logs lacks columns body (for message), severity (for level, app)",
                        "The time column msg is String, not a DateTime or DateTime64"),
                LogSchemaCheck.problems(engine, LogSchema.custom(fixture.db, "my_logs", wrong)));
    }
}
