package dev.callscope.cli;

import dev.callscope.app.ConnectionTarget;
import dev.callscope.platform.AppDirs;
import java.io.Console;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * How a command reaches its data: the embedded engine on a data directory (the default), or a
 * ClickHouse server. The password never comes from a flag (it would land in shell history): it is
 * read from {@code CALLSCOPE_PASSWORD} or asked for on the terminal.
 */
final class ConnectionOptions {

    static final String PASSWORD_ENV = "CALLSCOPE_PASSWORD";

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Embedded engine data directory (default: the per-user data directory).")
    Path dataDir;

    @Option(names = "--url", paramLabel = "URL", description = "ClickHouse server, e.g. https://host:8443 (instead of the embedded engine).")
    String url;

    @Option(names = "--user", paramLabel = "USER", defaultValue = "default", description = "Server user (default: ${DEFAULT-VALUE}).")
    String user;

    @Option(names = "--server-database", paramLabel = "DB", defaultValue = "default",
            description = "Server database for the connection (default: ${DEFAULT-VALUE}).")
    String serverDatabase;

    ConnectionTarget target(AppDirs dirs) {
        if (url == null) {
            return new ConnectionTarget.Embedded(dataDir != null ? dataDir : dirs.defaultEngineData());
        }
        return new ConnectionTarget.Remote(url, user, password(), serverDatabase);
    }

    private String password() {
        String fromEnv = System.getenv(PASSWORD_ENV);
        if (fromEnv != null) {
            return fromEnv;
        }
        Console console = System.console();
        if (console == null) {
            return "";
        }
        char[] typed = console.readPassword("Password for %s at %s (empty for none): ", user, url);
        return typed == null ? "" : new String(typed);
    }
}
