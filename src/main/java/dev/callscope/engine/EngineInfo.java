package dev.callscope.engine;

/**
 * Describes a connected engine for the connection bar and the logs.
 *
 * @param kind          embedded (chDB in this process) or remote (a ClickHouse server)
 * @param endpoint      the data directory or the server URL, without credentials
 * @param serverVersion ClickHouse's {@code version()}
 */
public record EngineInfo(Kind kind, String endpoint, String serverVersion) {

    public enum Kind {
        EMBEDDED,
        REMOTE
    }

    public String describe() {
        return (kind == Kind.EMBEDDED ? "Embedded chDB " : "ClickHouse ") + serverVersion + " · " + endpoint;
    }
}
