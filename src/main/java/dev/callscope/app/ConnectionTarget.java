package dev.callscope.app;

import dev.callscope.engine.Guardrails;
import dev.callscope.engine.TlsTrust;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;

/** Where Callscope's data lives: the embedded engine on a data directory, or a ClickHouse server. */
public sealed interface ConnectionTarget {

    /** A short label for the connection bar (never includes a password). */
    String label();

    /** chDB in this process, on {@code dataDir}; filled with the demo workload when empty. */
    record Embedded(Path dataDir) implements ConnectionTarget {
        public Embedded {
            Objects.requireNonNull(dataDir);
        }

        @Override
        public String label() {
            return "Embedded demo · " + dataDir;
        }
    }

    /**
     * A ClickHouse server over HTTP(S), e.g. {@code https://host:8443}.
     *
     * @param trust  how an https server's certificate is checked
     * @param limits what every read runs under
     */
    record Remote(String url, String user, String password, String database, TlsTrust trust, Guardrails limits)
            implements ConnectionTarget {
        public Remote {
            Objects.requireNonNull(url);
            user = user == null || user.isBlank() ? "default" : user;
            password = password == null ? "" : password;
            database = database == null || database.isBlank() ? "default" : database;
            trust = trust == null ? TlsTrust.SYSTEM : trust;
            limits = limits == null ? Guardrails.DEFAULTS : limits;
        }

        public Remote(String url, String user, String password, String database) {
            this(url, user, password, database, TlsTrust.SYSTEM, Guardrails.DEFAULTS);
        }

        /** True for an https server whose certificate is not checked. */
        public boolean insecure() {
            return trust instanceof TlsTrust.NoVerification
                    && url.strip().toLowerCase(Locale.ROOT).startsWith("https:");
        }

        @Override
        public String label() {
            return user + "@" + url + "/" + database;
        }

        @Override
        public String toString() {
            return "Remote[" + label() + "]"; // keeps the password out of logs
        }
    }
}
