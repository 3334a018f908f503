package dev.callscope.profiles;

import dev.callscope.app.JdbcUrl;
import dev.callscope.engine.Guardrails;
import dev.callscope.engine.TlsTrust;
import java.net.URI;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The connection form as typed: every field is text, so whatever is pasted can be held and shown
 * again. {@link #validate} turns it into a {@link Profile} or says, per field, what is wrong; it
 * never throws on input. The password is not part of the form.
 */
public record ProfileForm(
        String name,
        Profile.Kind kind,
        String dataDir,
        String host,
        String port,
        boolean https,
        String user,
        String database,
        TlsTrust.Kind tls,
        String caFile,
        Profile.PasswordStorage password,
        String maxExecution,
        String maxRows,
        String maxBytes,
        String maxMemory,
        LogMapping logs,
        EventsMapping events) {

    /** The fields a message can be about. */
    public enum Field {
        NAME,
        DATA_DIR,
        URL,
        HOST,
        PORT,
        USER,
        DATABASE,
        CA_FILE,
        MAX_EXECUTION,
        MAX_ROWS,
        MAX_BYTES,
        MAX_MEMORY,
        LOGS,
        EVENTS
    }

    /** Either a profile or, per field, what is wrong. */
    public sealed interface Result {
        record Valid(Profile profile) implements Result {}

        record Invalid(Map<Field, String> errors) implements Result {
            public Invalid {
                errors = Map.copyOf(errors);
            }
        }
    }

    private static final int MAX_NAME = 80;
    /** Sent in HTTP headers and basic auth by the client: printable ASCII only. */
    private static final Pattern USER = Pattern.compile("[\\x20-\\x7e]{1,128}");

    private static final Pattern DATABASE = Pattern.compile("[\\x21-\\x7e]{1,255}");

    /** A blank server form with the default limits (its events follow its logs until chosen). */
    public static ProfileForm blankServer(String name) {
        return new ProfileForm(
                name,
                Profile.Kind.SERVER,
                "",
                "",
                "",
                true,
                "",
                "",
                TlsTrust.Kind.VERIFY,
                "",
                Profile.PasswordStorage.KEYRING,
                "30",
                LimitText.formatCount(Guardrails.DEFAULTS.maxResultRows()),
                LimitText.formatBytes(Guardrails.DEFAULTS.maxResultBytes()),
                LimitText.formatBytes(Guardrails.DEFAULTS.maxMemoryBytes()),
                LogMapping.CANONICAL,
                null);
    }

    /** The form showing a saved profile. */
    public static ProfileForm of(Profile p) {
        return switch (p) {
            case Profile.Embedded e ->
                blankServer(e.name())
                        .withKind(Profile.Kind.EMBEDDED)
                        .withDataDir(e.dataDir())
                        .withLogs(e.logs())
                        .withEvents(e.events());
            case Profile.Server s ->
                new ProfileForm(
                        s.name(),
                        Profile.Kind.SERVER,
                        "",
                        s.host(),
                        s.port() > 0 ? Integer.toString(s.port()) : "",
                        s.https(),
                        nz(s.user()),
                        nz(s.database()),
                        s.tls(),
                        nz(s.caFile()),
                        s.password(),
                        Integer.toString(s.limits().maxExecutionSeconds()),
                        LimitText.formatCount(s.limits().maxResultRows()),
                        LimitText.formatBytes(s.limits().maxResultBytes()),
                        LimitText.formatBytes(s.limits().maxMemoryBytes()),
                        s.logs(),
                        s.events());
        };
    }

    public ProfileForm withName(String v) {
        return copy(d -> d.name = v);
    }

    public ProfileForm withKind(Profile.Kind v) {
        return copy(d -> d.kind = v);
    }

    public ProfileForm withDataDir(String v) {
        return copy(d -> d.dataDir = v);
    }

    public ProfileForm withHost(String v) {
        return copy(d -> d.host = v);
    }

    public ProfileForm withPort(String v) {
        return copy(d -> d.port = v);
    }

    public ProfileForm withHttps(boolean v) {
        return copy(d -> d.https = v);
    }

    public ProfileForm withUser(String v) {
        return copy(d -> d.user = v);
    }

    public ProfileForm withDatabase(String v) {
        return copy(d -> d.database = v);
    }

    public ProfileForm withTls(TlsTrust.Kind mode, String ca) {
        return copy(d -> {
            d.tls = mode;
            d.caFile = ca;
        });
    }

    public ProfileForm withPassword(Profile.PasswordStorage v) {
        return copy(d -> d.password = v);
    }

    public ProfileForm withLogs(LogMapping v) {
        return copy(d -> d.logs = v);
    }

    public ProfileForm withEvents(EventsMapping v) {
        return copy(d -> d.events = v);
    }

    public ProfileForm withLimits(String execution, String rows, String bytes, String memory) {
        return copy(d -> {
            d.maxExecution = execution;
            d.maxRows = rows;
            d.maxBytes = bytes;
            d.maxMemory = memory;
        });
    }

    /** This form with some fields changed (a record has no withers of its own). */
    private ProfileForm copy(Consumer<Draft> change) {
        Draft d = new Draft(this);
        change.accept(d);
        return new ProfileForm(
                d.name,
                d.kind,
                d.dataDir,
                d.host,
                d.port,
                d.https,
                d.user,
                d.database,
                d.tls,
                d.caFile,
                d.password,
                d.maxExecution,
                d.maxRows,
                d.maxBytes,
                d.maxMemory,
                d.logs,
                d.events);
    }

    /** The fields of a form being changed. */
    private static final class Draft {
        String name;
        Profile.Kind kind;
        String dataDir;
        String host;
        String port;
        boolean https;
        String user;
        String database;
        TlsTrust.Kind tls;
        String caFile;
        Profile.PasswordStorage password;
        String maxExecution;
        String maxRows;
        String maxBytes;
        String maxMemory;
        LogMapping logs;
        EventsMapping events;

        Draft(ProfileForm f) {
            name = f.name;
            kind = f.kind;
            dataDir = f.dataDir;
            host = f.host;
            port = f.port;
            https = f.https;
            user = f.user;
            database = f.database;
            tls = f.tls;
            caFile = f.caFile;
            password = f.password;
            maxExecution = f.maxExecution;
            maxRows = f.maxRows;
            maxBytes = f.maxBytes;
            maxMemory = f.maxMemory;
            logs = f.logs;
            events = f.events;
        }
    }

    /**
     * Checks every field and builds the profile.
     *
     * @param id   the profile's id (an existing one when editing, a new one otherwise)
     * @param book the other profiles, for the unique-name rule
     * @param home the user's home, for a data directory typed as {@code ~/…}
     */
    public Result validate(String id, ProfileBook book, Path home) {
        Map<Field, String> errors = new EnumMap<>(Field.class);
        String n = strip(name);
        if (n.isEmpty()) {
            errors.put(Field.NAME, "Give the profile a name");
        } else if (n.length() > MAX_NAME) {
            errors.put(Field.NAME, "At most " + MAX_NAME + " characters");
        } else if (FieldChecks.CONTROL.matcher(n).find()) {
            errors.put(Field.NAME, "No line breaks, tabs or invisible control characters");
        } else if (book.nameTaken(n, id)) {
            errors.put(Field.NAME, "Another profile is already called " + n);
        }
        Profile.Kind k = kind == null ? Profile.Kind.SERVER : kind;
        Guardrails limits = limits(errors);
        LogMapping mapping = logs == null ? LogMapping.CANONICAL : logs;
        mapping.problem().ifPresent(problem -> errors.put(Field.LOGS, problem));
        EventsMapping calls =
                events == null ? (mapping.logsOnly() ? EventsMapping.NONE : EventsMapping.CANONICAL) : events;
        calls.problem().ifPresent(problem -> errors.put(Field.EVENTS, problem));
        if (k == Profile.Kind.EMBEDDED) {
            Path dir = dataDir(errors, home);
            if (!errors.isEmpty()) {
                return new Result.Invalid(errors);
            }
            return new Result.Valid(new Profile.Embedded(id, n, dir.toString(), mapping, calls));
        }
        String h = FieldChecks.host(host, errors);
        int p = port(errors);
        String u = strip(user).isEmpty() ? "default" : strip(user);
        if (!USER.matcher(u).matches()) {
            errors.put(Field.USER, "Plain ASCII letters, digits and punctuation, at most 128");
        }
        String db = strip(database).isEmpty() ? "default" : strip(database);
        if (!DATABASE.matcher(db).matches()) {
            errors.put(Field.DATABASE, "Plain ASCII letters, digits and punctuation without spaces, at most 255");
        }
        TlsTrust.Kind t = tls == null ? TlsTrust.Kind.VERIFY : tls;
        String ca = null;
        if (https && t == TlsTrust.Kind.CA_FILE) {
            ca = FieldChecks.path(strip(caFile), home, Field.CA_FILE, "Choose the CA certificate file (PEM)", errors);
        }
        if (!errors.isEmpty()) {
            return new Result.Invalid(errors);
        }
        Profile.PasswordStorage pw = password == null ? Profile.PasswordStorage.KEYRING : password;
        return new Result.Valid(new Profile.Server(
                id, n, h, p, https, u, db, https ? t : TlsTrust.Kind.VERIFY, ca, pw, limits, mapping, calls));
    }

    /**
     * The form with a pasted server or JDBC URL read into host, port, TLS, database and user.
     *
     * @throws IllegalArgumentException with a sentence when the text is not such a URL
     */
    public Pasted paste(String url) {
        JdbcUrl parsed = JdbcUrl.parseAny(url);
        URI uri = URI.create(parsed.url());
        String h = uri.getHost();
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        ProfileForm next = new ProfileForm(
                name,
                Profile.Kind.SERVER,
                dataDir,
                h,
                Integer.toString(uri.getPort()),
                "https".equals(uri.getScheme()),
                parsed.user() != null ? parsed.user() : user,
                parsed.database() != null ? parsed.database() : database,
                tls,
                caFile,
                password,
                maxExecution,
                maxRows,
                maxBytes,
                maxMemory,
                logs,
                events);
        return new Pasted(next, parsed.password());
    }

    /** A pasted URL's fields, and its password if it held one (for the password field only). */
    public record Pasted(ProfileForm form, String password) {
        @Override
        public String toString() {
            return "Pasted[" + form + "]";
        }
    }

    private Guardrails limits(Map<Field, String> errors) {
        int seconds = read(() -> LimitText.seconds(maxExecution), Field.MAX_EXECUTION, errors, 30);
        long rows = read(() -> LimitText.count(maxRows), Field.MAX_ROWS, errors, 1L);
        long bytes = read(() -> LimitText.bytes(maxBytes), Field.MAX_BYTES, errors, 1L);
        long memory = read(() -> LimitText.bytes(maxMemory), Field.MAX_MEMORY, errors, 1L);
        return new Guardrails(seconds, rows, bytes, memory);
    }

    private static <T> T read(Supplier<T> parse, Field field, Map<Field, String> errors, T fallback) {
        try {
            return parse.get();
        } catch (IllegalArgumentException e) {
            errors.put(field, e.getMessage());
            return fallback;
        }
    }

    private Path dataDir(Map<Field, String> errors, Path home) {
        String p = FieldChecks.path(strip(dataDir), home, Field.DATA_DIR, "Choose the data directory", errors);
        return p == null ? home : Path.of(p);
    }

    private int port(Map<Field, String> errors) {
        String p = strip(port);
        if (p.isEmpty()) {
            return https ? 8443 : 8123;
        }
        if (!p.matches("\\d{1,5}") || Integer.parseInt(p) < 1 || Integer.parseInt(p) > 65535) {
            errors.put(Field.PORT, "A port is a number from 1 to 65535 (ClickHouse: 8443 for https, 8123 for http)");
            return 0;
        }
        return Integer.parseInt(p);
    }

    private static String strip(String s) {
        return s == null ? "" : s.strip();
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
