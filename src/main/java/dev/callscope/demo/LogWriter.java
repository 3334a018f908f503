package dev.callscope.demo;

import dev.callscope.engine.Engine;
import dev.callscope.engine.Query;
import dev.callscope.schema.Schema;
import java.util.List;

/** Writes log lines with one INSERT ... SELECT per function (see insert_logs.sql), reporting progress between them. */
final class LogWriter {

    private static final String SQL = Schema.resourceText(LogWriter.class, "insert_logs.sql");

    private LogWriter() {
    }

    static long write(Engine engine, DemoOptions o, List<DemoFunction> functions, DemoProgress progress, double done) {
        if (o.logsPerCall() == 0) {
            return 0;
        }
        String db = Schema.requireDatabaseName(o.database());
        long before = DemoWorkload.count(engine, db, Schema.LOGS_TABLE);
        Query template = Query.of(SQL.replace("{db}", db))
                .bind("n", o.logsPerCall()).bind("seed", o.seed() & Long.MAX_VALUE).bind("end", o.end());
        for (int i = 0; i < functions.size(); i++) {
            DemoFunction f = functions.get(i);
            engine.execute(template.bind("function_id", f.functionId()).bind("kind", f.profile().kind().name())
                    .withId(java.util.UUID.randomUUID().toString()));
            progress.update("logs", done + (1 - done) * (i + 1) / functions.size());
        }
        return DemoWorkload.count(engine, db, Schema.LOGS_TABLE) - before;
    }
}
