package dev.callscope.acceleration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.callscope.cli.CallscopeCommand;
import dev.callscope.engine.Query;
import dev.callscope.schema.Schema;
import dev.callscope.testing.TestEngine;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The cluster layout, checked as far as one machine can: every statement is one the engine's parser
 * accepts, every table is replicated on each shard under a Distributed table of the usual name
 * (so the views' SQL runs unchanged), and the shard-side views read only their shard's tables.
 */
class ClusterLayoutTest {

    private static final List<String> STATEMENTS = ClusterLayout.statements("callscope", "prod", Schema.LogIndex.TEXT);

    @Test
    void everyStatementParses() {
        for (String statement : STATEMENTS) {
            // formatQuery parses without running: a statement it cannot read fails here with the server's reason
            String formatted = TestEngine.shared()
                    .queryScalar(Query.of("SELECT formatQuery({q:String})").bind("q", statement));
            assertTrue(formatted.contains("ON CLUSTER prod"), formatted);
        }
    }

    @Test
    void everyTableIsReplicatedOnEachShardUnderADistributedTableOfTheUsualName() {
        for (String table :
                List.of(Schema.EVENTS_TABLE, Schema.LOGS_TABLE, Schema.ATTEMPTS_TABLE, Schema.ROLLUP_TABLE)) {
            String local = only("CREATE TABLE IF NOT EXISTS callscope." + table + "_local ON CLUSTER prod");
            assertTrue(
                    local.contains("ENGINE = Replicated")
                            && local.contains(
                                    "'/clickhouse/tables/{shard}/callscope/" + table + "_local', '{replica}'"),
                    local);
            String distributed = only("CREATE TABLE IF NOT EXISTS callscope." + table + " ON CLUSTER prod");
            assertTrue(
                    distributed.contains("ENGINE = Distributed(prod, callscope, " + table + "_local, "), distributed);
        }
        // every row of a call meets on one shard: the events by call (a container's by container), the summary by call
        assertTrue(only("CREATE TABLE IF NOT EXISTS callscope.function_call_events ON CLUSTER")
                .contains(ClusterLayout.EVENT_SHARD));
        assertTrue(only("CREATE TABLE IF NOT EXISTS callscope.function_call_attempts ON CLUSTER")
                .contains("cityHash64(function_call_id)"));
        // the version columns stay what a replacing or aggregating table needs
        assertTrue(
                only("CREATE TABLE IF NOT EXISTS callscope.function_call_events_local")
                        .contains(
                                "ReplicatedReplacingMergeTree('/clickhouse/tables/{shard}/callscope/function_call_events_local', '{replica}', ingested_at)"));
        assertTrue(only("CREATE TABLE IF NOT EXISTS callscope.function_call_attempts_local")
                .contains("ReplicatedAggregatingMergeTree("));
    }

    @Test
    void theShardsViewsReadAndWriteOnlyTheirOwnShardsTables() {
        Pattern names = Pattern.compile("callscope\\.(function_[a-z_]+)");
        for (String statement : STATEMENTS) {
            if (!statement.contains("MATERIALIZED VIEW")) {
                continue;
            }
            Matcher m = names.matcher(statement);
            while (m.find()) {
                String name = m.group(1);
                assertTrue(
                        name.endsWith("_local") || name.endsWith("_mv") || name.endsWith("_refresh"),
                        "a shard's view reads " + name + " (a Distributed table) in: " + statement);
            }
        }
        assertEquals(
                3,
                STATEMENTS.stream().filter(s -> s.contains("MATERIALIZED VIEW")).count());
    }

    @Test
    void aClusterNameIsAnIdentifierAndPrintTakesOne() {
        assertThrows(
                IllegalArgumentException.class,
                () -> ClusterLayout.statements("callscope", "prod; DROP", Schema.LogIndex.TEXT));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        assertEquals(
                0,
                CallscopeCommand.run(
                        new PrintWriter(out, true),
                        new PrintWriter(err, true),
                        "schema",
                        "create",
                        "--cluster",
                        "prod",
                        "--print"));
        // exactly the statements, each ending in a semicolon: a file to review or to run with clickhouse-client
        assertEquals(
                STATEMENTS.stream().map(st -> st + ";\n\n").collect(Collectors.joining()),
                out.toString().replace(System.lineSeparator(), "\n"));
        assertTrue(
                out.toString().startsWith("CREATE DATABASE IF NOT EXISTS callscope ON CLUSTER prod;"), out.toString());
        StringWriter err2 = new StringWriter();
        assertEquals(
                2,
                CallscopeCommand.run(
                        new PrintWriter(new StringWriter(), true),
                        new PrintWriter(err2, true),
                        "schema",
                        "create",
                        "--print"));
        assertTrue(err2.toString().contains("--print shows the statements of --cluster NAME"), err2.toString());
        assertFalse(err.toString().contains("Exception"), err.toString());
    }

    private static String only(String start) {
        List<String> found = STATEMENTS.stream().filter(s -> s.contains(start)).toList();
        assertEquals(1, found.size(), start + " in " + found);
        return found.getFirst();
    }
}
