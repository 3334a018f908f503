package dev.callscope.performance;

import dev.callscope.calls.AttemptRows;
import dev.callscope.calls.CallLatencies;
import dev.callscope.calls.CallRollup;
import dev.callscope.engine.Query;
import dev.callscope.engine.SqlPart;
import dev.callscope.schema.Schema;
import java.time.Duration;
import java.time.Instant;

/**
 * The SQL that keeps the rollup ({@link CallRollup}) sealed on the server, whoever writes the
 * events (created and run by {@code acceleration.RollupViews}, since views never write): a
 * refreshable materialized view, {@code function_call_rollup_refresh}, runs {@link #select} every
 * 30 seconds and appends what it computes. No view depends on Callscope having written anything.
 *
 * <p>Each run seals, from the calls, the slots from where the previous runs stopped (the rows'
 * {@code sealed_through}; the first finish ever, when empty) to the horizon, a minute before now (at most a day per run, so a first seal
 * of a long history stays bounded in memory), and also every slot holding a call whose events
 * arrived since the previous run ({@code function_call_attempts.updated_at}), however late: such
 * a slot is computed whole again and its new row replaces the old one (the rollup is a
 * ReplacingMergeTree by {@code sealed_at}). A slot the calls no longer reach (a call that moved
 * to a later slot when a retry of it arrived) is sealed empty. So the rollup always equals the
 * calls, at most one run (30 s) after the last event arrived, and duplicates or order of arrival
 * never change it. Every run also writes an empty row for no function ({@code function_id = ''})
 * in its window's last slot, so {@code sealed_through} moves on when nothing finished (without it a
 * quiet day would leave every later run sealing that same empty day, and nothing after it).
 */
public final class RollupRefresh {

    public static final String VIEW = "function_call_rollup_refresh";

    /** The view's version, kept as its comment; a view of another version is written again. */
    public static final String VIEW_VERSION = "v3";

    /** How far behind the clock a slot is first sealed, so events a little late seal once, not twice. */
    public static final Duration MARGIN = Duration.ofMinutes(1);

    /** How much later than a run's start an insert may become visible to it: dirty calls are taken from this far back. */
    private static final Duration VISIBILITY = Duration.ofMinutes(1);

    private static final String LEVELS = "(0.5, 0.9, 0.99)";
    private static final String SLOT = "INTERVAL 30 SECOND";

    private RollupRefresh() {}

    /** The view's DDL: the server runs {@link #select} every 30 seconds, appending to the rollup. */
    public static String ddl(String database) {
        String db = Schema.requireDatabaseName(database);
        return "CREATE MATERIALIZED VIEW " + db + "." + VIEW + " REFRESH EVERY 30 SECOND APPEND TO " + db + "."
                + Schema.ROLLUP_TABLE
                + " AS\n"
                + select(
                        db,
                        "toStartOfInterval(now64(6, 'UTC') - INTERVAL " + MARGIN.toSeconds() + " SECOND, " + SLOT + ")")
                + "\nCOMMENT '" + VIEW_VERSION + "'";
    }

    /**
     * One run of the view's query as if the clock were {@code horizon} plus {@link #MARGIN}: the
     * same SQL as the view's, with the horizon bound (for tests that seal up to a moment in the past).
     */
    public static Query refreshAt(String database, Instant horizon) {
        String db = Schema.requireDatabaseName(database);
        return Query.of("INSERT INTO " + db + "." + Schema.ROLLUP_TABLE + " (" + columns() + ")\n"
                        + select(db, "toStartOfInterval({horizon:DateTime64(6, 'UTC')}, " + SLOT + ")"))
                .bind("horizon", horizon);
    }

    private static String columns() {
        StringBuilder cols = new StringBuilder(
                "function_id, slot, calls, successes, failures, timeouts, other_failures, cold_starts");
        for (Metric m : Metric.values()) {
            String p = m.rollupPrefix();
            cols.append(", ")
                    .append(p)
                    .append("_exact, ")
                    .append(p)
                    .append("_tdigest, ")
                    .append(p)
                    .append("_sum, ")
                    .append(p)
                    .append("_max");
        }
        return cols.append(", sealed_at, sealed_through").toString();
    }

    /**
     * The rows one run appends, with the horizon as SQL. The window's bounds are scalars of the
     * rollup and the summary (WITH), and the per-call latency rows are {@link CallLatencies}'
     * over those bounds by name: a view's query takes no parameters.
     */
    static String select(String db, String horizon) {
        String rollup = db + "." + Schema.ROLLUP_TABLE;
        String attempts = db + "." + Schema.ATTEMPTS_TABLE;
        // where the previous runs stopped: every slot before it is sealed (the first finish ever, when none ran)
        // (the first finish is looked for only then: the guard, constant once the scalars are known,
        // lets the server skip the read that would otherwise scan every finish on every run)
        String lastSeal = "(SELECT maxOrNull(sealed_through) FROM " + rollup + ")";
        String frontier = "ifNull(toDateTime64(" + lastSeal + ", 6, 'UTC'), " + "(SELECT minOrNull(finished_at) FROM "
                + attempts + " WHERE " + lastSeal + " IS NULL))";
        // the calls whose events arrived since the previous run, and so every attempt of theirs
        String dirtyCalls =
                "(function_id, enqueued_at, function_call_id) IN (SELECT function_id, enqueued_at, function_call_id FROM "
                        + attempts + " WHERE updated_at >= (SELECT maxOrNull(sealed_at) FROM " + rollup
                        + ") - INTERVAL "
                        + VISIBILITY.toSeconds() + " SECOND)";
        String dirty = "(SELECT minOrNull(finished_at) FROM " + attempts + " WHERE " + dirtyCalls + ")";
        // their slots: only these are written again below the frontier (a bulk load's last minute
        // touches a few functions' calls all over the day, not every slot)
        String dirtySlots = "(SELECT function_id, toDateTime(toStartOfInterval(finished_at, " + SLOT + ")) FROM "
                + attempts + " WHERE finished_at IS NOT NULL AND " + dirtyCalls + ")";
        String with = "WITH " + horizon + " AS seal_horizon, " + frontier + " AS seal_frontier,\n"
                + "     toStartOfInterval(least(seal_frontier, ifNull(" + dirty + ", seal_horizon), seal_horizon), "
                + SLOT + ") AS seal_from,\n"
                + "     least(seal_horizon, seal_frontier + INTERVAL 1 DAY) AS seal_to\n";
        SqlPart latencies = CallLatencies.overSummary(AttemptRows.fromSummary(db), "seal_from", "seal_to");
        if (!latencies.params().isEmpty()) {
            throw new IllegalStateException("The rollup's refresh has a value to bind: " + latencies);
        }
        String calls = latencies.sql();
        StringBuilder select = new StringBuilder(with).append("""
                SELECT fn AS function_id, slot, sum(w) AS calls, countIf(w AND status = 'success') AS successes,
                       countIf(w AND status = 'failure') AS failures, countIf(w AND status = 'timeout') AS timeouts,
                       countIf(w AND status IN ('init_failure', 'terminated')) AS other_failures, countIf(w AND cold_start) AS cold_starts""");
        for (Metric m : Metric.values()) {
            String x = "assumeNotNull(" + m.column() + ")";
            String cond = m == Metric.COLD_START ? "w AND cold_start" : "w";
            String p = m.rollupPrefix();
            select.append(",\n       quantilesExactStateIf")
                    .append(LEVELS)
                    .append('(')
                    .append(x)
                    .append(", ")
                    .append(cond)
                    .append(") AS ")
                    .append(p)
                    .append("_exact")
                    .append(", quantilesTDigestStateIf")
                    .append(LEVELS)
                    .append('(')
                    .append(x)
                    .append(", ")
                    .append(cond)
                    .append(") AS ")
                    .append(p)
                    .append("_tdigest")
                    .append(", sumIf(")
                    .append(x)
                    .append(", ")
                    .append(cond)
                    .append(") AS ")
                    .append(p)
                    .append("_sum")
                    .append(", maxIf(")
                    .append(x)
                    .append(", ")
                    .append(cond)
                    .append(") AS ")
                    .append(p)
                    .append("_max");
        }
        select.append(", now64(6, 'UTC') AS sealed_at, toDateTime(any(seal_to)) AS sealed_through\nFROM (\n")
                .append("  SELECT fn, toDateTime(toStartOfInterval(fin, ")
                .append(SLOT)
                .append(")) AS slot, toString(status) AS status, cold_start,")
                .append(" queue_ms, cold_ms, run_ms, e2e_ms, true AS w\n  FROM (")
                .append(calls)
                .append(")\n")
                // every slot already sealed in the window is written again, empty if no call is in it any more
                .append("  UNION ALL\n  SELECT function_id, slot, '', false, 0, 0, 0, 0, false FROM ")
                .append(rollup)
                .append(" FINAL WHERE slot >= seal_from AND slot < seal_to\n")
                // and the window's last slot for no function: a run that found no call still moves
                // sealed_through, so a quiet spell neither strands the frontier nor grows the next window
                .append("  UNION ALL\n  SELECT '', toDateTime(seal_to - " + SLOT + "), '', false, 0, 0, 0, 0, false)\n")
                .append("WHERE slot >= toStartOfInterval(seal_frontier, " + SLOT + ") OR (fn, slot) IN ")
                .append(dirtySlots)
                .append("\nGROUP BY fn, slot");
        return select.toString();
    }
}
