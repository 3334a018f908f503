package dev.callscope.profiles;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.callscope.app.ConnectionTarget;
import dev.callscope.engine.Guardrails;
import dev.callscope.engine.TlsTrust;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A named place Callscope connects to: an embedded data directory ({@link Embedded}) or a
 * ClickHouse server ({@link Server}), with the tables it reads. Never holds a password. Built by
 * {@link ProfileForm} (which validates) or read from JSON, where {@code kind} says which it is.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.EXISTING_PROPERTY, property = "kind")
@JsonSubTypes({
    @JsonSubTypes.Type(value = Profile.Embedded.class, name = "EMBEDDED"),
    @JsonSubTypes.Type(value = Profile.Server.class, name = "SERVER")
})
public sealed interface Profile permits Profile.Embedded, Profile.Server {

    enum Kind {
        EMBEDDED,
        SERVER
    }

    enum PasswordStorage {
        /** The OS keyring (asked for at connect time where there is none). */
        KEYRING,
        /** Never stored: asked for at each connection. */
        ASK,
        /** A plain-text file readable by the owner only, by explicit choice. */
        PLAIN_FILE
    }

    /** Stable identity (a keyring entry is keyed by it, so renaming keeps the password). */
    String id();

    /** What the user calls it; unique in a {@link ProfileBook}. */
    String name();

    /** Which table the Logs tab reads (Callscope's own when absent, as in files written before it). */
    LogMapping logs();

    /** Which table the call views read. */
    EventsMapping events();

    @JsonProperty("kind")
    Kind kind();

    /** Where to connect, with the password found or typed for it (an embedded profile needs none). */
    ConnectionTarget target(String password);

    Profile withName(String newName);

    /** Whether connecting needs a password typed in when none is saved. */
    @JsonIgnore
    default boolean isServer() {
        return this instanceof Server;
    }

    /** True for an https server whose certificate is not checked: shown as a warning. */
    @JsonIgnore
    default boolean insecure() {
        return this instanceof Server s && s.https() && s.tls() == TlsTrust.Kind.NO_VERIFY;
    }

    /** {@code https://host:port} for a server; null for an embedded profile. */
    @JsonIgnore
    default String url() {
        return this instanceof Server s ? s.serverUrl() : null;
    }

    static Profile embedded(String id, String name, Path dataDir) {
        return new Embedded(id, name, dataDir.toString(), null, null);
    }

    /** The events a profile reads when the file says nothing: Callscope's own, or none when its logs are elsewhere. */
    private static EventsMapping eventsOr(EventsMapping events, LogMapping logs) {
        return events != null ? events : logs.logsOnly() ? EventsMapping.NONE : EventsMapping.CANONICAL;
    }

    /** The embedded engine on a data directory of this machine. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Embedded(String id, String name, String dataDir, LogMapping logs, EventsMapping events) implements Profile {

        public Embedded {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(dataDir, "dataDir");
            logs = logs == null ? LogMapping.CANONICAL : logs;
            events = eventsOr(events, logs);
        }

        @Override
        public Kind kind() {
            return Kind.EMBEDDED;
        }

        @Override
        public ConnectionTarget target(String password) {
            return new ConnectionTarget.Embedded(Path.of(dataDir));
        }

        @Override
        public Embedded withName(String newName) {
            return new Embedded(id, newName, dataDir, logs, events);
        }

        @Override
        public String toString() {
            return "Profile[" + name + " " + dataDir + "]";
        }
    }

    /**
     * A ClickHouse server over HTTP(S).
     *
     * @param host     host name or IP address, without brackets
     * @param database the database queries run in by default
     * @param tls      how an https server's certificate is checked
     * @param caFile   the PEM file of {@link TlsTrust.Kind#CA_FILE}
     * @param password where the password is kept
     * @param limits   what every read runs under
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Server(
            String id,
            String name,
            String host,
            int port,
            boolean https,
            String user,
            String database,
            TlsTrust.Kind tls,
            String caFile,
            PasswordStorage password,
            Guardrails limits,
            LogMapping logs,
            EventsMapping events)
            implements Profile {

        public Server {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(host, "host");
            tls = tls == null ? TlsTrust.Kind.VERIFY : tls;
            password = password == null ? PasswordStorage.KEYRING : password;
            limits = limits == null ? Guardrails.DEFAULTS : limits;
            logs = logs == null ? LogMapping.CANONICAL : logs;
            events = eventsOr(events, logs);
        }

        /** A server reading Callscope's own tables. */
        public Server(
                String id,
                String name,
                String host,
                int port,
                boolean https,
                String user,
                String database,
                TlsTrust.Kind tls,
                String caFile,
                PasswordStorage password,
                Guardrails limits) {
            this(id, name, host, port, https, user, database, tls, caFile, password, limits, null, null);
        }

        @Override
        public Kind kind() {
            return Kind.SERVER;
        }

        /** {@code https://host:port}, with IPv6 addresses in brackets. */
        String serverUrl() {
            String h = host.contains(":") ? "[" + host + "]" : host;
            return (https ? "https" : "http") + "://" + h + ":" + port;
        }

        @Override
        public ConnectionTarget target(String pw) {
            return new ConnectionTarget.Remote(serverUrl(), user, pw, database, trust(), limits);
        }

        private TlsTrust trust() {
            return TlsTrust.of(tls, tls == TlsTrust.Kind.CA_FILE ? Path.of(caFile) : null);
        }

        @Override
        public Server withName(String newName) {
            return new Server(
                    id, newName, host, port, https, user, database, tls, caFile, password, limits, logs, events);
        }

        public Server withLogs(LogMapping mapping, EventsMapping calls) {
            return new Server(
                    id, name, host, port, https, user, database, tls, caFile, password, limits, mapping, calls);
        }

        @Override
        public String toString() {
            return "Profile[" + name + " " + user + "@" + serverUrl() + "/" + database + "]";
        }
    }
}
