package dev.callscope.logs;

import dev.callscope.schema.Schema;

/** The qualified tables a log search reads; the database name is checked as a plain identifier. */
public record LogTables(String database) {

    public LogTables {
        Schema.requireDatabaseName(database);
    }

    public String logs() {
        return database + "." + Schema.LOGS_TABLE;
    }

    public String events() {
        return database + "." + Schema.EVENTS_TABLE;
    }
}
