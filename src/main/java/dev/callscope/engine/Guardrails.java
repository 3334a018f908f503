package dev.callscope.engine;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Limits every read runs under, so that pointing Callscope at production can never write, run away or
 * flood the app: read-only, a time limit, result and memory caps on a server ({@link #readQuerySettings});
 * the time limit and result caps on the embedded engine ({@link #embeddedReadSettings}).
 *
 * @param maxExecutionTime server-side time limit per query
 * @param maxResultRows    rows a result may have before the server stops it with an error
 * @param maxResultBytes   bytes a result may have before the server stops it with an error
 * @param maxMemoryUsage   memory one query may use on the server, in bytes
 */
public record Guardrails(Duration maxExecutionTime, long maxResultRows, long maxResultBytes, long maxMemoryUsage) {

    public static final Guardrails DEFAULTS = new Guardrails(Duration.ofSeconds(30), 10_000_000L, 2L << 30, 4L << 30);

    public Guardrails {
        if (maxExecutionTime.isNegative() || maxExecutionTime.isZero()) {
            throw new IllegalArgumentException("maxExecutionTime must be positive");
        }
        if (maxResultRows <= 0 || maxResultBytes <= 0 || maxMemoryUsage <= 0) {
            throw new IllegalArgumentException("limits must be positive");
        }
    }

    public Guardrails withMaxExecutionTime(Duration limit) {
        return new Guardrails(limit, maxResultRows, maxResultBytes, maxMemoryUsage);
    }

    public Guardrails withMaxResultRows(long rows) {
        return new Guardrails(maxExecutionTime, rows, maxResultBytes, maxMemoryUsage);
    }

    /**
     * What a read may bring back into this process, whatever the engine or a proxy sends: the result size, but no
     * more than a quarter of its memory (a server may not honour {@code max_result_bytes}, and decoded rows take
     * more room than their bytes).
     */
    public long answerLimit() {
        return Math.min(maxResultBytes, Runtime.getRuntime().maxMemory() / 4);
    }

    /**
     * The settings the embedded engine runs a read under: the time limit and the result caps. The data is the
     * user's own, on their machine, so it needs no {@code readonly} and no memory cap beyond the engine's own.
     */
    public Map<String, String> embeddedReadSettings() {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("max_execution_time", Long.toString(Math.max(1, maxExecutionTime.toSeconds())));
        s.put("max_result_rows", Long.toString(maxResultRows));
        s.put("max_result_bytes", Long.toString(answerLimit()));
        s.put("result_overflow_mode", "throw");
        return s;
    }

    /** The ClickHouse settings that enforce these limits on a read query. */
    public Map<String, String> readQuerySettings() {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("readonly", "2"); // reads only; settings may still be set per query
        s.put("max_execution_time", Long.toString(Math.max(1, maxExecutionTime.toSeconds())));
        s.put("max_result_rows", Long.toString(maxResultRows));
        s.put("max_result_bytes", Long.toString(maxResultBytes));
        s.put("result_overflow_mode", "throw");
        s.put("max_memory_usage", Long.toString(maxMemoryUsage));
        // A closed response (the user cancelled, or the app quit) stops the query on the server too.
        s.put("cancel_http_readonly_queries_on_client_close", "1");
        return s;
    }
}
