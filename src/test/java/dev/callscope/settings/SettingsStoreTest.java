package dev.callscope.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
        Settings s = Settings.defaults()
                .withTheme("dark")
                .withServer("https://h:8443", "me", "logs")
                .withWindow(900, 700);
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

    @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', textBlock = """
            huge width           | {"windowWidth": 1e308, "windowHeight": 700}           | 16384 | 700  | light | windowWidth
            negative sizes       | {"windowWidth": -5, "windowHeight": -1e9}             | 1280  | 800  | light | windowWidth, windowHeight
            wider than any screen| {"windowWidth": 20000, "windowHeight": 900}           | 16384 | 900  | light | windowWidth
            tiny                 | {"windowWidth": 1, "windowHeight": 1}                  | 640   | 480  | light | windowWidth, windowHeight
            unknown theme        | {"theme": "neon", "windowWidth": 900, "windowHeight": 700} | 900 | 700 | light | theme
            a number as theme    | {"theme": 42, "windowWidth": 900, "windowHeight": 700} | 900  | 700  | light | theme
            no sizes             | {"theme": "dark"}                                      | 1280  | 800  | dark  | windowWidth, windowHeight
            """)
    void valuesAWindowCannotUseAreClampedAndNamed(
            String what, String json, double width, double height, String theme, String named, @TempDir Path dir)
            throws Exception {
        Files.writeString(dir.resolve("settings.json"), json);
        SettingsStore store = new SettingsStore(dir);
        Settings s = store.load();
        assertEquals(width, s.windowWidth(), what);
        assertEquals(height, s.windowHeight(), what);
        assertEquals(theme, s.theme(), what);
        assertTrue(
                store.lastProblem().orElseThrow().endsWith(named),
                store.lastProblem().orElseThrow());
        assertTrue(Files.exists(dir.resolve("settings.json")), "a usable file is kept (the next save corrects it)");
    }

    @Test
    void aDataDirectoryThatIsNoPathIsForgotten(@TempDir Path dir) throws Exception {
        Files.writeString(
                dir.resolve("settings.json"),
                "{\"embeddedDataDir\": \"/data/\\u0000x\", \"windowWidth\": 900, \"windowHeight\": 700}");
        SettingsStore store = new SettingsStore(dir);
        Settings s = store.load();
        assertEquals(null, s.embeddedDataDir());
        assertTrue(store.lastProblem().orElseThrow().contains("embeddedDataDir"));
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(
            strings = {
                "null",
                "[]",
                "42",
                "{\"windowWidth\": \"wide\"}",
                "{\"windowWidth\": [1, 2]}",
                "\u0000\u0001binary",
                ""
            })
    void aFileThatCannotBeReadAtAllIsSetAside(String content, @TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("settings.json"), content);
        SettingsStore store = new SettingsStore(dir);
        assertEquals(Settings.defaults(), store.load());
        assertTrue(
                store.lastProblem().orElseThrow().contains("kept as settings.json.corrupt-"),
                store.lastProblem().orElseThrow());
        assertFalse(Files.exists(dir.resolve("settings.json")));
    }
}
