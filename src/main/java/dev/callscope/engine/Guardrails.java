package dev.callscope.engine;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Limits every read runs under, so that pointing Callscope at production can never write, run away or
 * flood the app: read-only, a time limit, result and memory caps on a server ({@link #readQuerySettings});
 * the time limit and result caps on the embedded engine ({@link #embeddedReadSettings}).
 *
 * <p>A profile keeps its limits as this record too (its components are what profiles.json holds).
 *
 * @param maxExecutionSeconds server-side time limit per query, 1 s to 24 h
 * @param maxResultRows       rows a result may have before the server stops it with an error
 * @param maxResultBytes      bytes a result may have before the server stops it with an error
 * @param maxMemoryBytes      memory one query may use on the server
 */
public record Guardrails(int maxExecutionSeconds, long maxResultRows, long maxResultBytes, long maxMemoryBytes) {

    /** The longest time limit a read may have. */
    public static final int MAX_SECONDS = 86_400;

    public static final Guardrails DEFAULTS = new Guardrails(30, 10_000_000L, 2L << 30, 4L << 30);

    public Guardrails {
        if (maxExecutionSeconds < 1 || maxExecutionSeconds > MAX_SECONDS) {
            throw new IllegalArgumentException("The time limit must be between 1 s and 24 h");
        }
        if (maxResultRows < 1 || maxResultBytes < 1 || maxMemoryBytes < 1) {
            throw new IllegalArgumentException("Limits must be positive");
        }
    }

    /** The time limit as a duration. */
    public Duration maxExecutionTime() {
        return Duration.ofSeconds(maxExecutionSeconds);
    }

    public Guardrails withMaxExecutionTime(Duration limit) {
        return new Guardrails((int) Math.max(1, limit.toSeconds()), maxResultRows, maxResultBytes, maxMemoryBytes);
    }

    public Guardrails withMaxResultRows(long rows) {
        return new Guardrails(maxExecutionSeconds, rows, maxResultBytes, maxMemoryBytes);
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
        s.put("max_execution_time", Integer.toString(maxExecutionSeconds));
        s.put("max_result_rows", Long.toString(maxResultRows));
        s.put("max_result_bytes", Long.toString(answerLimit()));
        s.put("result_overflow_mode", "throw");
        return s;
    }

    /** The ClickHouse settings that enforce these limits on a read query. */
    public Map<String, String> readQuerySettings() {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("readonly", "2"); // reads only; settings may still be set per query
        s.put("max_execution_time", Integer.toString(maxExecutionSeconds));
        s.put("max_result_rows", Long.toString(maxResultRows));
        s.put("max_result_bytes", Long.toString(maxResultBytes));
        s.put("result_overflow_mode", "throw");
        s.put("max_memory_usage", Long.toString(maxMemoryBytes));
        // On a cluster (Distributed tables) a subquery is run once over all shards and its answer sent
        // to each, so an IN over a batch's or a range's calls means what it means on one server.
        s.put("distributed_product_mode", "global");
        // A closed response (the user cancelled, or the app quit) stops the query on the server too.
        s.put("cancel_http_readonly_queries_on_client_close", "1");
        return s;
    }
}
