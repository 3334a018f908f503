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
            ProcessBuilder pb = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"), "dev.callscope.Main", "export", "performance",
                    "--url", proxy.url(), "--quiet", "--out", out.toString()))
                    .redirectErrorStream(true).redirectOutput(log.toFile());
            pb.environment().put(ConnectionOptions.PASSWORD_ENV, "");
            Process p = pb.start();
            assertTrue(p.waitFor(60, TimeUnit.SECONDS));
            String text = Files.readString(log);
            assertEquals(3, p.exitValue(), text);
            List<String> lines = text.lines().filter(l -> !l.isBlank()).toList();
            assertEquals(1, lines.size(), "one line: " + text);
            assertTrue(lines.getFirst().startsWith("callscope export: cannot connect: A proxy or load balancer in front of " + proxy.url()
                    + " answered 502 Bad Gateway"), text);
            assertFalse(text.contains("WARNING") || text.contains("INFO"), text);
            assertFalse(Files.exists(out));
            assertTrue(proxy.requests() <= 2, "asked at most twice: " + proxy.requests());
        }
    }
}
