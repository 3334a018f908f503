package dev.callscope.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.callscope.engine.EngineException;
import dev.callscope.engine.Query;
import dev.callscope.engine.QueryExecutor;
import dev.callscope.engine.QueryResult;
import dev.callscope.engine.ResultHandler;
import dev.callscope.logs.search.SearchExpr;
import dev.callscope.logs.search.SearchParser;
import dev.callscope.logs.search.TextStrategy;
import dev.callscope.testing.StrictCsv;
import dev.callscope.testing.TestEngine;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogExportTest {

    private static final int PAGE = 1000;
    private final LogFixture fixture = LogFixture.get();
    private final LogSearch search = new LogSearch(new LogTables(fixture.textDb), TextStrategy.TEXT_INDEX);

    @TempDir
    Path dir;

    @Test
    void jsonLinesHoldEveryMatchNotJustAPage() throws Exception {
        SearchExpr expr = SearchParser.parse("-level:debug");
        List<LogLine> expected = search.page(TestEngine.shared(), expr, LogFixture.range(), null, 1_000_000, null)
                .lines();
        assertTrue(expected.size() > 3 * PAGE, "several export pages: " + expected.size());
        Path out = dir.resolve("logs.jsonl");
        List<Long> progress = new ArrayList<>();
        long n = LogExport.write(
                TestEngine.shared(),
                search,
                expr,
                LogFixture.range(),
                LogExport.Format.JSON_LINES,
                out,
                FunctionNames.NONE,
                progress::add,
                PAGE);
        assertEquals(expected.size(), n);
        List<String> lines = Files.readAllLines(out, StandardCharsets.UTF_8);
        assertEquals(expected.size(), lines.size());
        ObjectMapper json = new ObjectMapper();
        for (int i = 0; i < lines.size(); i += 997) {
            JsonNode row = json.readTree(lines.get(i));
            assertEquals(expected.get(i).message(), row.get("message").asText());
            assertEquals(
                    expected.get(i).timestamp().toString(), row.get("timestamp").asText());
        }
        assertTrue(progress.size() >= 2 && progress.getLast() == n, "progress " + progress);
    }

    @Test
    void csvQuotesEveryFieldAndRoundTripsMessages() throws Exception {
        SearchExpr expr = SearchParser.parse("traceback OR \"bad gateway\"");
        List<LogLine> expected = search.page(TestEngine.shared(), expr, LogFixture.range(), null, 1_000_000, null)
                .lines();
        Path out = dir.resolve("logs.csv");
        String named = expected.getFirst().functionId();
        FunctionNames names = new FunctionNames(Map.of(named, "generate"), Map.of());
        LogExport.write(
                TestEngine.shared(), search, expr, LogFixture.range(), LogExport.Format.CSV, out, names, x -> {}, PAGE);
        List<List<String>> rows = StrictCsv.parse(Files.readString(out, StandardCharsets.UTF_8));
        assertEquals(LogExport.HEADER, rows.getFirst());
        assertEquals(expected.size() + 1, rows.size());
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(expected.get(i).message(), rows.get(i + 1).get(7));
            assertEquals(expected.get(i).callId(), rows.get(i + 1).get(5));
            // names beside the ids; an id without a name is repeated, so the column is never empty
            String function = expected.get(i).functionId();
            assertEquals(function, rows.get(i + 1).get(4));
            assertEquals(
                    function.equals(named) ? "generate" : function,
                    rows.get(i + 1).get(9));
            assertEquals(expected.get(i).appId(), rows.get(i + 1).get(8));
        }
    }

    @Test
    void aFailedExportLeavesNothingBehind() throws Exception {
        Path out = dir.resolve("never.csv");
        AtomicInteger calls = new AtomicInteger();
        QueryExecutor failsOnSecondPage = new QueryExecutor() {
            @Override
            public <T> QueryResult<T> query(Query query, ResultHandler<T> handler) {
                if (calls.incrementAndGet() > 1) {
                    throw new EngineException(EngineException.QUERY_WAS_CANCELLED, "Query was cancelled");
                }
                return TestEngine.shared().query(query, handler);
            }
        };
        assertThrows(
                EngineException.class,
                () -> LogExport.write(
                        failsOnSecondPage,
                        search,
                        new SearchExpr.All(),
                        LogFixture.range(),
                        LogExport.Format.CSV,
                        out,
                        FunctionNames.NONE,
                        x -> {},
                        PAGE));
        assertFalse(Files.exists(out));
        try (var files = Files.list(dir)) {
            assertEquals(0, files.count(), "no temporary file left");
        }
    }
}
