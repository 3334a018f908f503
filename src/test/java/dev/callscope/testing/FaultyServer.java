package dev.callscope.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A loopback TCP server that misbehaves on purpose, so the remote engine's handling of broken
 * networks and servers is tested against real sockets: it stalls, resets, answers 500 or garbage,
 * or relays to a real endpoint and cuts the answer off midway. The fault can be switched while it
 * runs, and the listener can stop and start again on the same port (a server going away and back).
 */
public final class FaultyServer implements AutoCloseable {

    /** What the server does with each connection. */
    public enum Fault {
        /** Relays to the upstream endpoint unchanged. */
        RELAY,
        /** Reads the request and never answers. */
        STALL,
        /** Reads the request and resets the connection (TCP RST) without a byte of answer. */
        RESET,
        /** Relays to upstream, then resets the connection after the first part of the answer. */
        CUT_MID_RESPONSE,
        /** Answers 500 with an HTML page, as a proxy or load balancer in front of a server does. */
        HTTP_500,
        /** Answers 200 with bytes that are not the requested format. */
        GARBAGE,
        /** Answers with something that is not HTTP at all. */
        NOT_HTTP,
        /** Answers 400 to the first bytes, whatever they are, as an HTTP server does to a TLS handshake. */
        BAD_REQUEST,
        /** Answers 502 Bad Gateway with an HTML page, as a proxy does when the server behind it is down. */
        GATEWAY_502,
        /** Answers 503 Service Unavailable, as a load balancer with no healthy server does. */
        GATEWAY_503,
        /** Relays upstream's answer one byte every {@link #TRICKLE_PAUSE_MS} ms: an answer that never quite stops. */
        TRICKLE,
        /** Answers 200 with a valid header and one String value that claims 2 GiB and streams until the client stops. */
        HUGE_VALUE,
        /** Answers 200 with valid UInt64 rows that never end. */
        HUGE_RESULT
    }

    /** The pause between the bytes of {@link Fault#TRICKLE}. */
    public static final int TRICKLE_PAUSE_MS = 200;

    /** Bytes of the answer relayed before {@link Fault#CUT_MID_RESPONSE} resets the connection. */
    static final int CUT_AFTER_BYTES = 48 * 1024;

    private final String upstreamHost;
    private final int upstreamPort;
    private final int port;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger requests = new AtomicInteger();
    private volatile Fault fault;
    private volatile ServerSocket listener;

    private FaultyServer(Fault fault, String upstreamUrl) throws IOException {
        this.fault = fault;
        if (upstreamUrl != null) {
            URI u = URI.create(upstreamUrl);
            upstreamHost = u.getHost();
            upstreamPort = u.getPort();
        } else {
            upstreamHost = null;
            upstreamPort = -1;
        }
        listener = bind(0);
        port = listener.getLocalPort();
        acceptOn(listener);
    }

    /** A server that applies {@code fault} to every connection. */
    public static FaultyServer start(Fault fault) {
        return start(fault, null);
    }

    /** A server in front of {@code upstreamUrl} (an http:// endpoint), for the relaying faults. */
    public static FaultyServer start(Fault fault, String upstreamUrl) {
        try {
            return new FaultyServer(fault, upstreamUrl);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    /** Applies {@code next} from now on; open connections are closed, so it applies to every new request. */
    public void setFault(Fault next) {
        fault = next;
        sockets.forEach(FaultyServer::closeQuietly);
        sockets.clear();
    }

    /** HTTP requests read so far by the faults that answer without relaying (gateway pages, huge answers). */
    public int requests() {
        return requests.get();
    }

    /** Connections accepted so far. */
    public int connections() {
        return connections.get();
    }

    /** The server goes away: open connections reset, new ones refused. */
    public synchronized void stop() {
        closeQuietly(listener);
        listener = null;
        sockets.forEach(FaultyServer::reset);
        sockets.clear();
    }

    /** The server comes back on the same port. */
    public synchronized void restart() {
        if (listener != null) {
            return;
        }
        try {
            listener = bind(port);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        acceptOn(listener);
    }

    private static ServerSocket bind(int port) throws IOException {
        ServerSocket s = new ServerSocket();
        s.setReuseAddress(true);
        s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
        return s;
    }

    private void acceptOn(ServerSocket server) {
        Thread.ofPlatform().daemon().name("faulty-server-" + port).start(() -> {
            while (!server.isClosed()) {
                try {
                    Socket client = server.accept();
                    connections.incrementAndGet();
                    sockets.add(client);
                    Thread.ofVirtual().start(() -> serve(client));
                } catch (IOException e) {
                    return; // closed
                }
            }
        });
    }

    private void serve(Socket client) {
        try {
            switch (fault) {
                case RELAY -> relay(client, Long.MAX_VALUE);
                case CUT_MID_RESPONSE -> relay(client, CUT_AFTER_BYTES);
                case STALL -> {
                    readRequest(client.getInputStream());
                    client.getInputStream().read(); // until the client gives up
                }
                case RESET -> {
                    readRequest(client.getInputStream());
                    reset(client);
                }
                case HTTP_500 -> {
                    String page = "<html><body><h1>502 Bad Gateway</h1></body></html>\n";
                    answerEachRequest(
                            client,
                            ("HTTP/1.1 500 Internal Server Error\r\nContent-Type: text/html\r\nContent-Length: "
                                            + page.length() + "\r\n\r\n" + page)
                                    .getBytes(StandardCharsets.US_ASCII));
                }
                case GARBAGE -> {
                    byte[] body = "\u00ff\u00fe this is not RowBinary at all \u0001\u0002\u0003"
                            .repeat(40)
                            .getBytes(StandardCharsets.ISO_8859_1);
                    String head = "HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\nX-ClickHouse-Format: "
                            + "RowBinaryWithNamesAndTypes\r\nContent-Length: " + body.length + "\r\n\r\n";
                    ByteArrayOutputStream answer = new ByteArrayOutputStream();
                    answer.writeBytes(head.getBytes(StandardCharsets.US_ASCII));
                    answer.writeBytes(body);
                    answerEachRequest(client, answer.toByteArray());
                }
                case GATEWAY_502, GATEWAY_503 -> {
                    String status = fault == Fault.GATEWAY_502 ? "502 Bad Gateway" : "503 Service Unavailable";
                    String page = "<html><head><title>" + status + "</title></head><body><center><h1>" + status
                            + "</h1></center><hr><center>nginx</center></body></html>\n";
                    InputStream in = client.getInputStream();
                    while (readRequest(in)) {
                        requests.incrementAndGet();
                        client.getOutputStream()
                                .write(("HTTP/1.1 " + status + "\r\nServer: nginx\r\nContent-Type: text/html\r\n"
                                                + "Content-Length: " + page.length() + "\r\n\r\n" + page)
                                        .getBytes(StandardCharsets.US_ASCII));
                        client.getOutputStream().flush();
                    }
                }
                case TRICKLE -> trickle(client);
                case HUGE_VALUE -> {
                    readRequest(client.getInputStream());
                    requests.incrementAndGet();
                    ByteArrayOutputStream head = new ByteArrayOutputStream();
                    head.write(1); // one column
                    writeString(head, "s");
                    writeString(head, "String");
                    // the value's length: 2^31 - 1 as a LEB128 varint
                    head.writeBytes(new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x07});
                    endless(client, head.toByteArray(), new byte[64 * 1024]);
                }
                case HUGE_RESULT -> {
                    readRequest(client.getInputStream());
                    requests.incrementAndGet();
                    ByteArrayOutputStream head = new ByteArrayOutputStream();
                    head.write(1);
                    writeString(head, "n");
                    writeString(head, "UInt64");
                    endless(client, head.toByteArray(), new byte[64 * 1024]); // rows of eight zero bytes
                }
                case BAD_REQUEST -> {
                    client.getInputStream().read(new byte[4096]);
                    client.getOutputStream()
                            .write("HTTP/1.0 400 Bad Request\r\nContent-Length: 0\r\n\r\n"
                                    .getBytes(StandardCharsets.US_ASCII));
                    client.getOutputStream().flush();
                    client.close();
                }
                case NOT_HTTP -> {
                    readRequest(client.getInputStream());
                    client.getOutputStream()
                            .write("SSH-2.0-OpenSSH_9.2\r\nProtocol mismatch.\n".getBytes(StandardCharsets.US_ASCII));
                    client.getOutputStream().flush();
                    client.close();
                }
            }
        } catch (IOException e) {
            // the client went away or we reset it: nothing to do
        } finally {
            sockets.remove(client);
            closeQuietly(client);
        }
    }

    private static void writeString(ByteArrayOutputStream out, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.write(b.length);
        out.writeBytes(b);
    }

    /** A 200 answer in RowBinaryWithNamesAndTypes: {@code head}, then {@code block} again and again until the client goes. */
    private static void endless(Socket client, byte[] head, byte[] block) throws IOException {
        OutputStream out = client.getOutputStream();
        out.write(
                ("HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\nX-ClickHouse-Format: RowBinaryWithNamesAndTypes\r\n"
                                + "X-ClickHouse-Timezone: UTC\r\nConnection: close\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
        out.write(head);
        long deadline = System.nanoTime() + 120_000_000_000L; // bounded: a test never runs this forever
        while (System.nanoTime() < deadline) {
            out.write(block);
        }
    }

    /** Relays a request upstream and its answer back one byte at a time, slowly (bounded in time). */
    private void trickle(Socket client) throws IOException {
        try (Socket upstream = new Socket(upstreamHost, upstreamPort)) {
            forwardRequests(client, upstream);
            InputStream in = upstream.getInputStream();
            OutputStream out = client.getOutputStream();
            long deadline = System.nanoTime() + 120_000_000_000L;
            int b;
            while ((b = in.read()) >= 0 && System.nanoTime() < deadline) {
                out.write(b);
                out.flush();
                try {
                    Thread.sleep(TRICKLE_PAUSE_MS);
                } catch (InterruptedException e) {
                    return;
                }
            }
        } finally {
            sockets.removeIf(Socket::isClosed);
        }
    }

    /** The client's bytes go upstream as they come, on a thread of their own, until either side closes. */
    private void forwardRequests(Socket client, Socket upstream) {
        sockets.add(upstream);
        Thread.ofVirtual().start(() -> {
            try {
                client.getInputStream().transferTo(upstream.getOutputStream());
            } catch (IOException e) {
                // either side closed
            } finally {
                closeQuietly(upstream);
            }
        });
    }

    private static void answerEachRequest(Socket client, byte[] answer) throws IOException {
        InputStream in = client.getInputStream();
        while (readRequest(in)) {
            client.getOutputStream().write(answer);
            client.getOutputStream().flush();
        }
    }

    /** Relays both ways; after {@code limit} answer bytes, resets both sides. */
    private void relay(Socket client, long limit) throws IOException {
        try (Socket upstream = new Socket(upstreamHost, upstreamPort)) {
            forwardRequests(client, upstream);
            InputStream in = upstream.getInputStream();
            OutputStream out = client.getOutputStream();
            byte[] buffer = new byte[8192];
            long sent = 0;
            int n;
            while ((n = in.read(buffer)) > 0) {
                int allowed = (int) Math.min(n, limit - sent);
                out.write(buffer, 0, allowed);
                out.flush();
                sent += allowed;
                if (sent >= limit) {
                    reset(client);
                    reset(upstream);
                    return;
                }
            }
        } finally {
            sockets.removeIf(Socket::isClosed);
        }
    }

    /**
     * Reads one HTTP request (head and body, fixed-length or chunked) so that answering and closing
     * do not reset the connection with unread bytes; false when the client closed the connection.
     */
    static boolean readRequest(InputStream in) throws IOException {
        String head = readHead(in);
        if (head == null) {
            return false;
        }
        String lower = head.toLowerCase(Locale.ROOT);
        Matcher length = Pattern.compile("content-length:\\s*(\\d+)").matcher(lower);
        if (length.find()) {
            in.readNBytes(Integer.parseInt(length.group(1)));
        } else if (lower.contains("transfer-encoding: chunked")) {
            while (true) {
                String size = readLine(in);
                if (size == null) {
                    return false;
                }
                int n = Integer.parseInt(size.split(";")[0].strip(), 16);
                in.readNBytes(n);
                readLine(in);
                if (n == 0) {
                    break;
                }
            }
        }
        return true;
    }

    private static String readHead(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        String line;
        while ((line = readLine(in)) != null) {
            if (line.isEmpty()) {
                return head.toString();
            }
            head.append(line).append('\n');
        }
        return null;
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0) {
            if (b == '\n') {
                String s = line.toString(StandardCharsets.ISO_8859_1);
                return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
            }
            line.write(b);
        }
        return null;
    }

    private static void reset(Socket s) {
        try {
            s.setSoLinger(true, 0); // close with RST, as a crashed peer or a dropped network does
        } catch (IOException e) {
            // already closed
        }
        closeQuietly(s);
    }

    private static void closeQuietly(AutoCloseable c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (Exception e) {
            // closing anyway
        }
    }

    @Override
    public void close() {
        stop();
    }
}
