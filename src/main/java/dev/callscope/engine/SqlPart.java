package dev.callscope.engine;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * A piece of SQL together with the values it binds and the settings it needs: a condition, a
 * subquery, a whole statement. Parts compose ({@link #format}, {@link #and}) and keep their values,
 * so the code that writes a placeholder is the code that gives its value, and a part can be used
 * twice in one statement with different values. Each value gets a placeholder of its own,
 * {@code {hint_N:Type}}, unique in this process, so parts never clash by name.
 *
 * <p>The text of a part is written by code, never by a user: a user's text only ever enters as a
 * bound value ({@link #value}), which the engine parses by its type after parsing the SQL.
 * Instances are immutable.
 */
public final class SqlPart {

    /** The type of the instants the call tables hold (microseconds, UTC). */
    public static final String TIME = "DateTime64(6, 'UTC')";

    private static final AtomicLong NEXT = new AtomicLong();
    private static final Pattern HINT = Pattern.compile("[a-z][a-z0-9_]{0,40}");
    private static final Pattern TYPE = Pattern.compile("[A-Za-z0-9_(), ']{1,80}");

    private final String sql;
    private final Map<String, String> params;
    private final Map<String, String> settings;

    private SqlPart(String sql, Map<String, String> params, Map<String, String> settings) {
        this.sql = sql;
        this.params = params;
        this.settings = settings;
    }

    /** SQL text written in code, binding nothing. */
    public static SqlPart of(String sql) {
        return new SqlPart(Objects.requireNonNull(sql, "sql"), Map.of(), Map.of());
    }

    /** A placeholder of {@code type} with {@code value} bound to it; {@code hint} names it for a reader of the SQL. */
    public static SqlPart value(String hint, String type, Object value) {
        if (!HINT.matcher(hint).matches() || !TYPE.matcher(type).matches()) {
            throw new IllegalArgumentException("Invalid placeholder " + hint + ":" + type);
        }
        String name = hint + "_" + NEXT.incrementAndGet();
        return new SqlPart("{" + name + ":" + type + "}", Map.of(name, ParamText.encode(value)), Map.of());
    }

    public static SqlPart time(String hint, Instant t) {
        return value(hint, TIME, Objects.requireNonNull(t, hint));
    }

    public static SqlPart string(String hint, String s) {
        return value(hint, "String", Objects.requireNonNull(s, hint));
    }

    public static SqlPart strings(String hint, List<String> s) {
        return value(hint, "Array(String)", List.copyOf(s));
    }

    /**
     * {@code template} with each {@code %s} (or {@code %1$s}, ...) replaced by an argument's SQL: a
     * part brings its values and settings along; any other argument is SQL text written in code (a
     * table name, a number).
     */
    public static SqlPart format(String template, Object... args) {
        Map<String, String> params = new LinkedHashMap<>();
        Map<String, String> settings = new LinkedHashMap<>();
        Object[] texts = new Object[args.length];
        for (int i = 0; i < args.length; i++) {
            if (args[i] instanceof SqlPart p) {
                params.putAll(p.params);
                merge(settings, p.settings);
                texts[i] = p.sql;
            } else {
                texts[i] = String.valueOf(Objects.requireNonNull(args[i], "argument " + i));
            }
        }
        return new SqlPart(template.formatted(texts), freeze(params), freeze(settings));
    }

    /** {@code this AND other}, each in parentheses. */
    public SqlPart and(SqlPart other) {
        return format("(%s) AND (%s)", this, other);
    }

    /** This part with a ClickHouse setting the statement holding it must run with. */
    public SqlPart withSetting(String name, String value) {
        Map<String, String> next = new LinkedHashMap<>(settings);
        merge(next, Map.of(name, value));
        return new SqlPart(sql, params, freeze(next));
    }

    private static void merge(Map<String, String> into, Map<String, String> more) {
        more.forEach((k, v) -> {
            String had = into.putIfAbsent(k, v);
            if (had != null && !had.equals(v)) {
                throw new IllegalArgumentException("Setting " + k + " is both " + had + " and " + v);
            }
        });
    }

    private static Map<String, String> freeze(Map<String, String> m) {
        return m.isEmpty() ? Map.of() : Collections.unmodifiableMap(m);
    }

    /** The statement: this SQL with its values bound and its settings set. */
    public Query query() {
        return bindTo(Query.of(sql));
    }

    /** {@code q} with this part's values and settings added (for a statement that embeds this part's SQL). */
    public Query bindTo(Query q) {
        Query out = q;
        for (Map.Entry<String, String> p : params.entrySet()) {
            out = out.bindEncoded(p.getKey(), p.getValue());
        }
        for (Map.Entry<String, String> s : settings.entrySet()) {
            out = out.withSetting(s.getKey(), s.getValue());
        }
        return out;
    }

    public String sql() {
        return sql;
    }

    /** Placeholder name to its value in ClickHouse's text form. */
    public Map<String, String> params() {
        return params;
    }

    public Map<String, String> settings() {
        return settings;
    }

    @Override
    public String toString() {
        return sql.strip().replaceAll("\\s+", " ") + " " + params;
    }
}
