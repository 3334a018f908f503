package dev.callscope.engine.remote;

import dev.callscope.engine.TlsTrust;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Objects;

/**
 * Where a ClickHouse server listens and who we are to it.
 *
 * @param url      {@code http(s)://host:port}, e.g. {@code https://abc.clickhouse.cloud:8443}
 * @param user     the ClickHouse user
 * @param password its password (never logged; {@link #toString} leaves it out)
 * @param database the database queries run in by default
 * @param compress whether the server compresses responses with ClickHouse's LZ4 framing. Off by
 *                 default: the views fetch pages and aggregates, not bulk data, and the
 *                 uncompressed path is the one the test suite exercises end to end
 * @param tls      how an https server's certificate is checked (ignored for http)
 */
public record RemoteEndpoint(
        String url, String user, String password, String database, boolean compress, TlsTrust tls) {

    public RemoteEndpoint {
        url = normalize(url);
        user = user == null || user.isBlank() ? "default" : user;
        password = password == null ? "" : password;
        database = database == null || database.isBlank() ? "default" : database;
        tls = tls == null ? TlsTrust.SYSTEM : tls;
    }

    public RemoteEndpoint(String url, String user, String password, String database, boolean compress) {
        this(url, user, password, database, compress, TlsTrust.SYSTEM);
    }

    public static RemoteEndpoint of(String url, String user, String password, String database) {
        return new RemoteEndpoint(url, user, password, database, false);
    }

    public RemoteEndpoint withCompression(boolean on) {
        return new RemoteEndpoint(url, user, password, database, on, tls);
    }

    public RemoteEndpoint withTls(TlsTrust trust) {
        return new RemoteEndpoint(url, user, password, database, compress, trust);
    }

    /** True when this is an https endpoint whose certificate is not verified. */
    public boolean insecure() {
        return isHttps() && tls.insecure();
    }

    public boolean isHttps() {
        return url.startsWith("https:");
    }

    /** Checks the URL's shape: http or https, a host, an optional port, nothing after the path. */
    public static String normalize(String url) {
        Objects.requireNonNull(url, "url");
        String trimmed = url.strip();
        if (!trimmed.contains("://")) {
            trimmed = "http://" + trimmed;
        }
        URI uri;
        try {
            uri = new URI(trimmed);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("Not a server URL: " + url);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("Server URLs start with http:// or https:// (got " + url + ")");
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            throw new IllegalArgumentException("The server URL has no host: " + url);
        }
        if (uri.getUserInfo() != null) {
            throw new IllegalArgumentException("Put the user and password in their own fields, not in the URL");
        }
        int port = uri.getPort() > 0 ? uri.getPort() : (scheme.equals("https") ? 8443 : 8123);
        return scheme + "://" + uri.getHost() + ":" + port;
    }

    @Override
    public String toString() {
        return "RemoteEndpoint[" + user + "@" + url + "/" + database + "]";
    }
}
