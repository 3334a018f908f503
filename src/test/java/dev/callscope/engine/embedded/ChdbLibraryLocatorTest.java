package dev.callscope.engine.embedded;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.callscope.platform.BuildInfo;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The download path an installed app takes when npm is absent: a real HTTP server on loopback
 * serves an npm-style tarball; the locator downloads it with progress, checks its hash and unpacks
 * the library into the cache, or leaves nothing behind.
 */
class ChdbLibraryLocatorTest {

    private static final int LIBRARY_SIZE = 3 << 20; // several progress steps

    @TempDir
    Path cache;

    private HttpServer server;
    private byte[] library;
    private byte[] tarball;

    @BeforeEach
    void serve() throws Exception {
        library = new byte[LIBRARY_SIZE];
        new Random(8).nextBytes(library);
        tarball = npmTarball(library);
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/engine.tgz", exchange -> {
            exchange.sendResponseHeaders(200, tarball.length);
            try (var body = exchange.getResponseBody()) {
                body.write(tarball);
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void downloadsChecksAndUnpacksWithProgress() throws Exception {
        List<String> messages = new ArrayList<>();
        List<Double> downloaded = new ArrayList<>();
        ChdbLibraryLocator locator = locator(integrity(tarball), "/engine.tgz");

        Path lib = locator.fetch((message, fraction) -> {
            messages.add(message);
            if (message.startsWith("Downloading the embedded engine: ")) {
                downloaded.add(fraction);
            }
        });

        assertEquals(locator.cachedLibrary(), lib);
        assertArrayEquals(library, Files.readAllBytes(lib));
        assertFalse(downloaded.isEmpty(), messages::toString);
        for (int i = 1; i < downloaded.size(); i++) {
            assertTrue(downloaded.get(i) >= downloaded.get(i - 1), "progress never goes back: " + downloaded);
        }
        assertEquals(1.0, downloaded.getLast(), 1e-9, "the download reports reaching its full length");
        assertEquals(List.of(lib.getFileName()), listing(lib.getParent()), "no temporary files stay in the cache");
    }

    @Test
    void aTamperedDownloadLeavesNothingInTheCache() throws Exception {
        ChdbLibraryLocator locator = locator(integrity("something else".getBytes()), "/engine.tgz");

        EngineUnavailableException e =
                assertThrows(EngineUnavailableException.class, () -> locator.fetch((m, f) -> {}));

        assertTrue(e.getMessage().contains("integrity"), e.getMessage());
        assertTrue(e.getMessage().contains("connect to a ClickHouse server"), e.getMessage());
        assertFalse(Files.exists(locator.cachedLibrary()));
        assertEquals(List.of(), listing(locator.cachedLibrary().getParent()));
    }

    @Test
    void aMissingFileIsReportedWithItsStatus() {
        ChdbLibraryLocator locator = locator(integrity(tarball), "/missing.tgz");

        EngineUnavailableException e =
                assertThrows(EngineUnavailableException.class, () -> locator.fetch((m, f) -> {}));

        assertTrue(e.getMessage().contains("HTTP 404"), e.getMessage());
    }

    @Test
    void anUnreachableServerIsNamedInPlainWords() throws Exception {
        int closedPort;
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        BuildInfo build = new BuildInfo("test", "@chdb/lib-test", "0.0.0-test", integrity(tarball));
        ChdbLibraryLocator locator =
                new ChdbLibraryLocator(build, cache, URI.create("http://127.0.0.1:" + closedPort + "/engine.tgz"));

        EngineUnavailableException e =
                assertThrows(EngineUnavailableException.class, () -> locator.fetch((m, f) -> {}));

        assertTrue(e.getMessage().contains("cannot connect to 127.0.0.1"), e.getMessage());
        assertFalse(e.getMessage().contains("null"), e.getMessage());
    }

    private ChdbLibraryLocator locator(String integrity, String path) {
        BuildInfo build = new BuildInfo("test", "@chdb/lib-test", "0.0.0-test", integrity);
        URI url = URI.create("http://" + server.getAddress().getHostString() + ":"
                + server.getAddress().getPort() + path);
        return new ChdbLibraryLocator(build, cache, url);
    }

    private static List<Path> listing(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(Path::getFileName).toList();
        }
    }

    /** The layout npm publishes: a gzipped tar with everything under package/. */
    private static byte[] npmTarball(byte[] library) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(bytes))) {
            byte[] manifest = "{\"name\":\"@chdb/lib-test\"}".getBytes();
            for (var file : List.of(
                    new Object[] {"package/package.json", manifest}, new Object[] {"package/libchdb.so", library})) {
                byte[] content = (byte[]) file[1];
                TarArchiveEntry entry = new TarArchiveEntry((String) file[0]);
                entry.setSize(content.length);
                tar.putArchiveEntry(entry);
                tar.write(content);
                tar.closeArchiveEntry();
            }
        }
        return bytes.toByteArray();
    }

    private static String integrity(byte[] content) {
        try {
            return "sha512-"
                    + Base64.getEncoder()
                            .encodeToString(MessageDigest.getInstance("SHA-512").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
