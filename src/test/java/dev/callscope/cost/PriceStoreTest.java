package dev.callscope.cost;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PriceStoreTest {

    @Test
    void examplesUntilSavedThenTheSavedTableAndNoTemporaryFiles(@TempDir Path config) throws Exception {
        PriceStore store = new PriceStore(config);
        String key = PriceStore.key("embedded:/home/me/.local/share/callscope/engine");
        assertEquals(Prices.EXAMPLES, store.load(key).prices());
        Prices mine = Prices.EXAMPLES.withGpu("H100", 0.002).withCpu(0.00002);
        store.save(key, mine);
        assertEquals(mine, store.load(key).prices());
        assertTrue(!store.load(key).prices().examples(), "an edited table is no longer the examples");
        try (var files = Files.list(config.resolve("prices"))) {
            assertEquals(1, files.count(), "only the table remains");
        }
    }

    @Test
    void keysAreSafeFileNamesAndDistinct() {
        String a = PriceStore.key("https://ch.example:8443/../../etc?db=callscope");
        assertTrue(a.matches("[a-z0-9._-]+"), a);
        assertTrue(!a.startsWith("."), a);
        assertNotEquals(
                PriceStore.key("https://a/b c"), PriceStore.key("https://a/b_c"), "a hash tells look-alikes apart");
        assertTrue(PriceStore.key("x".repeat(500)).length() <= 80);
        assertThrows(IllegalArgumentException.class, () -> new PriceStore(Path.of("/tmp")).file("../settings"));
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(
            strings = {
                "{ \"gpuPerSecond\": ",
                "[]",
                "{}",
                "null",
                "{\"gpuPerSecond\": {\"H100\": 1e308}, \"cpuCorePerSecond\": 0, \"memoryGibPerSecond\": 0}",
                "{\"gpuPerSecond\": {\"H100\": -1}, \"cpuCorePerSecond\": 0, \"memoryGibPerSecond\": 0}"
            })
    void aFileThatIsNoUsableTableIsSetAsideAndExamplesComeWithTheReason(String content, @TempDir Path config)
            throws Exception {
        PriceStore store = new PriceStore(config);
        Files.createDirectories(store.file("k").getParent());
        Files.writeString(store.file("k"), content);
        PriceStore.Loaded loaded = store.load("k");
        assertEquals(Prices.EXAMPLES, loaded.prices());
        assertTrue(
                loaded.problem().contains("could not be read")
                        && loaded.problem().contains("k.json.corrupt-"),
                loaded.problem());
        assertFalse(Files.exists(store.file("k")), "moved aside, so a later save cannot overwrite it");
        try (var files = Files.list(config.resolve("prices"))) {
            assertEquals(content, Files.readString(files.findFirst().orElseThrow()), "kept as it was");
        }
    }

    @Test
    void aBinaryFileIsNamedAsSuch(@TempDir Path config) throws Exception {
        PriceStore store = new PriceStore(config);
        Files.createDirectories(store.file("k").getParent());
        Files.write(store.file("k"), new byte[] {(byte) 0xff, (byte) 0xfe, 0});
        String problem = store.load("k").problem();
        assertTrue(problem.contains("not a text file"), problem);
    }

    @Test
    void pricesThatWouldOverflowAreRefused() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> Prices.EXAMPLES.withGpu("H100", 1e308));
        assertTrue(e.getMessage().contains("at most 1000 dollars a second"), e.getMessage());
    }
}
