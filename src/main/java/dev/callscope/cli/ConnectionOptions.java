package dev.callscope.cli;

import dev.callscope.app.ConnectionTarget;
import dev.callscope.platform.AppDirs;
import dev.callscope.profiles.Profile;
import dev.callscope.profiles.Profiles;
import dev.callscope.profiles.SavedPasswords;
import dev.callscope.secrets.SecretStoreException;
import java.io.Console;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * How a command reaches its data: the embedded engine on a data directory (the default), or a
 * ClickHouse server. The password never comes from a flag (it would land in shell history): it is
 * read from {@code CALLSCOPE_PASSWORD} or asked for on the terminal.
 */
final class ConnectionOptions {

    static final String PASSWORD_ENV = "CALLSCOPE_PASSWORD";

    @Option(
            names = "--data-dir",
            paramLabel = "DIR",
            description = "Embedded engine data directory (default: the per-user data directory).")
    Path dataDir;

    @Option(
            names = "--url",
            paramLabel = "URL",
            description = "ClickHouse server, e.g. https://host:8443 (instead of the embedded engine).")
    String url;

    @Option(
            names = "--user",
            paramLabel = "USER",
            defaultValue = "default",
            description = "Server user (default: ${DEFAULT-VALUE}).")
    String user;

    @Option(
            names = "--server-database",
            paramLabel = "DB",
            defaultValue = "default",
            description = "Server database for the connection (default: ${DEFAULT-VALUE}).")
    String serverDatabase;

    @Option(
            names = "--profile",
            paramLabel = "NAME",
            description = "A saved connection (Connections… in the window): its server or data directory, TLS, limits, "
                    + "password (keyring or file; else CALLSCOPE_PASSWORD or a prompt) and the tables it maps.")
    String profileName;

    private Profile profile;

    /** What is wrong with these options together, or null. */
    String problem() {
        if (profileName != null && (url != null || dataDir != null)) {
            return "--profile names the connection: leave out --url and --data-dir";
        }
        return null;
    }

    /**
     * The saved profile {@code --profile} names, or null without it.
     *
     * @throws IllegalArgumentException naming the profiles there are when none has that name
     */
    Profile profile(AppDirs dirs) {
        if (profileName == null) {
            return null;
        }
        if (profile == null) {
            Profiles profiles = Profiles.open(dirs.config(), dirs.defaultEngineData());
            List<Profile> all = profiles.book().profiles();
            profile = all.stream()
                    .filter(p -> p.name().equals(profileName))
                    .findFirst()
                    .or(() -> all.stream()
                            .filter(p -> p.name().equalsIgnoreCase(profileName))
                            .findFirst())
                    .orElseThrow(() -> new IllegalArgumentException("no profile named '" + profileName
                            + "'; the profiles are: "
                            + String.join(", ", all.stream().map(Profile::name).toList())));
            passwords = profiles.passwords();
        }
        return profile;
    }

    private SavedPasswords passwords;

    /** The server these options name (directly or through the profile), or null for the embedded engine. */
    String serverUrl(AppDirs dirs) {
        Profile p = profile(dirs);
        return p != null ? (p.isServer() ? p.url() : null) : url;
    }

    ConnectionTarget target(AppDirs dirs) {
        Profile p = profile(dirs);
        if (p != null) {
            if (!(p instanceof Profile.Server s)) {
                return p.target(null);
            }
            url = s.url();
            user = s.user();
            return p.target(profilePassword(p));
        }
        if (url == null) {
            return new ConnectionTarget.Embedded(dataDir != null ? dataDir : dirs.defaultEngineData());
        }
        return new ConnectionTarget.Remote(url, user, password(), serverDatabase);
    }

    /** CALLSCOPE_PASSWORD first (scripts), then where the profile keeps it, then the terminal. */
    private String profilePassword(Profile p) {
        if (System.getenv(PASSWORD_ENV) == null) {
            try {
                Optional<String> saved = passwords.read(p);
                if (saved.isPresent()) {
                    return saved.get();
                }
            } catch (SecretStoreException e) {
                // no keyring answering here (a headless session): ask, as the window would
            }
        }
        return password();
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
