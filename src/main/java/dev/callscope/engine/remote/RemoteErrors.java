package dev.callscope.engine.remote;

import com.clickhouse.client.api.ServerException;
import dev.callscope.engine.EngineException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;

/**
 * Turns the Java client's exceptions into one {@link EngineException} a user can act on: the
 * server's own code and message when the server answered, otherwise what went wrong on the way
 * (name lookup, refused, timed out, TLS), named with the host.
 */
final class RemoteErrors {

    /** ClickHouse's UNKNOWN_SETTING: an older server than the settings every query carries. */
    static final int UNKNOWN_SETTING = 115;

    private RemoteErrors() {
    }

    static EngineException translate(Throwable error, RemoteEndpoint endpoint) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof ServerException server) {
                String message = EngineException.fromServerText(server.getMessage()).getMessage();
                if (server.getCode() == UNKNOWN_SETTING && message.contains("session_timezone")) {
                    return new EngineException(server.getCode(), "The server at " + endpoint.url()
                            + " is too old for Callscope, which needs ClickHouse 23.6 or newer (" + message + ")", error);
                }
                return new EngineException(server.getCode(), message, error);
            }
        }
        String where = endpoint.url();
        for (Throwable t = error; t != null; t = t.getCause()) {
            String reason = switch (t) {
                case UnknownHostException u -> "Cannot resolve the server's host name (" + where + ")";
                case ConnectException c -> "The server refused the connection (" + where + "): is it running, and is the port right?";
                case NoRouteToHostException n -> "No route to the server (" + where + ")";
                case SocketTimeoutException s -> "The server did not answer in time (" + where + ")";
                case SSLHandshakeException h -> "TLS handshake with " + where + " failed: " + h.getMessage();
                case SSLException s -> "TLS problem with " + where + ": " + s.getMessage()
                        + (endpoint.isHttps() ? "" : " (is this an https:// port?)");
                default -> null;
            };
            if (reason != null) {
                return new EngineException(0, reason, error);
            }
        }
        String message = error.getMessage() == null ? error.getClass().getSimpleName() : error.getMessage();
        return EngineException.fromServerText(message).withCause(error);
    }
}
