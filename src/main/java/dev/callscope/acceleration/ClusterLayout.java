package dev.callscope.acceleration;

import dev.callscope.performance.RollupRefresh;
import dev.callscope.schema.Schema;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Callscope's tables on a self-managed cluster ({@code callscope schema create --cluster NAME}):
 * every table as a {@code Replicated…MergeTree} on each shard ({@code …_local}) under a
 * {@code Distributed} table of the usual name, all {@code ON CLUSTER}; ClickHouse Cloud replicates
 * by itself and needs none of this.
 *
 * <p>Events are sharded by call (container events by container), so every row of an attempt, of a
 * call and of a container's life meets on one shard. That is what keeps every view exact: each
 * shard's summary view folds whole calls, {@code FINAL} (applied per shard) removes every
 * duplicate, and each shard's refreshable view seals the rollup of its own calls, which a reader
 * sums with the other shards' (counts add, quantile states merge). The views read the Distributed
 * tables under their usual names, so every query runs unchanged; docs/SCHEMA.md says why per query.
 */
public final class ClusterLayout {

    /** Where an event lives: with the rest of its call, or of its container (a lifecycle event has no call). */
    static final String EVENT_SHARD = "cityHash64(if(function_call_id = '', container_id, function_call_id))";

    private static final Pattern CLUSTER_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,63}");
    private static final Pattern ENGINE =
            Pattern.compile("ENGINE = (ReplacingMergeTree|AggregatingMergeTree|MergeTree)(?:\\(([^)]*)\\))?");

    private ClusterLayout() {}

    /** The statements, in order, that create the layout in {@code database} on {@code cluster}. */
    public static List<String> statements(String database, String cluster, Schema.LogIndex logIndex) {
        String db = Schema.requireDatabaseName(database);
        if (!CLUSTER_NAME.matcher(cluster).matches()) {
            throw new IllegalArgumentException("Not a cluster name: " + cluster);
        }
        List<String> out = new ArrayList<>();
        out.add("CREATE DATABASE IF NOT EXISTS " + db + " ON CLUSTER " + cluster);
        table(out, db, cluster, Schema.EVENTS_TABLE, Schema.ddl("function_call_events.sql", db), EVENT_SHARD);
        table(out, db, cluster, Schema.LOGS_TABLE, Schema.ddl(logIndex.resource(), db), EVENT_SHARD);
        // the summary: its table, and the two views that fold each shard's inserts into it
        List<String> summary = Schema.summaryStatements(db, db + "." + local(Schema.EVENTS_TABLE), null);
        table(out, db, cluster, Schema.ATTEMPTS_TABLE, summary.get(0), "cityHash64(function_call_id)");
        out.add(onShard(onCluster(summary.get(1), db, Schema.ATTEMPTS_VIEW, cluster), db));
        out.add(onShard(onCluster(summary.get(2), db, Schema.RETRIES_VIEW, cluster), db));
        // the rollup: each shard seals its own calls' slots into its own part of it
        table(out, db, cluster, Schema.ROLLUP_TABLE, Schema.ddl("function_call_rollup.sql", db), "rand()");
        out.add(onShard(onCluster(RollupRefresh.ddl(db), db, RollupRefresh.VIEW, cluster), db));
        return out;
    }

    /** A shard-side view's SQL with every table it reads or writes named as the shard's own ({@code …_local}). */
    private static String onShard(String sql, String db) {
        for (String table : List.of(Schema.EVENTS_TABLE, Schema.ATTEMPTS_TABLE, Schema.ROLLUP_TABLE)) {
            // the table's name as a whole word: not a view named after it (function_call_rollup_refresh)
            sql = sql.replaceAll(
                    Pattern.quote(db + "." + table) + "(?![\\w])", Matcher.quoteReplacement(db + "." + local(table)));
        }
        return sql;
    }

    static String local(String table) {
        return table + "_local";
    }

    /** A shard's replicated table, then the Distributed table of the usual name over it. */
    private static void table(List<String> out, String db, String cluster, String table, String ddl, String shardKey) {
        String create = "CREATE TABLE IF NOT EXISTS " + db + "." + table + "\n";
        if (!ddl.contains(create)) {
            throw new IllegalStateException("Unexpected DDL for " + table);
        }
        String localDdl = ddl.replace(
                create, "CREATE TABLE IF NOT EXISTS " + db + "." + local(table) + " ON CLUSTER " + cluster + "\n");
        Matcher m = ENGINE.matcher(localDdl);
        if (!m.find()) {
            throw new IllegalStateException("No engine in the DDL of " + table);
        }
        String path = "'/clickhouse/tables/{shard}/" + db + "/" + local(table) + "', '{replica}'";
        String args = m.group(2) == null || m.group(2).isBlank() ? "" : ", " + m.group(2);
        out.add(localDdl.substring(0, m.start()) + "ENGINE = Replicated" + m.group(1) + "(" + path + args + ")"
                + localDdl.substring(m.end()));
        out.add("CREATE TABLE IF NOT EXISTS " + db + "." + table + " ON CLUSTER " + cluster + " AS " + db + "."
                + local(table) + "\nENGINE = Distributed(" + cluster + ", " + db + ", " + local(table) + ", " + shardKey
                + ")");
    }

    /** A view's DDL with {@code ON CLUSTER} after its name. */
    private static String onCluster(String ddl, String db, String view, String cluster) {
        String name = db + "." + view + " ";
        int at = ddl.indexOf(name);
        if (at < 0) {
            throw new IllegalStateException("Unexpected DDL for " + view);
        }
        return ddl.substring(0, at + name.length()) + "ON CLUSTER " + cluster + " " + ddl.substring(at + name.length());
    }
}
