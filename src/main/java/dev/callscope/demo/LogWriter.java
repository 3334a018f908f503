package dev.callscope.demo;

import dev.callscope.engine.Engine;
import dev.callscope.engine.Query;
import dev.callscope.schema.Schema;

/** Writes log lines with one INSERT ... SELECT per function (see insert_logs.sql). */
final class LogWriter {

    private static final String SQL = Schema.resourceText(LogWriter.class, "insert_logs.sql");

    private LogWriter() {}

    /** Writes the log lines of one function whose events are already loaded; does nothing when logsPerCall is 0. */
    static void write(Engine engine, DemoOptions o, DemoFunction f) {
        if (o.logsPerCall() == 0) {
            return;
        }
        String db = Schema.requireDatabaseName(o.database());
        engine.execute(Query.of(SQL.replace("{db}", db))
                .bind("n", o.logsPerCall())
                .bind("seed", o.seed() & Long.MAX_VALUE)
                .bind("end", o.end())
                .bind("function_id", f.functionId())
                .bind("kind", f.profile().kind().name()));
    }
}
