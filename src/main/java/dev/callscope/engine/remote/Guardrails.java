package dev.callscope.engine.remote;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Limits every read query sends to a server, so that pointing Callscope at production can never
 * write, run away or flood the app: read-only, a time limit, result and memory caps.
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

    /** The ClickHouse settings that enforce these limits on a read query. */
    Map<String, String> readQuerySettings() {
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
