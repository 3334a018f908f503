package dev.callscope.cost;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
        assertEquals(Prices.EXAMPLES, store.load(key));
        Prices mine = Prices.EXAMPLES.withGpu("H100", 0.002).withCpu(0.00002);
        store.save(key, mine);
        assertEquals(mine, store.load(key));
        assertTrue(!store.load(key).examples(), "an edited table is no longer the examples");
        try (var files = Files.list(config.resolve("prices"))) {
            assertEquals(1, files.count(), "only the table remains");
        }
    }

    @Test
    void keysAreSafeFileNamesAndDistinct() {
        String a = PriceStore.key("https://ch.example:8443/../../etc?db=callscope");
        assertTrue(a.matches("[a-z0-9._-]+"), a);
        assertTrue(!a.startsWith("."), a);
        assertNotEquals(PriceStore.key("https://a/b c"), PriceStore.key("https://a/b_c"), "a hash tells look-alikes apart");
        assertTrue(PriceStore.key("x".repeat(500)).length() <= 80);
        assertThrows(IllegalArgumentException.class, () -> new PriceStore(Path.of("/tmp")).file("../settings"));
    }
}
