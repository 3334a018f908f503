package dev.callscope.cli;

import dev.callscope.acceleration.ClusterLayout;
import dev.callscope.acceleration.RollupViews;
import dev.callscope.engine.Engine;
import dev.callscope.engine.Query;
import dev.callscope.schema.Schema;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Creates Callscope's tables, on the embedded engine or a server. */
@Command(
        name = "schema",
        mixinStandardHelpOptions = true,
        description = "Create Callscope's tables (function_call_events, function_logs).")
final class SchemaCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "ACTION", description = "create")
    String action;

    @Mixin
    CommandSupport support;

    @Option(
            names = "--database",
            paramLabel = "DB",
            defaultValue = Schema.DATABASE,
            description = "Database for the tables (default: ${DEFAULT-VALUE}).")
    String database;

    @Option(
            names = "--bloom-filter-index",
            description = "Index log messages with tokenbf_v1 (servers older than ClickHouse 26.2).")
    boolean bloomFilter;

    @Option(
            names = "--cluster",
            paramLabel = "NAME",
            description = "On a self-managed cluster: replicated tables on every shard under Distributed tables, all"
                    + " ON CLUSTER NAME (ClickHouse Cloud replicates by itself: leave this out there).")
    String cluster;

    @Option(
            names = "--print",
            description = "With --cluster: print the statements instead of running them (nothing is sent).")
    boolean print;

    @Option(
            names = "--yes",
            description = "Confirm creating tables on a server (--url); without it the database name is asked for.")
    boolean yes;

    @Override
    public Integer call() {
        if (!"create".equals(action)) {
            return support.usageError("unknown action '" + action + "' (expected: create)");
        }
        Schema.requireDatabaseName(database);
        Schema.LogIndex index = bloomFilter ? Schema.LogIndex.TOKEN_BLOOM_FILTER : Schema.LogIndex.TEXT;
        if (print && cluster == null) {
            return support.usageError("--print shows the statements of --cluster NAME");
        }
        if (cluster != null) {
            List<String> statements;
            try {
                statements = ClusterLayout.statements(database, cluster, index);
            } catch (IllegalArgumentException e) {
                return support.usageError(e.getMessage());
            }
            if (print) {
                statements.forEach(st -> support.out().println(st + ";\n"));
                return CommandSupport.OK;
            }
            if (!support.confirmServerWrite("Callscope's tables on cluster " + cluster, database, yes)) {
                return CommandSupport.BAD_ARGUMENTS;
            }
            return support.withEngine(engine -> {
                statements.forEach(st -> engine.execute(Query.of(st)));
                support.out().println("Created Callscope's tables in " + database + " on cluster " + cluster + ".");
                return CommandSupport.OK;
            });
        }
        if (!support.confirmServerWrite("Callscope's tables", database, yes)) {
            return CommandSupport.BAD_ARGUMENTS;
        }
        return support.withEngine(engine -> create(engine));
    }

    private int create(Engine engine) {
        Map<String, String> before = tables(engine);
        Schema.create(engine, database, bloomFilter ? Schema.LogIndex.TOKEN_BLOOM_FILTER : Schema.LogIndex.TEXT);
        // the server keeps the rollup itself, whoever writes the events
        RollupViews.install(engine, database);
        Map<String, String> after = tables(engine);
        support.out().println("On " + engine.info().describe() + ":");
        after.forEach((name, kind) -> support.out()
                .println("  " + (before.containsKey(name) ? "kept    " : "created ") + database + "." + name + " ("
                        + kind + ")"));
        return 0;
    }

    /** The database's tables and views by name, with what each is (from the server's catalog, not a list of ours). */
    private Map<String, String> tables(Engine engine) {
        return engine.query(
                        Query.of("SELECT name, engine FROM system.tables WHERE database = {db:String} ORDER BY name")
                                .bind("db", database),
                        rows -> {
                            Map<String, String> out = new LinkedHashMap<>();
                            while (rows.next()) {
                                String kind = rows.getString(2);
                                out.put(
                                        rows.getString(1),
                                        kind.equals("MaterializedView") ? "materialized view" : "table, " + kind);
                            }
                            return out;
                        })
                .value();
    }
}
