package dev.callscope.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.callscope.engine.EngineException;
import dev.callscope.engine.Query;
import dev.callscope.engine.QueryStats;
import dev.callscope.engine.embedded.ChdbEngine;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * ClickHouse's HTTP interface, served on loopback by the real embedded engine, so the remote engine
 * and clickhouse-jdbc are tested against real query execution on a machine without a server.
 *
 * <p>It speaks the parts of the protocol the Java client uses: the query in the body (or in the
 * {@code query} parameter with insert data in the body), {@code param_<name>} values, settings as
 * URL parameters, the database, user and key in headers or basic auth, the result format from
 * {@code X-ClickHouse-Format}, statistics in {@code X-ClickHouse-Summary}, and errors as non-200
 * answers with {@code X-ClickHouse-Exception-Code}. chDB has no per-query ids of its own, so the
 * endpoint tracks the client's {@code query_id} and serves {@code KILL QUERY WHERE query_id = ...}
 * by cancelling that query, as a server would.
 */
public final class ChdbHttpEndpoint implements AutoCloseable {

    private static final Pattern INSERT =
            Pattern.compile("(?is)\\s*INSERT\\s+INTO\\s+([\\w.`]+)\\s*\\(([^)]*)\\)\\s*FORMAT\\s+(\\w+)\\s*");
    private static final Pattern KILL_BY_ID = Pattern.compile(
            "(?is)\\s*KILL\\s+QUERY\\s+WHERE\\s+query_id\\s*=\\s*\\{(\\w+):String}\\s*(ASYNC|SYNC)?\\s*");
    /** How the remote engine asks for a running query's progress. */
    private static final String PROGRESS_BY_ID = "FROM system.processes WHERE query_id = {id:String}";
    /** URL parameters that are protocol, not settings. */
    private static final Set<String> PROTOCOL = Set.of(
            "query",
            "query_id",
            "database",
            "default_format",
            "user",
            "password",
            "compress",
            "decompress",
            "enable_http_compression",
            "session_id",
            "session_check",
            "session_timeout",
            "client_protocol_version",
            "wait_end_of_query",
            "send_progress_in_http_headers",
            "http_headers_progress_interval_ms",
            "cancel_http_readonly_queries_on_client_close",
            "role");

    private final HttpServer server;
    private final ExecutorService executor;
    private final String user;
    private final String password;
    private final AtomicInteger requests = new AtomicInteger();
    private final List<Map<String, String>> recorded = new CopyOnWriteArrayList<>();

    private ChdbHttpEndpoint(String user, String password, javax.net.ssl.SSLContext tls) throws IOException {
        this.user = user;
        this.password = password;
        InetSocketAddress loopback = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
        if (tls == null) {
            this.server = HttpServer.create(loopback, 16);
        } else {
            com.sun.net.httpserver.HttpsServer https = com.sun.net.httpserver.HttpsServer.create(loopback, 16);
            https.setHttpsConfigurator(new com.sun.net.httpserver.HttpsConfigurator(tls));
            this.server = https;
        }
        this.executor = Executors.newVirtualThreadPerTaskExecutor();
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    /** Starts an endpoint on a free loopback port that accepts only {@code user}/{@code password}. */
    public static ChdbHttpEndpoint start(String user, String password) {
        try {
            return new ChdbHttpEndpoint(user, password, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The same over HTTPS, presenting the certificate of {@code tls}. */
    public static ChdbHttpEndpoint startHttps(String user, String password, javax.net.ssl.SSLContext tls) {
        try {
            return new ChdbHttpEndpoint(user, password, tls);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String url() {
        return (server instanceof com.sun.net.httpserver.HttpsServer ? "https" : "http") + "://127.0.0.1:"
                + server.getAddress().getPort();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** Requests served so far. */
    public int requests() {
        return requests.get();
    }

    /**
     * What each authenticated request carried, in order: its URL parameters and form fields
     * (settings, {@code param_<name>} values and {@code query}, the SQL).
     */
    public List<Map<String, String>> recordedRequests() {
        return List.copyOf(recorded);
    }

    private void handle(HttpExchange exchange) throws IOException {
        requests.incrementAndGet();
        try (exchange) {
            Map<String, String> params = parse(exchange.getRequestURI().getRawQuery());
            if (exchange.getRequestURI().getPath().equals("/ping")) {
                send(exchange, 200, "Ok.\n".getBytes(StandardCharsets.UTF_8), Map.of());
                return;
            }
            if (!authenticated(exchange, params)) {
                error(
                        exchange,
                        403,
                        new EngineException(
                                516,
                                user(exchange, params)
                                        + ": Authentication failed: password is incorrect, or there is no user with such name. (AUTHENTICATION_FAILED)"));
                return;
            }
            byte[] body = exchange.getRequestBody().readAllBytes();
            try {
                serve(exchange, params, body);
            } catch (EngineException e) {
                error(exchange, e.code() == 60 || e.code() == 81 ? 404 : 500, e);
            } catch (RuntimeException e) {
                error(exchange, 500, new EngineException(1001, String.valueOf(e.getMessage())));
            }
        }
    }

    private void serve(HttpExchange exchange, Map<String, String> params, byte[] body) throws IOException {
        ChdbEngine engine = TestEngine.shared();
        String database =
                firstNonNull(exchange.getRequestHeaders().getFirst("X-ClickHouse-Database"), params.get("database"));
        if (database != null
                && !database.equals("default")
                && "0"
                        .equals(engine.queryScalar(
                                Query.of("SELECT count() FROM system.databases WHERE name = {d:String}")
                                        .bind("d", database)))) {
            throw new EngineException(81, "Database " + database + " does not exist. (UNKNOWN_DATABASE)");
        }
        String format = firstNonNull(
                exchange.getRequestHeaders().getFirst("X-ClickHouse-Format"),
                params.getOrDefault("default_format", "TabSeparated"));
        String queryId = params.getOrDefault("query_id", UUID.randomUUID().toString());
        String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
        if (contentType != null && contentType.startsWith("multipart/form-data")) {
            params.putAll(formFields(contentType, body)); // the query and param_<name> values
            body = new byte[0];
        }
        recorded.add(Map.copyOf(
                params.containsKey("query") ? params : withSql(params, new String(body, StandardCharsets.UTF_8))));
        boolean dataInBody = params.containsKey("query") && body.length > 0;
        String sql = params.containsKey("query") ? params.get("query") : new String(body, StandardCharsets.UTF_8);

        Matcher insert = INSERT.matcher(sql);
        if (dataInBody && insert.matches()) {
            List<String> columns = Arrays.stream(insert.group(2).split(","))
                    .map(c -> c.strip().replace("`", ""))
                    .toList();
            long written = engine.insert(
                    insert.group(1).replace("`", ""), columns, insert.group(3), new ByteArrayInputStream(body));
            send(
                    exchange,
                    200,
                    new byte[0],
                    Map.of(
                            "X-ClickHouse-Summary",
                            summary(new QueryStats(0, 0, 0, Duration.ZERO), written),
                            "X-ClickHouse-Query-Id",
                            queryId));
            return;
        }
        if (sql.contains(PROGRESS_BY_ID)) {
            // as with KILL QUERY: a query is found by the log_comment the engine gives it
            sql = sql.replace(PROGRESS_BY_ID, "FROM system.processes WHERE Settings['log_comment'] = {id:String}");
            params.put("param_id", ChdbEngine.comment(ParamTexts.decode(params.get("param_id"))));
        }
        Query query = Query.of(sql).withId(queryId);
        for (Map.Entry<String, String> p : params.entrySet()) {
            String name = p.getKey();
            if (name.startsWith("param_")) {
                query = query.bindEncoded(name.substring("param_".length()), p.getValue());
            } else if (!PROTOCOL.contains(name)) {
                query = query.withSetting(name, p.getValue());
            }
        }
        Matcher kill = KILL_BY_ID.matcher(sql);
        if (kill.matches()) {
            engine.cancel(ParamTexts.decode(query.params().get(kill.group(1))));
            send(exchange, 200, new byte[0], Map.of("X-ClickHouse-Query-Id", queryId));
            return;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        QueryStats stats = engine.queryRaw(query, format, out);
        send(
                exchange,
                200,
                out.toByteArray(),
                Map.of(
                        "X-ClickHouse-Format",
                        format,
                        "X-ClickHouse-Timezone",
                        "UTC",
                        "X-ClickHouse-Query-Id",
                        queryId,
                        "X-ClickHouse-Summary",
                        summary(stats, 0)));
    }

    private boolean authenticated(HttpExchange exchange, Map<String, String> params) {
        String givenUser = user(exchange, params);
        String givenKey =
                firstNonNull(exchange.getRequestHeaders().getFirst("X-ClickHouse-Key"), params.get("password"));
        String auth = exchange.getRequestHeaders().getFirst("Authorization");
        if (auth != null && auth.regionMatches(true, 0, "Basic ", 0, 6)) {
            String decoded =
                    new String(Base64.getDecoder().decode(auth.substring(6).strip()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            givenUser = colon < 0 ? decoded : decoded.substring(0, colon);
            givenKey = colon < 0 ? "" : decoded.substring(colon + 1);
        }
        return user.equals(givenUser) && password.equals(givenKey == null ? "" : givenKey);
    }

    private static String user(HttpExchange exchange, Map<String, String> params) {
        return firstNonNull(
                exchange.getRequestHeaders().getFirst("X-ClickHouse-User"), params.getOrDefault("user", "default"));
    }

    private static String summary(QueryStats stats, long written) {
        return String.format(
                Locale.ROOT,
                "{\"read_rows\":\"%d\",\"read_bytes\":\"%d\",\"written_rows\":\"%d\",\"written_bytes\":\"0\","
                        + "\"total_rows_to_read\":\"0\",\"result_rows\":\"%d\",\"result_bytes\":\"0\",\"elapsed_ns\":\"%d\"}",
                Math.max(0, stats.rowsRead()),
                Math.max(0, stats.bytesRead()),
                written,
                Math.max(0, stats.resultRows()),
                stats.elapsed().toNanos());
    }

    private static void error(HttpExchange exchange, int status, EngineException e) throws IOException {
        String text = "Code: " + e.code() + ". DB::Exception: " + e.getMessage() + "\n";
        send(
                exchange,
                status,
                text.getBytes(StandardCharsets.UTF_8),
                Map.of("X-ClickHouse-Exception-Code", Integer.toString(e.code())));
    }

    private static void send(HttpExchange exchange, int status, byte[] body, Map<String, String> headers)
            throws IOException {
        headers.forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private static Map<String, String> parse(String rawQuery) {
        Map<String, String> out = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return out;
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            out.put(name, value);
        }
        return out;
    }

    /** The fields of a multipart/form-data body, each decoded as UTF-8. */
    static Map<String, String> formFields(String contentType, byte[] body) {
        Matcher b = Pattern.compile("boundary=\"?([^\";]+)\"?").matcher(contentType);
        if (!b.find()) {
            throw new EngineException(1001, "multipart body without a boundary");
        }
        String text = new String(body, StandardCharsets.ISO_8859_1); // byte-preserving
        String delimiter = "--" + b.group(1);
        Map<String, String> fields = new LinkedHashMap<>();
        for (String part : text.split(Pattern.quote(delimiter))) {
            int headerEnd = part.indexOf("\r\n\r\n");
            if (headerEnd < 0) {
                continue; // the preamble and the closing "--"
            }
            Matcher name = Pattern.compile("name=\"([^\"]*)\"").matcher(part.substring(0, headerEnd));
            if (!name.find()) {
                continue;
            }
            String content = part.substring(headerEnd + 4);
            if (content.endsWith("\r\n")) {
                content = content.substring(0, content.length() - 2);
            }
            fields.put(
                    name.group(1), new String(content.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8));
        }
        return fields;
    }

    private static Map<String, String> withSql(Map<String, String> params, String sql) {
        Map<String, String> copy = new LinkedHashMap<>(params);
        copy.put("query", sql);
        return copy;
    }

    private static String firstNonNull(String a, String b) {
        return a != null ? a : b;
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    /** Reads back a parameter value in ClickHouse's escaped text form (only what ids need). */
    private static final class ParamTexts {
        static String decode(String text) {
            return text == null ? null : text.replace("\\\\", "\\");
        }
    }
}
