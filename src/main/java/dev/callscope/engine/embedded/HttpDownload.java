package dev.callscope.engine.embedded;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import javax.net.ssl.SSLException;

/**
 * Downloads one file over HTTP(S) with the JDK's client, reporting how much has arrived. Lets an
 * installed app fetch the engine on a machine without npm; the file is checked by its pinned hash
 * afterwards, so where it came from does not need to be trusted.
 */
final class HttpDownload {

    private static final int BUFFER = 1 << 16;

    private HttpDownload() {}

    /**
     * Writes the body of {@code url} to {@code out}.
     *
     * @param what  a name for the progress messages, e.g. "the embedded engine"
     * @throws IOException on a network failure or any status other than 200
     */
    static void to(URI url, Path out, String what, FetchProgress progress) throws IOException {
        HttpRequest request = HttpRequest.newBuilder(url).GET().build();
        try (HttpClient client = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(Duration.ofSeconds(30))
                .build()) {
            HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = response.body()) {
                if (response.statusCode() != 200) {
                    throw new IOException("HTTP " + response.statusCode() + " from " + url.getHost());
                }
                long total =
                        response.headers().firstValueAsLong("content-length").orElse(-1);
                copy(in, out, total, what, progress);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while downloading " + what, e);
        } catch (IOException e) {
            String reason = reason(e, url.getHost());
            throw reason.equals(e.getMessage()) ? e : new IOException(reason, e);
        }
    }

    /** The JDK client's network failures often carry no message: name what went wrong, and where. */
    static String reason(IOException e, String host) {
        if (inChain(e, UnknownHostException.class) || inChain(e, UnresolvedAddressException.class)) {
            return "cannot find " + host + " (is this machine offline?)";
        }
        if (inChain(e, HttpTimeoutException.class)) {
            return host + " did not answer in time";
        }
        if (inChain(e, ConnectException.class)) {
            return "cannot connect to " + host;
        }
        if (inChain(e, SSLException.class)) {
            return "the secure connection to " + host + " failed";
        }
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName() + " while talking to " + host;
    }

    private static boolean inChain(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private static void copy(InputStream in, Path out, long total, String what, FetchProgress progress)
            throws IOException {
        byte[] buffer = new byte[BUFFER];
        long done = 0;
        long lastReportedMb = -1;
        try (OutputStream file = Files.newOutputStream(out)) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                file.write(buffer, 0, n);
                done += n;
                long mb = done >> 20;
                if (mb != lastReportedMb) { // one update per MB keeps the UI calm
                    lastReportedMb = mb;
                    progress.update(message(what, done, total), total > 0 ? (double) done / total : -1);
                }
            }
        }
        if (total > 0 && done != total) {
            throw new IOException("the download of " + what + " stopped after " + done + " of " + total + " bytes");
        }
    }

    private static String message(String what, long done, long total) {
        return total > 0
                ? String.format(Locale.ROOT, "Downloading %s: %d of %d MB", what, done >> 20, total >> 20)
                : String.format(Locale.ROOT, "Downloading %s: %d MB", what, done >> 20);
    }
}
