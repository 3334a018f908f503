package dev.callscope.profiles;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.callscope.calls.EventField;
import dev.callscope.engine.TlsTrust;
import dev.callscope.logs.LogField;
import dev.callscope.profiles.ProfileForm.Field;
import dev.callscope.profiles.ProfileForm.Result;
import dev.callscope.testing.HostileText;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The form turns typed text into a profile or names what is wrong per field; hostile text never breaks it. */
class ProfileFormTest {

    private static final Path HOME = Path.of("/home/someone");
    private static final ProfileBook BOOK = ProfileBook.defaults(Path.of("/data/demo"));

    private static ProfileForm server() {
        return ProfileForm.blankServer("Prod").withHost("abc.clickhouse.cloud");
    }

    private static Map<Field, String> errors(ProfileForm form) {
        Result r = form.validate("new", BOOK, HOME);
        return r instanceof Result.Invalid(Map<Field, String> e) ? e : Map.of();
    }

    private static Profile.Server validServer(ProfileForm form) {
        return (Profile.Server) valid(form);
    }

    private static Profile valid(ProfileForm form) {
        Result r = form.validate("new", BOOK, HOME);
        return assertInstanceOf(Result.Valid.class, r, () -> r.toString()).profile();
    }

    @Test
    void aServerFormWithDefaults() {
        Profile.Server p = validServer(server());
        assertEquals("https://abc.clickhouse.cloud:8443", p.url());
        assertEquals("default", p.user());
        assertEquals("default", p.database());
        assertEquals(TlsTrust.Kind.VERIFY, p.tls());
        assertEquals(Profile.PasswordStorage.KEYRING, p.password());
        assertEquals(30, p.limits().maxExecutionSeconds());
        assertEquals(2L << 30, p.limits().maxResultBytes());
        assertEquals(
                "http://abc.clickhouse.cloud:8123",
                valid(server().withHttps(false)).url());
    }

    @Test
    void eachBadFieldIsNamed() {
        assertEquals(Map.of(Field.NAME, "Give the profile a name"), errors(server().withName("  ")));
        assertEquals(
                Map.of(Field.NAME, "Another profile is already called embedded DEMO"),
                errors(server().withName("embedded DEMO")));
        assertEquals(
                Map.of(Field.HOST, "Only the host name here (paste a full URL into the URL field)"),
                errors(server().withHost("https://abc:8443")));
        assertTrue(errors(server().withHost("a b")).containsKey(Field.HOST));
        assertTrue(errors(server().withHost("")).containsKey(Field.HOST));
        for (String port : new String[] {"0", "65536", "-1", "80a", "99999999999999999999", "8 443"}) {
            assertEquals(
                    List.of(Field.PORT),
                    List.copyOf(errors(server().withPort(port)).keySet()),
                    port);
        }
        assertEquals(
                List.of(Field.USER),
                List.copyOf(errors(server().withUser("ünïcode")).keySet()));
        assertEquals(
                List.of(Field.DATABASE),
                List.copyOf(errors(server().withDatabase("a\nb")).keySet()));
        assertEquals(
                List.of(Field.CA_FILE),
                List.copyOf(errors(server().withTls(TlsTrust.Kind.CA_FILE, "")).keySet()));
        assertEquals(
                List.of(Field.CA_FILE),
                List.copyOf(errors(server().withTls(TlsTrust.Kind.CA_FILE, "relative/ca.pem"))
                        .keySet()));
        assertEquals(
                "Between 1 s and 24 h",
                errors(server().withLimits("0", "1", "2 GiB", "4 GiB")).get(Field.MAX_EXECUTION));
        assertTrue(errors(server().withLimits("30", "-5", "2 GiB", "4 GiB")).containsKey(Field.MAX_ROWS));
        assertTrue(
                errors(server().withLimits("30", "10", "12 parsecs", "4 GiB")).containsKey(Field.MAX_BYTES));
        assertTrue(errors(server().withLimits("30", "10", "2 GiB", "NaN")).containsKey(Field.MAX_MEMORY));
    }

    @Test
    void limitsReadAsPeopleTypeThem() {
        Profile.Server p = validServer(server().withLimits("2m", "10,000,000", "1.5 GiB", "512 MiB"));
        assertEquals(120, p.limits().maxExecutionSeconds());
        assertEquals(10_000_000, p.limits().maxResultRows());
        assertEquals(3L << 29, p.limits().maxResultBytes());
        assertEquals(512L << 20, p.limits().maxMemoryBytes());
        ProfileForm shown = ProfileForm.of(p);
        assertEquals("1.5 GiB", shown.maxBytes());
        assertEquals("10,000,000", shown.maxRows());
    }

    @Test
    void anEmbeddedProfileNeedsAFullPath() {
        ProfileForm f =
                ProfileForm.blankServer("Local").withKind(Profile.Kind.EMBEDDED).withDataDir("~/callscope-data");
        assertEquals("/home/someone/callscope-data", ((Profile.Embedded) valid(f)).dataDir());
        assertEquals(
                List.of(Field.DATA_DIR),
                List.copyOf(errors(f.withDataDir("relative/dir")).keySet()));
        assertEquals(
                List.of(Field.DATA_DIR),
                List.copyOf(errors(f.withDataDir("/tmp/a\0b")).keySet()));
    }

    @Test
    void pastedUrlsFillTheServerFields() {
        ProfileForm.Pasted jdbc = server().paste(
                        "jdbc:clickhouse:https://abc.eu.aws.clickhouse.cloud:8443/analytics?user=viewer&password=p%26w");
        assertEquals("abc.eu.aws.clickhouse.cloud", jdbc.form().host());
        assertEquals("8443", jdbc.form().port());
        assertTrue(jdbc.form().https());
        assertEquals("analytics", jdbc.form().database());
        assertEquals("viewer", jdbc.form().user());
        assertEquals("p&w", jdbc.password());
        assertFalse(jdbc.toString().contains("p&w"));

        ProfileForm.Pasted plain = server().paste("http://[::1]:8123/logs");
        assertEquals("::1", plain.form().host());
        assertEquals("http://[::1]:8123", valid(plain.form()).url());
        assertEquals("logs", plain.form().database());

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> server().paste("postgres://x"));
        assertTrue(e.getMessage().startsWith("Paste a server URL"), e.getMessage());
    }

    private static final List<String> HOSTILE = HostileText.SAMPLES;

    @Test
    void hostileInputInEveryFieldNeverBreaksTheFormAndValidProfilesSurviveTheFile(@TempDir Path config)
            throws Exception {
        Random random = new Random(7);
        ProfileStore store = new ProfileStore(config, Path.of("/data/demo"));
        ProfileBook book = BOOK;
        int valid = 0;
        int invalid = 0;
        for (int i = 0; i < 3000; i++) {
            ProfileForm f;
            try {
                f = mutate(random, i);
            } catch (IllegalArgumentException e) {
                assertFalse(
                        e.getMessage() == null || e.getMessage().isBlank(), "a pasted URL that does not read says why");
                continue;
            }
            Result r;
            try {
                r = f.validate("id-" + i, book, HOME);
            } catch (RuntimeException e) {
                fail("validate threw on " + f + ": " + e);
                return;
            }
            switch (r) {
                case Result.Invalid(Map<Field, String> errs) -> {
                    invalid++;
                    errs.values().forEach(m -> {
                        assertFalse(m.isBlank());
                        assertFalse(m.contains("Exception"), m);
                    });
                }
                case Result.Valid(Profile p) -> {
                    valid++;
                    // showing it again and saving it changes nothing
                    assertEquals(r, ProfileForm.of(p).validate(p.id(), book, HOME), () -> "not stable: " + p);
                    book = book.withSaved(p);
                }
            }
            try {
                ProfileForm.Pasted pasted = f.paste(pick(random));
                assertTrue(pasted.form().kind() == Profile.Kind.SERVER);
            } catch (IllegalArgumentException e) {
                assertFalse(e.getMessage() == null || e.getMessage().isBlank());
            }
        }
        store.save(book);
        ProfileStore.Loaded loaded = store.load();
        assertEquals(book, loaded.book(), "every accepted profile comes back exactly");
        assertTrue(loaded.problem().isEmpty(), loaded.problem().toString());
        assertTrue(valid > 50 && invalid > 500, "both paths exercised: " + valid + " valid, " + invalid + " invalid");
    }

    /** A good form of either kind with one to three fields replaced by hostile text. */
    private static ProfileForm mutate(Random random, int i) {
        ProfileForm f = ProfileForm.blankServer("Profile " + i)
                .withHost("db" + i + ".internal")
                .withUser("viewer")
                .withDatabase("logs")
                .withKind(random.nextInt(4) == 0 ? Profile.Kind.EMBEDDED : Profile.Kind.SERVER)
                .withDataDir("/data/p" + i)
                .withHttps(random.nextBoolean())
                .withTls(TlsTrust.Kind.values()[random.nextInt(3)], "/etc/ssl/ca-" + i + ".pem")
                .withPassword(Profile.PasswordStorage.values()[random.nextInt(3)]);
        for (int n = 1 + random.nextInt(3); n > 0; n--) {
            String v = pick(random);
            f = switch (random.nextInt(12)) {
                case 0 -> f.withName(v);
                case 1 -> f.withDataDir(v);
                case 2 -> f.withHost(v);
                case 3 -> f.withPort(v);
                case 4 -> f.withUser(v);
                case 5 -> f.withDatabase(v);
                case 6 -> f.withTls(f.tls(), v);
                case 7 -> f.withLimits(v, f.maxRows(), f.maxBytes(), f.maxMemory());
                case 8 -> f.withLimits(f.maxExecution(), v, f.maxBytes(), f.maxMemory());
                case 9 -> f.withLimits(f.maxExecution(), f.maxRows(), v, f.maxMemory());
                case 10 -> f.withLimits(f.maxExecution(), f.maxRows(), f.maxBytes(), v);
                default -> f.paste(v).form(); // may throw IllegalArgumentException: checked below
            };
        }
        return f;
    }

    private static String pick(Random random) {
        String a = HOSTILE.get(random.nextInt(HOSTILE.size()));
        return switch (random.nextInt(3)) {
            case 0 -> a;
            case 1 -> a + HOSTILE.get(random.nextInt(HOSTILE.size()));
            default -> "x" + random.nextInt(1000) + a;
        };
    }

    @Test
    void theSameFormFromTwoHandsGivesTheSameProfile() {
        List<Profile.Server> made = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            made.add(
                    validServer(server().withPort(" 9440 ").withUser(" viewer ").withDatabase(" logs ")));
        }
        assertEquals(made.get(0), made.get(1));
        assertEquals(9440, made.get(0).port());
        assertEquals("viewer", made.get(0).user());
    }

    @Test
    void theLogMappingIsCheckedAndKept() {
        assertEquals(LogMapping.CANONICAL, valid(server()).logs());
        LogMapping otel = LogMapping.otelLogs("default", "otel_logs");
        Profile p = valid(server().withLogs(otel));
        assertEquals(otel, p.logs());
        assertTrue(p.logs().logsOnly());
        assertEquals("default.otel_logs", p.logs().schema().qualifiedTable());
        assertEquals(p, valid(ProfileForm.of(p)), "the form shows the mapping again");
        assertEquals(
                Map.of(Field.LOGS, "Give the logs table name"),
                errors(server().withLogs(LogMapping.otelLogs("default", " "))));
        assertTrue(errors(server().withLogs(LogMapping.otelLogs("default", "otel_logs; DROP TABLE x")))
                .get(Field.LOGS)
                .startsWith("Not a plain identifier"));
        Map<LogField, String> columns = new EnumMap<>(LogField.class);
        columns.put(LogField.TIME, "ts");
        columns.put(LogField.MESSAGE, "msg || 'x'");
        String why = errors(server().withLogs(LogMapping.custom("logs", "my_logs", columns)))
                .get(Field.LOGS);
        assertTrue(why.startsWith("message: Unexpected '|'"), why);
        columns.put(LogField.MESSAGE, "msg");
        columns.put(LogField.CONTAINER, "attrs['pod']");
        LogMapping custom = valid(server().withLogs(LogMapping.custom("logs", "my_logs", columns)))
                .logs();
        assertEquals("attrs['pod']", custom.schema().sql(LogField.CONTAINER));
        assertFalse(custom.schema().has(LogField.STREAM), "blank is absent");
    }

    @Test
    void theEventsMappingIsCheckedAndKept() {
        assertEquals(EventsMapping.CANONICAL, valid(server()).events());
        assertEquals(
                EventsMapping.NONE,
                valid(server().withLogs(LogMapping.otelLogs("default", "otel_logs")))
                        .events(),
                "a logs-only preset has no call events unless some are chosen");
        Map<EventField, String> columns = new EnumMap<>(EventField.class);
        columns.put(EventField.CALL, "id");
        columns.put(EventField.FUNCTION, "fn");
        columns.put(EventField.ENQUEUED, "queued");
        columns.put(EventField.STATUS, "outcome; DROP TABLE calls");
        String why = errors(server().withEvents(EventsMapping.custom("ops", "calls", columns)))
                .get(Field.EVENTS);
        assertTrue(why.startsWith("status: Only one expression: ';' is not allowed"), why);
        assertEquals(
                Map.of(Field.EVENTS, "Give the events table name"),
                errors(server().withEvents(EventsMapping.custom("ops", " ", columns))));
        columns.put(EventField.STATUS, "multiIf(outcome = 'ok', 'success', 'failure')");
        Profile p = valid(server().withLogs(LogMapping.otelLogs("default", "otel_logs"))
                .withEvents(EventsMapping.custom("ops", "calls", columns)));
        assertEquals("ops.calls", p.events().schema().qualifiedTable());
        assertTrue(p.events().hasCalls() && p.logs().logsOnly(), "otel logs beside the user's own calls");
        assertEquals(p, valid(ProfileForm.of(p)), "the form shows the mapping again");
    }
}
