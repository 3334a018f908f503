package dev.callscope.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.callscope.engine.Query;
import dev.callscope.testing.PatternOracle;
import dev.callscope.testing.TestEngine;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Lines and the patterns a person would group them by, as ClickHouse computes them, on the column and on the fly. */
class PatternRulesTest {

    /** message → its pattern, by hand. */
    static final Map<String, String> BY_HAND = new LinkedHashMap<>();

    static {
        BY_HAND.put(
                "request_id=b5049e1d562abaea processed 746 tokens in 770 ms (batch=11)",
                "request_id=<hex> processed <num> tokens in <duration> (batch=<num>)");
        BY_HAND.put(
                "Starting embed on container ta-01M8RDYXH08X4XH3ZNHVK74BHC (warm container)",
                "Starting embed on container <id> (warm container)");
        BY_HAND.put(
                "retrying after transient error (attempt 1/5): upstream returned 502 Bad Gateway",
                "retrying after transient error (attempt <num>/<num>): upstream returned <num> Bad Gateway");
        BY_HAND.put(
                "loaded weights from /models/generate/model-00004-of-00008.safetensors in 4.08s",
                "loaded weights from <path> in <duration>");
        BY_HAND.put(
                "cache hit ratio 0.19, kv blocks used 459/4096", "cache hit ratio <num>, kv blocks used <num>/<num>");
        BY_HAND.put(
                "GET https://api.example.com/v1/items?id=7 from 10.0.3.17:51234 took 1.5 s",
                "GET <url> from <ip> took <duration>");
        BY_HAND.put(
                "user 'alice' can't open \"report 7.pdf\" (trace 3f2a9c1e-0b7d-4c2e-9a55-1d2e3f4a5b6c)",
                "user <quoted> can't open <quoted> (trace <uuid>)");
        BY_HAND.put(
                "Résumé généré ✓ — 日本語の要約を保存しました 🚀 (58 件, naïve café)",
                "Résumé généré ✓ — 日本語の要約を保存しました 🚀 (<num> 件, naïve café)");
        BY_HAND.put(
                "Traceback (most recent call last):\n  File \"/app/model.py\", line 88, in generate\n"
                        + "    result = model(**inputs)\nRuntimeError: CUDA error: an illegal memory access was encountered\n",
                "RuntimeError: CUDA error: an illegal memory access was encountered");
        BY_HAND.put(
                "java.lang.IllegalStateException: pool 12 exhausted\n\tat dev.example.Pool.take(Pool.java:41)",
                "java.lang.IllegalStateException: pool <num> exhausted");
        BY_HAND.put("checksum 0xDEADBEEF mismatch", "checksum <hex> mismatch");
        BY_HAND.put(
                "ERROR:root:failed to upload result to s3://callscope-demo/out/9f86d081884c7d65.json: SlowDown",
                "ERROR:root:failed to upload result to <url> SlowDown");
        BY_HAND.put("", "");
    }

    @Test
    void linesFoldIntoThePatternsAPersonWouldWrite() {
        var engine = TestEngine.shared();
        for (Map.Entry<String, String> e : BY_HAND.entrySet()) {
            String got = engine.queryScalar(
                    Query.of("SELECT " + PatternRules.sql("{m:String}")).bind("m", e.getKey()));
            assertEquals(e.getValue(), got, e.getKey());
            assertEquals(e.getValue(), PatternOracle.of(e.getKey()), "the Java oracle: " + e.getKey());
        }
    }

    @Test
    void theStoredColumnHoldsTheSamePatternsAsTheRulesOnTheFly() {
        var engine = TestEngine.shared();
        String db = TestEngine.freshDatabase("patterns");
        engine.execute(Query.of("DROP DATABASE " + db));
        Schema.create(engine, db);
        List<String> messages = new ArrayList<>(BY_HAND.keySet());
        messages.add("x".repeat(PatternRules.MAX_CHARS + 50) + " 42");
        for (String m : messages) {
            engine.execute(Query.of(
                            "INSERT INTO " + db + ".function_logs (timestamp, app_id, function_id, function_call_id,"
                                    + " container_id, stream, level, message) VALUES (now64(6), '', '', '', '', 'stdout', 'INFO', {m:String})")
                    .bind("m", m));
        }
        String mismatches = engine.queryScalar(Query.of("SELECT count() FROM " + db + ".function_logs WHERE "
                + PatternRules.COLUMN + " != " + PatternRules.sql("message")));
        assertEquals("0", mismatches);
        String cut = engine.queryScalar(Query.of("SELECT " + PatternRules.COLUMN + " FROM " + db
                + ".function_logs WHERE length(message) > " + PatternRules.MAX_CHARS));
        assertEquals("x".repeat(PatternRules.MAX_CHARS), cut, "made of the first characters only");
        assertEquals(false, Schema.addLogPatterns(engine, db, true), "a current column is kept");
    }

    @Test
    void theTellingLineInJavaIsTheOneTheSqlTakes() {
        var engine = TestEngine.shared();
        List<String> messages = new ArrayList<>(BY_HAND.keySet());
        messages.addAll(List.of(
                "Traceback\n\n   \n",
                "  padded first line  \nsecond",
                "one\n",
                "\nstarts with a newline",
                "Traceback (most recent call last):\n  File x\nValueError: bad   "));
        for (String m : messages) {
            String sql = engine.queryScalar(Query.of("SELECT " + PatternRules.tellingLineSql("{m:String}"))
                    .bind("m", m));
            assertEquals(sql, PatternRules.tellingLine(m), m);
        }
    }
}
