package dev.callscope.app;

/**
 * The limits every read on a server runs under, as the user set them in a profile: a time limit,
 * result caps and a memory cap, enforced by the server and the embedded engine (see {@code engine.Guardrails}).
 *
 * @param maxExecutionSeconds server-side time limit per query
 * @param maxResultRows       rows a result may have
 * @param maxResultBytes      bytes a result may have
 * @param maxMemoryBytes      memory one query may use on the server
 */
public record QueryLimits(int maxExecutionSeconds, long maxResultRows, long maxResultBytes, long maxMemoryBytes) {

    public static final int MAX_SECONDS = 86_400;
    public static final QueryLimits DEFAULTS = new QueryLimits(30, 10_000_000L, 2L << 30, 4L << 30);

    public QueryLimits {
        if (maxExecutionSeconds < 1 || maxExecutionSeconds > MAX_SECONDS) {
            throw new IllegalArgumentException("The time limit must be between 1 s and 24 h");
        }
        if (maxResultRows < 1 || maxResultBytes < 1 || maxMemoryBytes < 1) {
            throw new IllegalArgumentException("Limits must be positive");
        }
    }
}
