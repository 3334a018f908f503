package dev.callscope.cli;

import dev.callscope.engine.Engine;
import dev.callscope.schema.Schema;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Creates Callscope's tables, on the embedded engine or a server. */
@Command(name = "schema", description = "Create Callscope's tables (function_call_events, function_logs).")
final class SchemaCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "ACTION", description = "create")
    String action;

    @Mixin
    CommandSupport support;

    @Option(names = "--database", paramLabel = "DB", defaultValue = "callscope", description = "Database for the tables (default: ${DEFAULT-VALUE}).")
    String database;

    @Option(names = "--bloom-filter-index", description = "Index log messages with tokenbf_v1 (servers older than ClickHouse 26.2).")
    boolean bloomFilter;

    @Option(names = "--yes", description = "Confirm creating tables on a server (--url); without it the database name is asked for.")
    boolean yes;

    @Override
    public Integer call() {
        if (!"create".equals(action)) {
            return support.usageError("unknown action '" + action + "' (expected: create)");
        }
        Schema.requireDatabaseName(database);
        if (!support.confirmServerWrite("Callscope's tables", database, yes)) {
            return CommandSupport.BAD_ARGUMENTS;
        }
        return support.withEngine(engine -> create(engine));
    }

    private int create(Engine engine) {
        Schema.create(engine, database, bloomFilter ? Schema.LogIndex.TOKEN_BLOOM_FILTER : Schema.LogIndex.TEXT);
        support.out().println("Created " + database + "." + Schema.EVENTS_TABLE + " and " + database + "." + Schema.LOGS_TABLE
                + " on " + engine.info().describe());
        return 0;
    }
}
