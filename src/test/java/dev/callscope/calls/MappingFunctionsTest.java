package dev.callscope.calls;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Mapping expressions may call functions of the row's own values and nothing else: an allow-list
 * of what users write and a deny-list of what reads files, other sources, the session, or could
 * exhaust the server. The accepted ones must also run: {@link EventSchemaCheckTest} dry-runs mappings.
 */
class MappingFunctionsTest {

    static final List<String> ALLOWED = List.of(
            "ended",
            "multiIf(outcome = 'ok', 'success', 'failure')",
            "if(ok, 'success', 'failure')",
            "transform(kind, ['a', 'b'], ['queued', 'started'], kind)",
            "coalesce(ended, started)",
            "ifNull(gpu, '')",
            "nullIf(ended, toDateTime64(0, 3))",
            "assumeNotNull(ended)",
            "isNull(ended)",
            "greatest(a, b)",
            "least(a, b)",
            "not(ok)",
            "kind IN ('a', 'b')",
            "NOT (a AND (b OR c))",
            "fromUnixTimestamp64Milli(ts_ms)",
            "fromUnixTimestamp64Micro(ts_us)",
            "fromUnixTimestamp64Nano(ts_ns)",
            "fromUnixTimestamp(ts)",
            "parseDateTimeBestEffort(ts_text)",
            "parseDateTime64BestEffortOrNull(ts_text, 6)",
            "addMilliseconds(start, duration_ms)",
            "subtractSeconds(end, 1)",
            "dateDiff('second', a, b)",
            "toDateTime64(ts, 6, 'UTC')",
            "toDateTime(ts)",
            "toString(fn)",
            "toUInt16(n + 1)",
            "toUInt8OrZero(gpus)",
            "toFloat32(cores)",
            "toFloat64OrNull(mem)",
            "toLowCardinality(fn)",
            "toUnixTimestamp64Milli(ts)",
            "toStartOfSecond(ts)",
            "lower(status)",
            "upperUTF8(gpu)",
            "concat(app, '/', fn)",
            "substring(call_id, 1, 26)",
            "trimBoth(fn)",
            "replaceAll(fn, '_', '-')",
            "replaceRegexpOne(fn, '^x', '')",
            "extract(path, '/fn/([a-z]+)')",
            "splitByChar('/', path)[2]",
            "startsWith(call_id, 'fc-')",
            "position(msg, 'timeout') > 0",
            "empty(parent)",
            "length(chunks)",
            "JSONExtractString(attrs, 'function')",
            "JSONExtractFloat(attrs, 'cpu')",
            "simpleJSONExtractUInt(attrs, 'gpus')",
            "visitParamExtractString(a, 'k')",
            "attrs['pod.name']",
            "mapContains(attrs, 'gpu')",
            "arrayElement(tags, 1)",
            "has(tags, 'gpu')",
            "arrayMap(x -> x * 2, sizes)[1]",
            "tupleElement(t, 1)",
            "CAST(n, 'UInt16')",
            "intDiv(ms, 1000)",
            "round(mem / 1024, 2)",
            "abs(delta)",
            "CASE WHEN ok THEN 'success' ELSE 'failure' END",
            "if(kind = 'done', ts, NULL)",
            "'it''s; fine -- in quotes'",
            "match(fn, '^gen')");

    static final List<String> DENIED = List.of(
            "file('/etc/hostname')",
            "url('http://127.0.0.1/x', 'RawBLOB')",
            "remote('127.0.0.1', system.one)",
            "remoteSecure('h', db.t)",
            "s3('http://127.0.0.1/b/k')",
            "hdfs('hdfs://h/x')",
            "executable('ls', 'TSV', 'x String')",
            "dictGet('d', 'v', 1)",
            "dictGetString('d', 'v', 1)",
            "dictHas('d', 1)",
            "joinGet('j', 'v', 1)",
            "currentUser()",
            "currentDatabase()",
            "user()",
            "hostName()",
            "fqdn()",
            "version()",
            "uptime()",
            "serverUUID()",
            "getSetting('readonly')",
            "getMacro('shard')",
            "randomString(1e9)",
            "randomPrintableASCII(1e9)",
            "randomStringUTF8(1e9)",
            "fuzzBits(s, 0.5)",
            "sleep(3)",
            "sleepEachRow(3)",
            "arrayJoin([1, 2])",
            "numbers(10)",
            "generateRandom('a String')",
            "input('a String')",
            "mysql('h', 'd', 't', 'u', 'p')",
            "postgresql('h', 'd', 't', 'u', 'p')",
            "jdbc('x', 't')",
            "odbc('x', 't')",
            "sqlite('/tmp/x', 't')",
            "mongodb('h', 'd', 'c', 'u', 'p', 'x String')",
            "azureBlobStorage('x')",
            "gcs('x')",
            "cluster('c', system.one)",
            "clusterAllReplicas('c', system.one)",
            "view(system.one)",
            "merge('db', '.*')",
            "filesystem('/')",
            "throwIf(1)",
            "runningDifference(x)",
            "neighbor(x, 1)",
            "rowNumberInAllBlocks()",
            "blockNumber()",
            "now()",
            "rand()",
            "generateUUIDv4()",
            "hasColumnInTable('system', 'users', 'name')",
            "initializeAggregation('sum', 1)",
            "evalMLMethod(m, 1)",
            "catboostEvaluate('/m', 1)",
            "lower(file('/etc/passwd'))",
            "if(ok, url('http://x', 'RawBLOB'), '')",
            "coalesce(ended, dictGet('d', 'v', 1))");

    @Test
    void functionsOfTheRowsOwnValuesAreAccepted() {
        assertTrue(ALLOWED.size() >= 50);
        for (String ok : ALLOWED) {
            EventExpr.parse(ok);
        }
    }

    @Test
    void everyOtherFunctionIsRefusedByName() {
        assertTrue(DENIED.size() >= 50);
        for (String bad : DENIED) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> EventExpr.parse(bad), bad);
            String refused = firstDeniedName(bad);
            assertTrue(
                    e.getMessage().startsWith("The function " + refused + " is not allowed in a mapping"),
                    bad + ": " + e.getMessage());
        }
    }

    /** The first called name in {@code expr} that the allow-list lacks. */
    private static String firstDeniedName(String expr) {
        var m = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)\\s*\\(").matcher(expr);
        while (m.find()) {
            if (!MappingFunctions.allowed(m.group(1))) {
                return m.group(1);
            }
        }
        throw new AssertionError("no denied function in " + expr);
    }
}
