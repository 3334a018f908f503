package dev.callscope.profiles;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.callscope.app.ConnectionTarget;
import dev.callscope.engine.Guardrails;
import dev.callscope.engine.remote.TlsTrust;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A named place Callscope connects to: an embedded data directory or a ClickHouse server, with
 * how its certificate is checked, where its password is kept, and the limits its reads run under.
 * Never holds a password. Built by {@link ProfileForm} (which validates) or read from JSON.
 *
 * @param id       stable identity (a keyring entry is keyed by it, so renaming keeps the password)
 * @param name     what the user calls it; unique in a {@link ProfileBook}
 * @param kind     embedded or server
 * @param dataDir  the embedded engine's data directory (embedded only)
 * @param host     server host name or IP address, without brackets (server only)
 * @param port     server HTTP(S) port
 * @param https    whether to use TLS
 * @param user     ClickHouse user
 * @param database the database queries run in by default
 * @param tls      how an https server's certificate is checked
 * @param caFile   the PEM file of {@link TlsMode#CA_FILE}
 * @param password where the password is kept
 * @param limits   what every read runs under
 * @param logs     which table the Logs tab reads (Callscope's own when absent, as in files written before it)
 * @param events   which table the call views read; when absent (files written before it) Callscope's
 *                 own, or none for a profile whose logs are mapped elsewhere (it was logs-only then)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Profile(
        String id,
        String name,
        Kind kind,
        String dataDir,
        String host,
        int port,
        boolean https,
        String user,
        String database,
        TlsMode tls,
        String caFile,
        PasswordStorage password,
        Guardrails limits,
        LogMapping logs,
        EventsMapping events) {

    public enum Kind {
        EMBEDDED,
        SERVER
    }

    public enum TlsMode {
        /** The certificate authorities the system trusts. */
        VERIFY,
        /** The certificate authorities in a PEM file. */
        CA_FILE,
        /** No verification: self-signed test servers only. */
        NO_VERIFY
    }

    public enum PasswordStorage {
        /** The OS keyring (asked for at connect time where there is none). */
        KEYRING,
        /** Never stored: asked for at each connection. */
        ASK,
        /** A plain-text file readable by the owner only, by explicit choice. */
        PLAIN_FILE
    }

    public Profile {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        tls = tls == null ? TlsMode.VERIFY : tls;
        password = password == null ? PasswordStorage.KEYRING : password;
        limits = limits == null ? Guardrails.DEFAULTS : limits;
        logs = logs == null ? LogMapping.CANONICAL : logs;
        events = events != null ? events : logs.logsOnly() ? EventsMapping.NONE : EventsMapping.CANONICAL;
    }

    /** A profile with a logs mapping and the call events that go with it by default. */
    public Profile(
            String id,
            String name,
            Kind kind,
            String dataDir,
            String host,
            int port,
            boolean https,
            String user,
            String database,
            TlsMode tls,
            String caFile,
            PasswordStorage password,
            Guardrails limits,
            LogMapping logs) {
        this(id, name, kind, dataDir, host, port, https, user, database, tls, caFile, password, limits, logs, null);
    }

    /** A profile reading Callscope's own tables. */
    public Profile(
            String id,
            String name,
            Kind kind,
            String dataDir,
            String host,
            int port,
            boolean https,
            String user,
            String database,
            TlsMode tls,
            String caFile,
            PasswordStorage password,
            Guardrails limits) {
        this(id, name, kind, dataDir, host, port, https, user, database, tls, caFile, password, limits, null, null);
    }

    public static Profile embedded(String id, String name, Path dataDir) {
        return new Profile(
                id, name, Kind.EMBEDDED, dataDir.toString(), null, 0, false, null, null, null, null, null, null);
    }

    /** {@code https://host:port}, with IPv6 addresses in brackets; null for an embedded profile. */
    @JsonIgnore
    public String url() {
        if (kind != Kind.SERVER) {
            return null;
        }
        String h = host.contains(":") ? "[" + host + "]" : host;
        return (https ? "https" : "http") + "://" + h + ":" + port;
    }

    /** True for an https server whose certificate is not checked: shown as a warning. */
    @JsonIgnore
    public boolean insecure() {
        return kind == Kind.SERVER && https && tls == TlsMode.NO_VERIFY;
    }

    /** Whether connecting needs a password typed in when none is saved. */
    @JsonIgnore
    public boolean isServer() {
        return kind == Kind.SERVER;
    }

    /** Where to connect, with the password found or typed for it. */
    public ConnectionTarget target(String pw) {
        return switch (kind) {
            case EMBEDDED -> new ConnectionTarget.Embedded(Path.of(dataDir));
            case SERVER -> new ConnectionTarget.Remote(url(), user, pw, database, trust(), limits);
        };
    }

    private TlsTrust trust() {
        return switch (tls) {
            case VERIFY -> TlsTrust.SYSTEM;
            case CA_FILE -> new TlsTrust.CaFile(Path.of(caFile));
            case NO_VERIFY -> TlsTrust.NONE;
        };
    }

    public Profile withName(String newName) {
        return new Profile(
                id, newName, kind, dataDir, host, port, https, user, database, tls, caFile, password, limits, logs,
                events);
    }

    @Override
    public String toString() {
        return "Profile[" + name + " " + (kind == Kind.SERVER ? user + "@" + url() + "/" + database : dataDir) + "]";
    }
}
