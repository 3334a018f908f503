package dev.callscope.engine.remote;

import com.clickhouse.client.api.ServerException;
import dev.callscope.engine.EngineException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLException;

/**
 * Turns the Java client's exceptions into one {@link EngineException} a user can act on: the
 * server's own code and message when the server answered, otherwise what went wrong on the way
 * (name lookup, refused, timed out, dropped, TLS), named with the server's URL. Network failures
 * are {@link NetworkFailure}s, whose kind says whether sending the request again may help.
 */
final class RemoteErrors {

    /** ClickHouse's UNKNOWN_SETTING: an older server than the settings every query carries. */
    static final int UNKNOWN_SETTING = 115;
    /** UNKNOWN_USER, WRONG_PASSWORD, REQUIRED_PASSWORD, AUTHENTICATION_FAILED. */
    private static final Set<Integer> CREDENTIALS = Set.of(192, 193, 194, 516);

    /**
     * Exceptions of the client's HTTP library (Apache HttpClient 5) for a connection that ended
     * early, matched by name: the client chooses that library's version, not this project.
     */
    private static final Set<String> CLOSED_EARLY = Set.of(
            "NoHttpResponseException",
            "ConnectionClosedException",
            "TruncatedChunkException",
            "MalformedChunkCodingException",
            "RequestNotExecutedException");

    private static final Set<String> CONNECT_TIMEOUT =
            Set.of("ConnectTimeoutException", "ConnectionRequestTimeoutException");

    private RemoteErrors() {}

    /** A failure on the way to the server rather than from it. */
    static final class NetworkFailure extends EngineException {

        enum Kind {
            NAME_NOT_FOUND(false),
            REFUSED(true),
            CONNECT_TIMEOUT(true),
            DROPPED(true),
            NO_ANSWER(false),
            TLS(false),
            NOT_CLICKHOUSE(false),
            GATEWAY(false),
            /** A 503: the HTTP library under the client has sent it once more already (it retries 503 by itself). */
            GATEWAY_RETRIED(false);

            /** Whether the same request may work when sent again. */
            final boolean transientFailure;

            Kind(boolean transientFailure) {
                this.transientFailure = transientFailure;
            }
        }

        final Kind kind;

        NetworkFailure(Kind kind, String message, Throwable cause) {
            super(0, message, cause);
            this.kind = kind;
        }
    }

    /** True when the request lost its connection on the way: sending it again may work. */
    static boolean lostConnection(EngineException e) {
        return e instanceof NetworkFailure f && f.kind.transientFailure;
    }

    /** True when the server could not be reached or did not answer at all. */
    static boolean unreachable(EngineException e) {
        return e instanceof NetworkFailure f
                && f.kind != NetworkFailure.Kind.TLS
                && f.kind != NetworkFailure.Kind.NOT_CLICKHOUSE;
    }

    static EngineException translate(Throwable error, RemoteEndpoint endpoint) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof ServerException server) {
                return fromServer(server, endpoint, error);
            }
        }
        String where = endpoint.url();
        for (Throwable t = error; t != null; t = t.getCause()) {
            NetworkFailure failure = network(t, endpoint, where, error);
            if (failure != null) {
                return failure;
            }
        }
        return new NetworkFailure(
                NetworkFailure.Kind.NOT_CLICKHOUSE,
                "The answer from " + where
                        + " could not be read (" + rootMessage(error) + "): is this a ClickHouse HTTP port"
                        + (endpoint.isHttps() ? "?" : ", or does it expect https://?"),
                error);
    }

    /** HTTP statuses a proxy or load balancer answers with when the server behind it is down or restarting. */
    private static final Set<Integer> GATEWAY = Set.of(502, 503, 504);

    private static final Pattern GATEWAY_ANSWER = Pattern.compile("Server returned '(\\d{3})");

    private static NetworkFailure gatewayFailure(int status, RemoteEndpoint endpoint, Throwable error) {
        String name = switch (status) {
            case 502 -> "502 Bad Gateway";
            case 503 -> "503 Service Unavailable";
            default -> "504 Gateway Timeout";
        };
        return new NetworkFailure(
                status == 503 ? NetworkFailure.Kind.GATEWAY_RETRIED : NetworkFailure.Kind.GATEWAY,
                "A proxy or load balancer in front of " + endpoint.url() + " answered " + name
                        + ": the ClickHouse server behind it is down, restarting or overloaded",
                error);
    }

    /**
     * True for a gateway's error page (502, 504 from something in front of ClickHouse) that is worth
     * sending once more; a 503 was sent once more already, by the HTTP library under the client.
     */
    static boolean gateway(EngineException e) {
        return e instanceof NetworkFailure f && f.kind == NetworkFailure.Kind.GATEWAY;
    }

    private static EngineException fromServer(ServerException server, RemoteEndpoint endpoint, Throwable error) {
        String text = server.getMessage() == null ? "" : server.getMessage();
        if (server.getCode() <= 0 && !text.contains("Code:") && GATEWAY.contains(server.getTransportProtocolCode())) {
            return gatewayFailure(server.getTransportProtocolCode(), endpoint, error);
        }
        if (server.getCode() <= 0 && !text.contains("Code:")) {
            // an HTTP error page from something that is not ClickHouse (a proxy, a load balancer, a web server)
            return new NetworkFailure(
                    NetworkFailure.Kind.NOT_CLICKHOUSE,
                    "The server at " + endpoint.url()
                            + " answered with an HTTP error that did not come from ClickHouse (" + firstLine(text, 160)
                            + "): is a proxy or load balancer in front of it failing, or is this the wrong port?",
                    error);
        }
        // the client appends the query id; the user needs the server's sentence
        String message = EngineException.fromServerText(text)
                .getMessage()
                .replaceAll("\\s*\\(queryId=[^)]*\\)", "")
                .strip();
        if (CREDENTIALS.contains(server.getCode())) {
            return new EngineException(
                    server.getCode(),
                    "Wrong user name or password for " + endpoint.url() + " (the server said: " + message + ")",
                    error);
        }
        if (server.getCode() == UNKNOWN_SETTING && message.contains("session_timezone")) {
            return new EngineException(
                    server.getCode(),
                    "The server at " + endpoint.url()
                            + " is too old for Callscope, which needs ClickHouse 23.6 or newer (" + message + ")",
                    error);
        }
        return new EngineException(server.getCode(), message, error);
    }

    private static NetworkFailure network(Throwable t, RemoteEndpoint endpoint, String where, Throwable error) {
        String name = t.getClass().getSimpleName();
        if (t instanceof UnknownHostException) {
            return new NetworkFailure(
                    NetworkFailure.Kind.NAME_NOT_FOUND,
                    "Cannot resolve the server's host name (" + where
                            + "): check its spelling, and your network or VPN",
                    error);
        }
        if (t instanceof ConnectException && t.getMessage() != null) {
            // the client reports a proxy's 502/503 page as a failed connection: it was an answer
            Matcher m = GATEWAY_ANSWER.matcher(t.getMessage());
            if (m.find() && GATEWAY.contains(Integer.parseInt(m.group(1)))) {
                return gatewayFailure(Integer.parseInt(m.group(1)), endpoint, error);
            }
        }
        if (t instanceof ConnectException) {
            return new NetworkFailure(
                    NetworkFailure.Kind.REFUSED,
                    "The server refused the connection (" + where + "): is it running, and is the port right?",
                    error);
        }
        if (t instanceof NoRouteToHostException) {
            return new NetworkFailure(
                    NetworkFailure.Kind.REFUSED,
                    "No route to the server (" + where + "): check your network or VPN",
                    error);
        }
        if (CONNECT_TIMEOUT.contains(name)) {
            return new NetworkFailure(
                    NetworkFailure.Kind.CONNECT_TIMEOUT,
                    "The server did not accept a connection in time (" + where
                            + "): is the host reachable through your network, firewall or VPN?",
                    error);
        }
        if (t instanceof SSLException ssl) {
            return tls(ssl, endpoint, where, error);
        }
        if (t instanceof SocketTimeoutException || (t instanceof InterruptedIOException && name.contains("Timeout"))) {
            return new NetworkFailure(
                    NetworkFailure.Kind.NO_ANSWER,
                    "The server did not answer in time (" + where
                            + "): it accepted the request but sent nothing; it may be overloaded or hung, or the network dropped",
                    error);
        }
        if (CLOSED_EARLY.contains(name)) {
            return new NetworkFailure(
                    NetworkFailure.Kind.DROPPED,
                    "The connection to the server closed before its answer was complete (" + where + ")",
                    error);
        }
        if (t instanceof SocketException) {
            return new NetworkFailure(
                    NetworkFailure.Kind.DROPPED,
                    "The connection to the server was lost (" + where + ": " + firstLine(t.getMessage(), 80) + ")",
                    error);
        }
        return null;
    }

    private static NetworkFailure tls(SSLException ssl, RemoteEndpoint endpoint, String where, Throwable error) {
        String detail = ssl.getMessage() == null ? "" : ssl.getMessage();
        String reason;
        if (hasCause(ssl, CertPathValidatorException.class)
                || detail.contains("PKIX")
                || detail.contains("unable to find valid certification path")) {
            reason =
                    "the server's certificate is not trusted: it is self-signed or signed by an authority this computer does not know. "
                            + "Give the CA file that signed it, or, for a test server only, turn certificate verification off";
        } else if (detail.contains("No subject alternative")
                || detail.contains("doesn't match")
                || detail.contains("does not match")) {
            reason = "the server's certificate is for another host name (" + firstLine(detail, 120) + ")";
        } else if (hasCause(ssl, CertificateException.class)
                && detail.toLowerCase(Locale.ROOT).contains("expired")) {
            reason = "the server's certificate has expired";
        } else if (detail.contains("plaintext") || detail.contains("Unsupported or unrecognized SSL message")) {
            reason = "the server does not speak TLS on this port: use http://, or the server's https port";
        } else {
            reason = firstLine(detail, 200);
        }
        return new NetworkFailure(
                NetworkFailure.Kind.TLS,
                "TLS connection to " + where + " failed: " + reason
                        + (endpoint.isHttps() ? "" : " (is this an https:// port?)"),
                error);
    }

    private static boolean hasCause(Throwable t, Class<? extends Throwable> type) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (type.isInstance(c)) {
                return true;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String m = root.getMessage();
        return m == null || m.isBlank() ? root.getClass().getSimpleName() : firstLine(m, 160);
    }

    private static String firstLine(String text, int max) {
        if (text == null) {
            return "";
        }
        String line = text.strip().lines().findFirst().orElse("").strip();
        return line.length() > max ? line.substring(0, max) + "…" : line;
    }

    /** One value larger than memory (a proxy can send anything): its allocation failed, nothing else did. */
    static EngineException valueTooLarge(String url) {
        return new EngineException(
                0,
                "The answer from " + url
                        + " holds a value larger than Callscope can keep in memory; it stopped reading it");
    }

    /** The answer passed the connection's result limit on the way in (see {@code BoundedAnswer}). */
    static EngineException answerTooLarge(String url, long limit, Throwable cause) {
        return new EngineException(
                RemoteEngine.TOO_MANY_ROWS_OR_BYTES,
                String.format(
                        Locale.ROOT,
                        "The answer from %s is larger than this connection's result limit (%,d MB); Callscope stopped reading it."
                                + " Narrow the range, or raise Max result size under Connections…",
                        url,
                        limit / 1_000_000),
                cause);
    }

    /** The read's deadline (the time limit plus its grace) passed and its answer was closed. */
    static EngineException expired(String url, Duration timeLimit, Duration deadline, Throwable cause) {
        return new EngineException(
                EngineException.TIMEOUT_EXCEEDED,
                String.format(
                        Locale.ROOT,
                        "The answer from %s took longer than the time limit (%d s) and its grace (%d s); Callscope stopped reading it",
                        url,
                        timeLimit.toSeconds(),
                        deadline == null ? 0 : deadline.minus(timeLimit).toSeconds()),
                cause);
    }
}
