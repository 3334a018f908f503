package dev.callscope.profiles;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.callscope.calls.EventField;
import dev.callscope.engine.Guardrails;
import dev.callscope.engine.TlsTrust;
import dev.callscope.logs.LogField;
import dev.callscope.secrets.KeyringSecretStore;
import dev.callscope.secrets.PlainSecretFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Profiles survive a round trip, a crash mid-write leaves the old file, and a broken file is kept and reported. */
class ProfileStoreTest {

    @TempDir
    Path config;

    private final Path demoDir = Path.of("/var/tmp/callscope-demo");

    private static Profile.Server server(
            String id, String name, TlsTrust.Kind tls, String ca, Profile.PasswordStorage pw) {
        return new Profile.Server(
                id,
                name,
                "abc.eu-west-1.aws.clickhouse.cloud",
                8443,
                true,
                "viewer",
                "analytics",
                tls,
                ca,
                pw,
                new Guardrails(45, 5_000_000, 1L << 30, 3L << 30));
    }

    @Test
    void aFirstRunHasTheEmbeddedDemoAndNoFile() {
        ProfileStore.Loaded loaded = new ProfileStore(config, demoDir).load();
        assertEquals(ProfileBook.defaults(demoDir), loaded.book());
        assertTrue(loaded.problem().isEmpty());
        assertEquals(
                demoDir.toString(), ((Profile.Embedded) loaded.book().startup().orElseThrow()).dataDir());
        assertFalse(Files.exists(config.resolve("profiles.json")));
    }

    @Test
    void aFileWrittenBeforeTheLimitsWereOneTypeReadsTheSame() throws Exception {
        // as version 0.1 wrote it, when a profile's limits were their own record: the same names
        Files.writeString(config.resolve("profiles.json"), """
                {"profiles":[{"id":"p1","name":"Prod","kind":"SERVER","host":"ch.example","port":8443,"https":true,
                  "user":"viewer","database":"analytics","tls":"VERIFY","password":"KEYRING",
                  "limits":{"maxExecutionSeconds":45,"maxResultRows":5000000,"maxResultBytes":1073741824,
                            "maxMemoryBytes":3221225472}}],"lastUsed":"p1"}""");
        Profile.Server p = (Profile.Server)
                new ProfileStore(config, demoDir).load().book().byId("p1").orElseThrow();
        assertEquals(new Guardrails(45, 5_000_000, 1L << 30, 3L << 30), p.limits());
        assertEquals("https://ch.example:8443", p.url());
    }

    @Test
    void everyKindOfProfileRoundTripsAndNoPasswordIsWritten() throws Exception {
        ProfileBook book = ProfileBook.defaults(demoDir)
                .withSaved(
                        server("p1", "Production (Cloud)", TlsTrust.Kind.VERIFY, null, Profile.PasswordStorage.KEYRING))
                .withSaved(server(
                        "p2", "Staging", TlsTrust.Kind.CA_FILE, "/etc/ssl/corp-ca.pem", Profile.PasswordStorage.ASK))
                .withSaved(server(
                        "p3", "Test box ✓ 日本", TlsTrust.Kind.NO_VERIFY, null, Profile.PasswordStorage.PLAIN_FILE))
                .withSaved(new Profile.Server(
                        "p4", "IPv6", "::1", 8123, false, "default", "default", null, null, null, null))
                .withLastUsed("p2");
        ProfileStore store = new ProfileStore(config, demoDir);
        store.save(book);
        ProfileStore.Loaded again = new ProfileStore(config, demoDir).load();
        assertEquals(book, again.book());
        assertTrue(again.problem().isEmpty(), again.problem().toString());
        assertEquals("p2", again.book().startup().orElseThrow().id());
        assertEquals("http://[::1]:8123", again.book().byId("p4").orElseThrow().url());
        String json = Files.readString(store.file());
        assertFalse(json.toLowerCase(Locale.ROOT).contains("\"password\" : \"s"), json);
        try (Stream<Path> files = Files.list(config)) {
            assertEquals(List.of(store.file()), files.toList(), "no temporary files left behind");
        }
    }

    @Test
    void renamingAndDeletingKeepTheRest() throws Exception {
        ProfileBook book = ProfileBook.defaults(demoDir)
                .withSaved(server("a", "A", TlsTrust.Kind.VERIFY, null, null))
                .withSaved(server("b", "B", TlsTrust.Kind.VERIFY, null, null))
                .withLastUsed("a");
        book = book.withSaved(book.byId("a").orElseThrow().withName("A renamed"))
                .without("b");
        ProfileStore store = new ProfileStore(config, demoDir);
        store.save(book);
        ProfileBook again = store.load().book();
        assertEquals(
                List.of("Embedded demo", "A renamed"),
                again.profiles().stream().map(Profile::name).toList());
        assertEquals(
                "a", again.lastUsed(), "a rename keeps the id, so the last-used choice and the keyring entry survive");
        assertEquals(again, book);
        assertTrue(again.without("a").lastUsed() == null);
    }

    @Test
    void anUnreadableFileIsKeptAsideTheDefaultsLoadAndTheUserIsTold() throws Exception {
        Path file = config.resolve("profiles.json");
        Files.writeString(file, "{ \"version\": 1, \"profiles\": [ { \"id\": \"x\", \"name\": ");
        ProfileStore.Loaded loaded = new ProfileStore(config, demoDir).load();
        assertEquals(ProfileBook.defaults(demoDir), loaded.book());
        String problem = loaded.problem().orElseThrow();
        assertTrue(
                problem.startsWith("Your connection profiles could not be read, so the defaults are loaded."), problem);
        try (Stream<Path> files = Files.list(config)) {
            Path aside = files.filter(p -> p.getFileName().toString().startsWith("profiles.json.corrupt-"))
                    .findFirst()
                    .orElseThrow();
            assertTrue(problem.contains(aside.toString()), problem);
            assertEquals(
                    "{ \"version\": 1, \"profiles\": [ { \"id\": \"x\", \"name\": ",
                    Files.readString(aside),
                    "kept as it was");
        }
        assertFalse(Files.exists(file), "the next save writes a fresh file");
    }

    @Test
    void unusableProfilesAreDroppedTheRestLoadAndTheFileIsBackedUp() throws Exception {
        ProfileStore store = new ProfileStore(config, demoDir);
        store.save(ProfileBook.defaults(demoDir).withSaved(server("ok", "Good", TlsTrust.Kind.VERIFY, null, null)));
        String json = Files.readString(store.file());
        // someone edited the file by hand: a port out of range, a second profile named like the first
        int end = json.lastIndexOf(']');
        String broken = json.substring(0, end) + ", {\"id\":\"bad\",\"name\":\"Bad port\",\"kind\":\"SERVER\","
                + "\"host\":\"h\",\"port\":70000,\"https\":false}, {\"id\":\"dup\",\"name\":\"good\",\"kind\":\"SERVER\","
                + "\"host\":\"h\",\"port\":1}" + json.substring(end);
        Files.writeString(store.file(), broken);
        ProfileStore.Loaded loaded = store.load();
        assertEquals(
                List.of("Embedded demo", "Good"),
                loaded.book().profiles().stream().map(Profile::name).toList());
        String problem = loaded.problem().orElseThrow();
        assertTrue(problem.contains("\"Bad port\"") && problem.contains("\"good\""), problem);
        try (Stream<Path> files = Files.list(config)) {
            Path backup = files.filter(p -> p.getFileName().toString().startsWith("profiles.json.corrupt-"))
                    .findFirst()
                    .orElseThrow();
            assertEquals(broken, Files.readString(backup));
        }
    }

    @Test
    void whatTheOldSettingsRememberedBecomesProfilesOnce() throws Exception {
        Profiles profiles = new Profiles(
                new ProfileStore(config, demoDir),
                new SavedPasswords(
                        () -> new KeyringSecretStore.Detection(Optional.empty(), "none"), new PlainSecretFile(config)));
        profiles.importLegacy("/srv/callscope-data", "https://logs.internal:9443", "analyst", "prod");
        ProfileBook book = new ProfileStore(config, demoDir).load().book();
        assertEquals(
                "/srv/callscope-data",
                ((Profile.Embedded) book.startup().orElseThrow()).dataDir(),
                "still starts on the embedded engine");
        Profile.Server server = (Profile.Server) book.profiles().get(1);
        assertEquals("https://logs.internal:9443", server.url());
        assertEquals("analyst", server.user());
        assertEquals("prod", server.database());
        profiles.importLegacy("/elsewhere", null, null, null);
        assertEquals(book, new ProfileStore(config, demoDir).load().book(), "only the first run imports");
    }

    @Test
    void anEmptyFileCountsAsUnreadable() throws Exception {
        Files.writeString(config.resolve("profiles.json"), "");
        ProfileStore.Loaded loaded = new ProfileStore(config, demoDir).load();
        assertTrue(loaded.problem().isPresent());
        assertEquals(ProfileBook.defaults(demoDir), loaded.book());
    }

    @Test
    void logMappingsRoundTripAndOldFilesReadAsCallscopesTables() throws Exception {
        Map<LogField, String> columns = new EnumMap<>(LogField.class);
        columns.put(LogField.TIME, "ts");
        columns.put(LogField.MESSAGE, "msg");
        columns.put(LogField.CONTAINER, "attrs['pod']");
        Profile.Server otel = server("o", "ClickStack", TlsTrust.Kind.VERIFY, null, null);
        otel = new Profile.Server(
                otel.id(),
                otel.name(),
                otel.host(),
                otel.port(),
                true,
                otel.user(),
                otel.database(),
                otel.tls(),
                null,
                otel.password(),
                otel.limits(),
                LogMapping.otelLogs("default", "otel_logs"),
                null);
        Profile mine = new Profile.Server(
                "m",
                "Mine",
                "db.internal",
                8443,
                true,
                "u",
                "logs",
                null,
                null,
                null,
                null,
                LogMapping.custom("logs", "my_logs", columns),
                null);
        ProfileBook book = ProfileBook.defaults(demoDir).withSaved(otel).withSaved(mine);
        ProfileStore store = new ProfileStore(config, demoDir);
        store.save(book);
        ProfileStore.Loaded again = new ProfileStore(config, demoDir).load();
        assertTrue(again.problem().isEmpty(), again.problem().toString());
        assertEquals(book, again.book());
        assertEquals("attrs['pod']", again.book().byId("m").orElseThrow().logs().column(LogField.CONTAINER));

        Files.writeString(store.file(), """
                { "version": 1, "profiles": [ { "id": "old", "name": "Before mappings", "kind": "SERVER", "host": "h.example",
                  "port": 8443, "https": true, "user": "default", "database": "default" } ], "lastUsed": "old" }""");
        ProfileStore.Loaded old = new ProfileStore(config, demoDir).load();
        assertTrue(old.problem().isEmpty(), old.problem().toString());
        assertEquals(LogMapping.CANONICAL, old.book().byId("old").orElseThrow().logs());

        Files.writeString(store.file(), """
                { "version": 1, "profiles": [ { "id": "bad", "name": "Bad mapping", "kind": "SERVER", "host": "h.example",
                  "port": 8443, "https": true, "logs": { "kind": "OTEL_LOGS", "database": "default", "table": "x; DROP" } } ] }""");
        ProfileStore.Loaded bad = new ProfileStore(config, demoDir).load();
        assertTrue(
                bad.problem().orElseThrow().contains("\"Bad mapping\""),
                bad.problem().toString());
    }

    @Test
    void eventsMappingsRoundTripAndOldLogsOnlyFilesKeepTheirCallTabsOff() throws Exception {
        Map<EventField, String> columns = new EnumMap<>(EventField.class);
        columns.put(EventField.CALL, "id");
        columns.put(EventField.FUNCTION, "fn");
        columns.put(EventField.ENQUEUED, "queued");
        columns.put(EventField.STATUS, "multiIf(outcome = 'ok', 'success', 'failure')");
        Profile mine = new Profile.Server(
                "e",
                "Own calls",
                "db.internal",
                8443,
                true,
                "u",
                "ops",
                null,
                null,
                null,
                null,
                LogMapping.otelLogs("default", "otel_logs"),
                EventsMapping.custom("ops", "calls", columns));
        ProfileBook book = ProfileBook.defaults(demoDir).withSaved(mine);
        ProfileStore store = new ProfileStore(config, demoDir);
        store.save(book);
        assertTrue(Files.readString(store.file()).contains("\"events\""), "stored under its own key");
        ProfileStore.Loaded again = new ProfileStore(config, demoDir).load();
        assertTrue(again.problem().isEmpty(), again.problem().toString());
        assertEquals(book, again.book());
        EventsMapping read = again.book().byId("e").orElseThrow().events();
        assertEquals("multiIf(outcome = 'ok', 'success', 'failure')", read.column(EventField.STATUS));
        assertEquals("", read.column(EventField.FINISHED), "absent stays absent");

        Files.writeString(store.file(), """
                { "version": 1, "profiles": [ { "id": "old", "name": "Logs only", "kind": "SERVER", "host": "h.example",
                  "port": 8443, "https": true, "logs": { "kind": "OTEL_LOGS", "database": "default", "table": "otel_logs" } } ] }""");
        assertEquals(
                EventsMapping.NONE,
                new ProfileStore(config, demoDir)
                        .load()
                        .book()
                        .byId("old")
                        .orElseThrow()
                        .events());

        Files.writeString(store.file(), """
                { "version": 1, "profiles": [ { "id": "bad", "name": "Bad events", "kind": "SERVER", "host": "h.example",
                  "port": 8443, "https": true, "events": { "kind": "CUSTOM", "database": "ops", "table": "calls",
                  "columns": { "call": "id", "function": "fn", "enqueued": "queued /* hidden */" } } } ] }""");
        ProfileStore.Loaded bad = new ProfileStore(config, demoDir).load();
        assertTrue(
                bad.problem().orElseThrow().contains("\"Bad events\""),
                bad.problem().toString());
    }
}
