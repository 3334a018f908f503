package dev.callscope.engine.embedded;

import dev.callscope.platform.BuildInfo;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
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
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * Finds libchdb, fetching it the first time.
 *
 * <p>Order: the {@code CALLSCOPE_CHDB_LIB} environment variable or {@code callscope.chdb.lib}
 * system property; a library bundled with an installed app; the per-user cache; otherwise the npm
 * package pinned in the pom, fetched with the ordinary {@code npm pack}, checked against its
 * pinned integrity hash, and unpacked into the cache.
 */
public final class ChdbLibraryLocator {

    public static final String ENV_VAR = "CALLSCOPE_CHDB_LIB";
    public static final String PROPERTY = "callscope.chdb.lib";
    private static final String LIBRARY_ENTRY = "package/libchdb.so";

    private final BuildInfo build;
    private final Path cacheRoot;

    public ChdbLibraryLocator(BuildInfo build, Path cacheRoot) {
        this.build = build;
        this.cacheRoot = cacheRoot;
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
        String appDir = System.getProperty("jpackage.app-path");
        if (appDir != null) {
            Path bundled = Path.of(appDir).getParent().resolveSibling("lib/app/native/libchdb.so");
            if (Files.isRegularFile(bundled)) {
                return Optional.of(bundled);
            }
        }
        Path cached = cachedLibrary();
        return Files.isRegularFile(cached) ? Optional.of(cached) : Optional.empty();
    }

    /**
     * Returns a usable library, fetching it if needed.
     *
     * @param progress short status lines for a progress display
     * @throws EngineUnavailableException with a message a user can act on
     */
    public Path locate(Consumer<String> progress) throws EngineUnavailableException {
        Optional<Path> local = findLocal();
        if (local.isPresent()) {
            if (!Files.isRegularFile(local.get())) {
                throw new EngineUnavailableException("The embedded engine library " + local.get()
                        + " (from " + ENV_VAR + ") does not exist.");
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
            throw new EngineUnavailableException("The embedded engine (chDB) is published for Linux x86-64 only; this is "
                    + System.getProperty("os.name") + " " + System.getProperty("os.arch")
                    + ". Connect to a ClickHouse server instead, or set " + ENV_VAR + " to a libchdb built for this machine.");
        }
    }

    private Path fetch(Consumer<String> progress) throws EngineUnavailableException {
        Path target = cachedLibrary();
        Path work = null;
        try {
            Files.createDirectories(target.getParent());
            work = Files.createTempDirectory(target.getParent(), "fetch-");
            String spec = build.chdbPackage() + "@" + build.chdbVersion();
            progress.accept("Downloading the embedded engine (" + spec + ", about 180 MB)…");
            Path tarball = npmPack(spec, work);
            progress.accept("Checking the download…");
            verifyIntegrity(tarball, build.chdbIntegrity());
            progress.accept("Unpacking libchdb…");
            Path unpacked = work.resolve("libchdb.so");
            extract(tarball, unpacked);
            try {
                Files.move(unpacked, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(unpacked, target, StandardCopyOption.REPLACE_EXISTING);
            }
            progress.accept("Embedded engine ready.");
            return target;
        } catch (IOException e) {
            throw new EngineUnavailableException("Could not fetch the embedded engine: " + e.getMessage(), e);
        } finally {
            deleteQuietly(work);
        }
    }

    private static Path npmPack(String spec, Path dir) throws IOException, EngineUnavailableException {
        List<String> command = List.of(npmCommand(), "pack", spec, "--pack-destination", dir.toString(),
                "--silent", "--no-fund", "--no-audit");
        Process process;
        try {
            process = new ProcessBuilder(command).directory(dir.toFile())
                    .redirectErrorStream(true).redirectOutput(dir.resolve("npm.log").toFile()).start();
        } catch (IOException e) {
            throw new EngineUnavailableException("The embedded engine is fetched with npm, which was not found ("
                    + e.getMessage() + "). Install Node.js/npm, set " + ENV_VAR
                    + " to a libchdb.so, or connect to a ClickHouse server instead.", e);
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
            throw new IOException("npm pack " + spec + " failed: " + log.lines().reduce((a, b) -> b).orElse(""));
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".tgz")).findFirst()
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

    private static void extract(Path tarball, Path out) throws IOException {
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(tarball), 1 << 20);
             TarArchiveInputStream tar = new TarArchiveInputStream(new GzipCompressorInputStream(raw))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                if (entry.getName().equals(LIBRARY_ENTRY)) {
                    Files.copy(tar, out, StandardCopyOption.REPLACE_EXISTING);
                    return;
                }
            }
        }
        throw new IOException("the engine package holds no " + LIBRARY_ENTRY);
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
