package dev.callscope.cost;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;

/**
 * The price table of each connection, one JSON file per connection under {@code <config>/prices/}.
 * The only place that knows where prices live, so they can move into a connection profile later.
 * Blocking file I/O: call it off the FX thread.
 */
public final class PriceStore {

    private final Path dir;

    public PriceStore(Path configDir) {
        this.dir = configDir.resolve("prices");
    }

    /**
     * A safe file name for a connection (an embedded data directory, or a server URL and database):
     * its readable part kept to letters, digits, dot and dash, plus a hash of the whole so two
     * connections that read alike never share a file.
     */
    public static String key(String connection) {
        String readable = connection
                .toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9.-]+", "_")
                .replaceAll("^[_.]+", "");
        if (readable.length() > 60) {
            readable = readable.substring(readable.length() - 60);
        }
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(connection.getBytes(StandardCharsets.UTF_8));
            return readable + "-" + HexFormat.of().formatHex(hash, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public Path file(String key) {
        if (!key.matches("[a-z0-9._-]{1,80}") || key.startsWith(".")) {
            throw new IllegalArgumentException("Not a price-table key: " + key);
        }
        return dir.resolve(key + ".json");
    }

    /**
     * A loaded table, and what went wrong when the saved one could not be used.
     *
     * @param problem null when the table is the saved one (or none was saved); otherwise a sentence
     *                for the user saying why example prices are shown and where the old file is kept
     */
    public record Loaded(Prices prices, String problem) {}

    /**
     * The connection's saved table, or {@link Prices#EXAMPLES} when none was saved. A file that
     * cannot be read as a table is moved aside to {@code <key>.json.corrupt-<time>}, so saving the
     * examples later never overwrites what the user had, and the examples come with a problem.
     */
    public Loaded load(String key) {
        Path f = file(key);
        if (!Files.exists(f)) {
            return new Loaded(Prices.EXAMPLES, null);
        }
        try {
            return new Loaded(PriceFiles.read(f), null);
        } catch (IOException | IllegalArgumentException e) {
            Path aside = f.resolveSibling(
                    f.getFileName() + ".corrupt-" + Instant.now().toEpochMilli());
            String kept;
            try {
                Files.move(f, aside);
                kept = "it is kept as " + aside.getFileName();
            } catch (IOException moveFailed) {
                kept = "it could not be moved aside (" + moveFailed.getMessage() + ")";
            }
            return new Loaded(
                    Prices.EXAMPLES,
                    "The saved prices could not be read (" + PriceFiles.reason(e) + "); " + kept
                            + ", and example prices are shown");
        }
    }

    /** Saves atomically: a crash leaves the old table or the new one, never half of either. */
    public void save(String key, Prices prices) throws IOException {
        Files.createDirectories(dir);
        PriceFiles.write(file(key), prices);
    }
}
