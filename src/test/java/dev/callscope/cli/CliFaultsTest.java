package dev.callscope.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.callscope.testing.FaultyServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a person sees on the terminal when a proxy in front of the server fails: one sentence, the exit code, nothing else. */
class CliFaultsTest {

    @TempDir
    Path dir;

    @Test
    void aGatewayErrorIsOneSentenceWithoutTheClientLibrarysLogLines() throws Exception {
        try (FaultyServer proxy = FaultyServer.start(FaultyServer.Fault.GATEWAY_502)) {
            Path out = dir.resolve("p.csv");
            Path log = dir.resolve("stderr.txt");
            ProcessBuilder pb = new ProcessBuilder(List.of(
                            Path.of(System.getProperty("java.home"), "bin", "java")
                                    .toString(),
                            "--enable-native-access=ALL-UNNAMED",
                            "-cp",
                            System.getProperty("java.class.path"),
                            "dev.callscope.Main",
                            "export",
                            "performance",
                            "--url",
                            proxy.url(),
                            "--quiet",
                            "--out",
                            out.toString()))
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            pb.environment().put(ConnectionOptions.PASSWORD_ENV, "");
            Process p = pb.start();
            assertTrue(p.waitFor(60, TimeUnit.SECONDS));
            String text = Files.readString(log);
            assertEquals(3, p.exitValue(), text);
            List<String> lines = text.lines().filter(l -> !l.isBlank()).toList();
            assertEquals(1, lines.size(), "one line: " + text);
            assertTrue(
                    lines.getFirst()
                            .startsWith("callscope export: cannot connect: A proxy or load balancer in front of "
                                    + proxy.url() + " answered 502 Bad Gateway"),
                    text);
            assertFalse(text.contains("WARNING") || text.contains("INFO"), text);
            assertFalse(Files.exists(out));
            assertTrue(proxy.requests() <= 2, "asked at most twice: " + proxy.requests());
        }
    }

    /**
     * A process killed mid-request leaves nothing in the temporary directory: the client library would otherwise
     * unpack its native LZ4 there as {@code liblz4-java-*.so} and delete it only at a clean exit.
     */
    @Test
    void aKilledProcessLeavesNoNativeLibraryInTheTemporaryDirectory() throws Exception {
        Path tmp = Files.createDirectory(dir.resolve("tmp"));
        try (FaultyServer stalled = FaultyServer.start(FaultyServer.Fault.STALL)) {
            ProcessBuilder pb = new ProcessBuilder(List.of(
                            Path.of(System.getProperty("java.home"), "bin", "java")
                                    .toString(),
                            "--enable-native-access=ALL-UNNAMED",
                            "-Djava.io.tmpdir=" + tmp,
                            "-cp",
                            System.getProperty("java.class.path"),
                            "dev.callscope.Main",
                            "export",
                            "performance",
                            "--url",
                            stalled.url(),
                            "--quiet",
                            "--out",
                            dir.resolve("p.csv").toString()))
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve("log.txt").toFile());
            pb.environment().put(ConnectionOptions.PASSWORD_ENV, "");
            Process p = pb.start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (stalled.connections() == 0 && p.isAlive() && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            assertTrue(
                    stalled.connections() > 0 && p.isAlive(),
                    "the export is waiting on the server: " + Files.readString(dir.resolve("log.txt")));
            p.destroyForcibly(); // SIGKILL: no shutdown hooks, no deleteOnExit
            assertTrue(p.waitFor(30, TimeUnit.SECONDS));
            try (var left = Files.list(tmp)) {
                assertEquals(
                        List.of(),
                        left.map(f -> f.getFileName().toString())
                                .filter(n -> n.contains("lz4"))
                                .toList());
            }
        }
    }
}
