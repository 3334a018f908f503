package dev.callscope.engine.embedded;

import dev.callscope.platform.BuildInfo;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * Finds libchdb, fetching it the first time.
 *
 * <p>Order: the {@code CALLSCOPE_CHDB_LIB} environment variable or {@code callscope.chdb.lib}
 * system property; a library bundled with an installed app ({@code callscope.chdb.bundled}, set by
 * the package's launcher); the per-user cache; otherwise the npm package pinned in the pom, checked
 * against its pinned integrity hash and unpacked into the cache. The package's tarball is downloaded
 * from {@code CALLSCOPE_CHDB_URL} / {@code callscope.chdb.url} when one is known (installed apps
 * carry the address npm gave at build time, so users need no npm), else fetched with {@code npm pack}.
 */
public final class ChdbLibraryLocator {

    public static final String ENV_VAR = "CALLSCOPE_CHDB_LIB";
    public static final String PROPERTY = "callscope.chdb.lib";
    public static final String BUNDLED_PROPERTY = "callscope.chdb.bundled";
    public static final String URL_ENV_VAR = "CALLSCOPE_CHDB_URL";
    public static final String URL_PROPERTY = "callscope.chdb.url";
    private static final String LIBRARY_ENTRY = "package/libchdb.so";
    private static final String WHAT = "the embedded engine";

    private final BuildInfo build;
    private final Path cacheRoot;
    private final URI tarballUrl;

    /** A locator that downloads from the configured address, if any, else uses npm. */
    public ChdbLibraryLocator(BuildInfo build, Path cacheRoot) {
        this(build, cacheRoot, configuredUrl().orElse(null));
    }

    /** @param tarballUrl where the pinned package's tarball is downloaded from; null to ask npm */
    public ChdbLibraryLocator(BuildInfo build, Path cacheRoot, URI tarballUrl) {
        this.build = build;
        this.cacheRoot = cacheRoot;
        this.tarballUrl = tarballUrl;
    }

    /** The tarball address from the environment or the launcher's system property. */
    public static Optional<URI> configuredUrl() {
        String url = Optional.ofNullable(System.getenv(URL_ENV_VAR))
                .filter(s -> !s.isBlank())
                .orElse(System.getProperty(URL_PROPERTY));
        return url == null || url.isBlank() ? Optional.empty() : Optional.of(URI.create(url.strip()));
    }

    /** Where the fetched library lives for the pinned version. */
    public Path cachedLibrary() {
        return cacheRoot.resolve("chdb").resolve(build.chdbVersion()).resolve("libchdb.so");
    }

    /** The library if it is already on this machine, without fetching anything. */
    public Optional<Path> findLocal() {
        String explicit = Optional.ofNullable(System.getProperty(PROPERTY)).orElse(System.getenv(ENV_VAR));
        if (explicit != null && !explicit.isBlank()) {
            return Optional.of(Path.of(explicit));
        }
        String bundled = System.getProperty(BUNDLED_PROPERTY);
        if (bundled != null && Files.isRegularFile(Path.of(bundled))) {
            return Optional.of(Path.of(bundled));
        }
        Path cached = cachedLibrary();
        return Files.isRegularFile(cached) ? Optional.of(cached) : Optional.empty();
    }

    /**
     * Returns a usable library, fetching it if needed.
     *
     * @param progress status for a progress display
     * @throws EngineUnavailableException with a message a user can act on
     */
    public Path locate(FetchProgress progress) throws EngineUnavailableException {
        Optional<Path> local = findLocal();
        if (local.isPresent()) {
            if (!Files.isRegularFile(local.get())) {
                throw new EngineUnavailableException(
                        "The embedded engine library " + local.get() + " (from " + ENV_VAR + ") does not exist.");
            }
            return local.get();
        }
        requireSupportedPlatform();
        return fetch(progress);
    }

    private static void requireSupportedPlatform() throws EngineUnavailableException {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        if (!os.contains("linux") || !(arch.equals("amd64") || arch.equals("x86_64"))) {
            throw new EngineUnavailableException(
                    "The embedded engine (chDB) is published for Linux x86-64 only; this is "
                            + System.getProperty("os.name") + " " + System.getProperty("os.arch")
                            + ". Connect to a ClickHouse server instead, or set " + ENV_VAR
                            + " to a libchdb built for this machine.");
        }
    }

    /** Downloads, checks and unpacks the pinned package into the cache; nothing is left behind on failure. */
    Path fetch(FetchProgress progress) throws EngineUnavailableException {
        Path target = cachedLibrary();
        Path work = null;
        try {
            Files.createDirectories(target.getParent());
            work = Files.createTempDirectory(target.getParent(), "fetch-");
            Path tarball = download(work, progress);
            progress.update("Checking the download…", -1);
            verifyIntegrity(tarball, build.chdbIntegrity());
            Path unpacked = work.resolve("libchdb.so");
            extract(tarball, unpacked, progress);
            try {
                Files.move(unpacked, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(unpacked, target, StandardCopyOption.REPLACE_EXISTING);
            }
            progress.update("Embedded engine ready.", 1);
            return target;
        } catch (IOException e) {
            throw new EngineUnavailableException(
                    "Could not fetch the embedded engine: " + e.getMessage()
                            + ". Check the network and start again, or connect to a ClickHouse server instead.",
                    e);
        } finally {
            deleteQuietly(work);
        }
    }

    private Path download(Path work, FetchProgress progress) throws IOException, EngineUnavailableException {
        String spec = build.chdbPackage() + "@" + build.chdbVersion();
        if (tarballUrl != null) {
            Path tarball = work.resolve("engine.tgz");
            progress.update("Downloading " + WHAT + " (" + spec + ")…", 0);
            HttpDownload.to(tarballUrl, tarball, WHAT, progress);
            return tarball;
        }
        progress.update("Downloading " + WHAT + " (" + spec + ", about 180 MB)…", -1);
        return npmPack(spec, work);
    }

    private static Path npmPack(String spec, Path dir) throws IOException, EngineUnavailableException {
        List<String> command = List.of(
                npmCommand(),
                "pack",
                spec,
                "--pack-destination",
                dir.toString(),
                "--silent",
                "--no-fund",
                "--no-audit");
        Process process;
        try {
            process = new ProcessBuilder(command)
                    .directory(dir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve("npm.log").toFile())
                    .start();
        } catch (IOException e) {
            throw new EngineUnavailableException(
                    "The embedded engine is fetched with npm, which was not found ("
                            + e.getMessage() + "). Install Node.js/npm, set " + ENV_VAR
                            + " to a libchdb.so, or connect to a ClickHouse server instead.",
                    e);
        }
        try {
            if (!process.waitFor(15, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IOException("npm pack did not finish within 15 minutes");
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while fetching", e);
        }
        if (process.exitValue() != 0) {
            String log = Files.readString(dir.resolve("npm.log")).strip();
            throw new IOException("npm pack " + spec + " failed: "
                    + log.lines().reduce((a, b) -> b).orElse(""));
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".tgz"))
                    .findFirst()
                    .orElseThrow(() -> new IOException("npm pack produced no tarball"));
        }
    }

    private static String npmCommand() {
        return System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("win") ? "npm.cmd" : "npm";
    }

    /** Checks an npm "sha512-base64" integrity string against the file. */
    static void verifyIntegrity(Path file, String integrity) throws IOException {
        if (integrity == null || !integrity.startsWith("sha512-")) {
            throw new IOException("no sha512 integrity pinned for the engine package");
        }
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-512");
        } catch (NoSuchAlgorithmException e) {
            throw new IOException(e);
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[1 << 20];
            int n;
            while ((n = in.read(buffer)) > 0) {
                digest.update(buffer, 0, n);
            }
        }
        String actual = "sha512-" + Base64.getEncoder().encodeToString(digest.digest());
        if (!actual.equals(integrity)) {
            throw new IOException("the downloaded package does not match its pinned integrity hash");
        }
    }

    private static void extract(Path tarball, Path out, FetchProgress progress) throws IOException {
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(tarball), 1 << 20);
                TarArchiveInputStream tar = new TarArchiveInputStream(new GzipCompressorInputStream(raw))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                if (entry.getName().equals(LIBRARY_ENTRY)) {
                    copy(tar, out, entry.getSize(), progress);
                    return;
                }
            }
        }
        throw new IOException("the engine package holds no " + LIBRARY_ENTRY);
    }

    private static void copy(InputStream in, Path out, long size, FetchProgress progress) throws IOException {
        byte[] buffer = new byte[1 << 20];
        long done = 0;
        try (OutputStream file = Files.newOutputStream(out)) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                file.write(buffer, 0, n);
                done += n;
                if ((done & ((1 << 24) - 1)) < n) { // about every 16 MB
                    progress.update(
                            String.format(Locale.ROOT, "Unpacking %s: %d of %d MB", WHAT, done >> 20, size >> 20),
                            size > 0 ? (double) done / size : -1);
                }
            }
        }
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a leftover temp folder in the cache is harmless
        }
    }
}
