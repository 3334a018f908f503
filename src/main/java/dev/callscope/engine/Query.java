package dev.callscope.engine;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * One SQL statement with its bound parameters and an id by which it can be cancelled.
 *
 * <p>Placeholders are ClickHouse's {@code {name:Type}}; {@link #bind} supplies values, which the
 * engine parses according to the placeholder's type after the SQL has been parsed, so a value can
 * never change what the statement does. Values are kept as ClickHouse text (see {@link ParamText}).
 * Instances are immutable.
 */
public final class Query {

    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,63}");
    private static final Pattern SETTING_VALUE = Pattern.compile("[A-Za-z0-9_.+-]{1,64}");

    private final String sql;
    private final Map<String, String> params;
    private final Map<String, String> settings;
    private final String id;

    private Query(String sql, Map<String, String> params, Map<String, String> settings, String id) {
        this.sql = sql;
        this.params = params;
        this.settings = settings;
        this.id = id;
    }

    public static Query of(String sql) {
        Objects.requireNonNull(sql, "sql");
        return new Query(sql, Map.of(), Map.of(), UUID.randomUUID().toString());
    }

    /** Returns a copy with {@code name} bound to {@code value} (String, number, boolean, Instant, List, or null). */
    public Query bind(String name, Object value) {
        requireName(name, "parameter");
        Map<String, String> next = new LinkedHashMap<>(params);
        next.put(name, ParamText.encode(value));
        return new Query(sql, Collections.unmodifiableMap(next), settings, id);
    }

    /**
     * Returns a copy with a value already in ClickHouse's parameter text form, for protocol bridges
     * that receive values in that form (such as an HTTP endpoint forwarding {@code param_<name>}).
     */
    public Query bindEncoded(String name, String clickhouseText) {
        requireName(name, "parameter");
        Map<String, String> next = new LinkedHashMap<>(params);
        next.put(name, Objects.requireNonNull(clickhouseText));
        return new Query(sql, Collections.unmodifiableMap(next), settings, id);
    }

    /**
     * Returns a copy with a ClickHouse setting for this query only, such as
     * {@code max_execution_time}. Values are plain words or numbers.
     */
    public Query withSetting(String name, String value) {
        requireName(name, "setting");
        if (!SETTING_VALUE.matcher(value).matches()) {
            throw new IllegalArgumentException("Invalid value for setting " + name + ": " + value);
        }
        Map<String, String> next = new LinkedHashMap<>(settings);
        next.put(name, Objects.requireNonNull(value));
        return new Query(sql, params, Collections.unmodifiableMap(next), id);
    }

    /** Returns a copy with the given id, for callers that track queries by their own ids. */
    public Query withId(String newId) {
        return new Query(sql, params, settings, Objects.requireNonNull(newId));
    }

    private static void requireName(String name, String what) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("Invalid " + what + " name: " + name);
        }
    }

    public String sql() {
        return sql;
    }

    /** Parameter name to its ClickHouse text form (escaped, as the HTTP interface and chDB read them). */
    public Map<String, String> params() {
        return params;
    }

    public Map<String, String> settings() {
        return settings;
    }

    public String id() {
        return id;
    }

    @Override
    public String toString() {
        return "Query[" + id + "] " + sql.strip().replaceAll("\\s+", " ");
    }
}
