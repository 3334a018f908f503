package dev.callscope.schema;

import dev.callscope.engine.Query;
import dev.callscope.engine.QueryExecutor;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Says what a connection lacks for Callscope's views: the database, a table, or columns, naming
 * each, by comparing {@code system.columns} with the columns of Callscope's own DDL.
 */
public final class SchemaCheck {

    private static final Pattern COLUMN = Pattern.compile("(?m)^\\s{4}([a-z_]+)\\s+[A-Z]");

    private SchemaCheck() {}

    /** The problems, each a sentence; empty when every table and column is there. */
    public static List<String> problems(QueryExecutor engine, String database) {
        Schema.requireDatabaseName(database);
        Map<String, Set<String>> present = new LinkedHashMap<>();
        engine.query(
                Query.of("SELECT table, name FROM system.columns WHERE database = {db:String}")
                        .bind("db", database),
                rows -> {
                    while (rows.next()) {
                        present.computeIfAbsent(rows.getString(1), k -> new HashSet<>())
                                .add(rows.getString(2));
                    }
                    return null;
                });
        List<String> out = new ArrayList<>();
        if (present.isEmpty()) {
            boolean exists = !"0"
                    .equals(engine.query(
                                    Query.of("SELECT count() FROM system.databases WHERE name = {db:String}")
                                            .bind("db", database),
                                    rows -> rows.next() ? rows.getString(1) : "0")
                            .value());
            out.add(
                    exists
                            ? "Database " + database
                                    + " has none of Callscope's tables (create them with `callscope schema create`)"
                            : "Database " + database + " does not exist");
            return out;
        }
        for (Map.Entry<String, List<String>> table : required().entrySet()) {
            Set<String> columns = present.get(table.getKey());
            if (columns == null) {
                out.add("Table " + database + "." + table.getKey() + " is missing");
                continue;
            }
            List<String> missing =
                    table.getValue().stream().filter(c -> !columns.contains(c)).toList();
            if (!missing.isEmpty()) {
                out.add("Table " + database + "." + table.getKey() + " lacks column" + (missing.size() > 1 ? "s " : " ")
                        + String.join(", ", missing));
            }
        }
        return out;
    }

    /** Each table's columns, read from the DDL the schema command applies. */
    static Map<String, List<String>> required() {
        Map<String, List<String>> out = new LinkedHashMap<>();
        out.put(Schema.EVENTS_TABLE, columns("function_call_events.sql"));
        out.put(Schema.LOGS_TABLE, columns("function_logs.sql"));
        return out;
    }

    private static List<String> columns(String resource) {
        try (InputStream in = SchemaCheck.class.getResourceAsStream("/dev/callscope/schema/" + resource)) {
            String ddl = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            List<String> names = new ArrayList<>();
            Matcher m = COLUMN.matcher(ddl);
            while (m.find()) {
                if (!m.group(1).equals("index")) {
                    names.add(m.group(1));
                }
            }
            return names;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
