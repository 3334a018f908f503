package dev.callscope.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsStoreTest {

    @Test
    void roundTripsAndWritesNoTemporaryFilesBehind(@TempDir Path dir) throws Exception {
        SettingsStore store = new SettingsStore(dir);
        assertTrue(store.isFirstLaunch());
        Settings s = Settings.defaults().withTheme("dark").withServer("https://h:8443", "me", "logs").withWindow(900, 700);
        store.save(s);
        assertEquals(s, new SettingsStore(dir).load());
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "only settings.json remains");
        }
    }

    @Test
    void corruptFileIsKeptAsideAndDefaultsLoad(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("settings.json"), "{ \"theme\": \"dark\", ");
        SettingsStore store = new SettingsStore(dir);
        assertEquals(Settings.defaults(), store.load());
        assertTrue(store.lastProblem().isPresent());
        try (var files = Files.list(dir)) {
            assertTrue(files.anyMatch(p -> p.getFileName().toString().startsWith("settings.json.corrupt-")));
        }
    }
}
