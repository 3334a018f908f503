package dev.callscope.app;

import dev.callscope.engine.remote.RemoteEndpoint;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Reads a pasted clickhouse-jdbc URL ({@code jdbc:clickhouse:https://host:8443/db?user=u},
 * {@code jdbc:ch://host/db?ssl=true}, …) into the connection form's fields.
 *
 * @param url      {@code http(s)://host:port}
 * @param database the database in the path, or null
 * @param user     the {@code user} parameter, or null
 * @param password the {@code password} parameter, or null (never logged)
 */
public record JdbcUrl(String url, String database, String user, String password) {

    /**
     * Reads a JDBC URL or a plain {@code http(s)://host:port/db?user=…} server URL, as users paste
     * either.
     *
     * @throws IllegalArgumentException when the text is neither
     */
    public static JdbcUrl parseAny(String text) {
        String t = text == null ? "" : text.strip();
        String lower = t.toLowerCase(Locale.ROOT);
        if (lower.startsWith("http://") || lower.startsWith("https://")) {
            return parse("jdbc:clickhouse:" + t);
        }
        if (lower.startsWith("jdbc:")) {
            return parse(t);
        }
        throw new IllegalArgumentException("Paste a server URL (https://host:8443/database) or a jdbc:clickhouse: URL");
    }

    /** @throws IllegalArgumentException when the text is not a ClickHouse JDBC URL */
    public static JdbcUrl parse(String text) {
        String t = text.strip();
        String lower = t.toLowerCase(Locale.ROOT);
        String rest;
        if (lower.startsWith("jdbc:clickhouse:")) {
            rest = t.substring("jdbc:clickhouse:".length());
        } else if (lower.startsWith("jdbc:ch:")) {
            rest = t.substring("jdbc:ch:".length());
        } else {
            throw new IllegalArgumentException("A ClickHouse JDBC URL starts with jdbc:clickhouse: or jdbc:ch:");
        }
        if (rest.startsWith("//")) {
            rest = "http:" + rest;
        }
        URI uri;
        try {
            uri = new URI(rest);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("Cannot read that JDBC URL: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "http" : uri.getScheme().toLowerCase(Locale.ROOT);
        String database = null;
        String user = null;
        String password = null;
        boolean ssl = scheme.equals("https");
        if (uri.getRawQuery() != null) {
            for (String pair : uri.getRawQuery().split("&")) {
                int eq = pair.indexOf('=');
                String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8)
                        .toLowerCase(Locale.ROOT);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                switch (key) {
                    case "user", "username" -> user = value;
                    case "password" -> password = value;
                    case "database" -> database = value;
                    case "ssl" -> ssl |= value.equalsIgnoreCase("true");
                    default -> {}
                }
            }
        }
        String path = uri.getPath() == null ? "" : uri.getPath().replaceAll("^/+|/+$", "");
        if (!path.isEmpty()) {
            database = path;
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("That JDBC URL names no host");
        }
        String base = (ssl ? "https" : "http") + "://" + uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : "");
        return new JdbcUrl(RemoteEndpoint.normalize(base), database, user, password);
    }

    @Override
    public String toString() {
        return "JdbcUrl[" + url + "/" + database + " user=" + user + "]";
    }
}
