package dev.callscope.platform;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where an atomic write may replace what is at its destination, and where it must write in place. */
public class AtomicFilesTest {

    private static final byte[] BYTES = "a,b\n1,2\n".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;

    @Test
    void aNewPathAndARegularFileAreReplacedWholeAndNothingIsLeftBeside() throws IOException {
        Path f = dir.resolve("out.csv");
        AtomicFiles.write(f, out -> out.write(BYTES));
        assertArrayEquals(BYTES, Files.readAllBytes(f));
        Files.writeString(f, "older and longer content");
        AtomicFiles.write(f, out -> out.write(BYTES));
        assertArrayEquals(BYTES, Files.readAllBytes(f));
        assertThrows(
                IOException.class,
                () -> AtomicFiles.write(f, out -> {
                    out.write(1);
                    throw new IOException("the export failed");
                }));
        assertArrayEquals(BYTES, Files.readAllBytes(f), "a failed write leaves the old file");
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(1, s.count(), "no temporary file left beside it");
        }
    }

    @Test
    void aLinkToARegularFileStaysALinkAndItsTargetIsReplaced() throws IOException {
        Path target = Files.writeString(dir.resolve("real.csv"), "old");
        Path link = Files.createSymbolicLink(dir.resolve("link.csv"), target);
        AtomicFiles.write(link, out -> out.write(BYTES));
        assertTrue(Files.isSymbolicLink(link));
        assertArrayEquals(BYTES, Files.readAllBytes(target));
    }

    @Test
    void aFolderIsRefused() {
        IOException e = assertThrows(IOException.class, () -> AtomicFiles.write(dir, out -> out.write(BYTES)));
        assertTrue(e.getMessage().contains("folder"), e.getMessage());
    }

    @Test
    void aFifoIsWrittenIntoAndStaysAFifo() throws Exception {
        Path fifo = dir.resolve("pipe");
        assumeTrue(run("mkfifo", fifo.toString()), "mkfifo is not available here");
        CompletableFuture<byte[]> read = CompletableFuture.supplyAsync(() -> {
            try (InputStream in = Files.newInputStream(fifo)) {
                return in.readAllBytes();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        AtomicFiles.write(fifo, out -> out.write(BYTES));
        assertArrayEquals(BYTES, read.get(10, TimeUnit.SECONDS));
        assertEquals("fifo", stat(fifo), "still a FIFO, not replaced by a regular file");
        assertFalse(Files.isRegularFile(fifo));
    }

    @Test
    void aCharacterDeviceIsWrittenIntoAndStaysADevice() throws Exception {
        // a node of our own with /dev/null's numbers: never the real /dev entry
        Path device = dir.resolve("null-copy");
        assumeTrue(run("mknod", device.toString(), "c", "1", "3"), "creating a device node needs root (mknod)");
        AtomicFiles.write(device, out -> out.write(BYTES));
        assertEquals("character special file", stat(device));
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(1, s.count(), "no temporary file left beside it");
        }
    }

    public static boolean run(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static String stat(Path p) throws Exception {
        Process proc = new ProcessBuilder("stat", "-c", "%F", p.toString()).start();
        String out = new String(proc.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        proc.waitFor(10, TimeUnit.SECONDS);
        return out;
    }
}
