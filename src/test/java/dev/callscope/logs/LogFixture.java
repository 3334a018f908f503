package dev.callscope.logs;

import dev.callscope.demo.DemoOptions;
import dev.callscope.demo.DemoProgress;
import dev.callscope.demo.DemoWorkload;
import dev.callscope.engine.Engine;
import dev.callscope.engine.Query;
import dev.callscope.logs.search.SearchExpr;
import dev.callscope.logs.search.TextStrategy;
import dev.callscope.schema.Schema;
import dev.callscope.testing.TestEngine;
import dev.callscope.time.TimeRange;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A small demo workload loaded once per test JVM, twice: with the text index (the canonical
 * schema) and with the token bloom filter fallback, holding the same rows.
 */
final class LogFixture {

    static final Instant END = Instant.parse("2026-11-20T12:00:00Z");
    static final Duration SPAN = Duration.ofHours(6);

    private static LogFixture instance;

    final String textDb;
    final String bloomDb;
    final List<LogLine> lines;
    final Map<String, String> functionNames = new HashMap<>();
    final Map<String, String> appNames = new HashMap<>();

    private LogFixture() {
        Engine engine = TestEngine.shared();
        textDb = TestEngine.freshDatabase("logs_text");
        bloomDb = TestEngine.freshDatabase("logs_bloom");
        engine.execute(Query.of("DROP DATABASE " + textDb));
        DemoWorkload.generate(
                engine,
                DemoOptions.defaults(5)
                        .withCalls(4000)
                        .withLogsPerCall(4)
                        .withEnd(END)
                        .withSpan(SPAN)
                        .withDatabase(textDb),
                DemoProgress.NONE);
        Schema.create(engine, bloomDb, Schema.LogIndex.TOKEN_BLOOM_FILTER);
        engine.execute(
                Query.of("INSERT INTO " + bloomDb + ".function_logs SELECT * FROM " + textDb + ".function_logs"));
        engine.execute(Query.of(
                "INSERT INTO " + bloomDb + ".function_call_events SELECT * FROM " + textDb + ".function_call_events"));
        LogSearch all = new LogSearch(new LogTables(textDb), TextStrategy.TEXT_INDEX);
        lines = new ArrayList<>(all.page(engine, new SearchExpr.All(), range(), null, 1_000_000, null)
                .lines());
        engine.query(
                Query.of("SELECT DISTINCT function_id, function_name, app_id, app_name FROM " + textDb
                        + ".function_call_events"),
                rows -> {
                    while (rows.next()) {
                        functionNames.put(rows.getString(1), rows.getString(2));
                        appNames.put(rows.getString(3), rows.getString(4));
                    }
                    return null;
                });
    }

    static synchronized LogFixture get() {
        if (instance == null) {
            instance = new LogFixture();
        }
        return instance;
    }

    static TimeRange range() {
        return new TimeRange(END.minus(SPAN).minus(Duration.ofHours(1)), END.plusSeconds(1));
    }
}
