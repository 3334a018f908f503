package dev.callscope.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.callscope.calls.Acceleration;
import dev.callscope.calls.EventField;
import dev.callscope.calls.MappedEventsFixture;
import dev.callscope.engine.Guardrails;
import dev.callscope.engine.Query;
import dev.callscope.engine.TlsTrust;
import dev.callscope.profiles.EventsMapping;
import dev.callscope.profiles.LogMapping;
import dev.callscope.profiles.Profile;
import dev.callscope.profiles.ProfileBook;
import dev.callscope.profiles.ProfileStore;
import dev.callscope.secrets.PlainSecretFile;
import dev.callscope.testing.ChdbHttpEndpoint;
import dev.callscope.testing.TestEngine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --profile} takes everything from the saved profile, as the window does: the server, the
 * user, the password where the profile keeps it (here the owner-only file), and the events mapping
 * onto a user's own table. Run as a separate process, with its own config directory.
 */
class ProfileCommandsTest {

    @TempDir
    Path home;

    @Test
    void anExportThroughAProfileReadsTheUsersOwnTableOverHttp() throws Exception {
        MappedEventsFixture fixture = MappedEventsFixture.get();
        try (ChdbHttpEndpoint server = ChdbHttpEndpoint.start("viewer", "s3cret")) {
            Path config = home.resolve("config");
            Map<EventField, String> m = MappedEventsFixture.callsFields();
            Profile ops = new Profile.Server(
                    "ops-1",
                    "ops",
                    "127.0.0.1",
                    server.port(),
                    false,
                    "viewer",
                    "default",
                    TlsTrust.Kind.VERIFY,
                    null,
                    Profile.PasswordStorage.PLAIN_FILE,
                    Guardrails.DEFAULTS,
                    LogMapping.CANONICAL,
                    EventsMapping.custom(fixture.db, "calls", m));
            new ProfileStore(config, home.resolve("data"))
                    .save(ProfileBook.defaults(home.resolve("data")).withSaved(ops));
            new PlainSecretFile(config).write("ops-1", "s3cret");

            Instant to = MappedEventsFixture.END.truncatedTo(ChronoUnit.HOURS);
            Instant from = to.minus(Duration.ofHours(4));
            Path csv = home.resolve("p.csv");
            Run r = cli(
                    "export",
                    "performance",
                    "--profile",
                    "ops",
                    "--from",
                    from.toString(),
                    "--to",
                    to.toString(),
                    "--bucket",
                    "1h",
                    "--out",
                    csv.toString(),
                    "--quiet");
            assertEquals(0, r.exit, r.output);
            long calls = Files.readAllLines(csv).stream()
                    .skip(1)
                    .mapToLong(l -> Long.parseLong(l.split(",")[1]))
                    .sum();
            // counted in Java from the fixture's own rows: finished in [from, to)
            long expected = fixture.calls.stream()
                    .filter(c -> c.ended() != null
                            && !c.ended().isBefore(from)
                            && c.ended().isBefore(to))
                    .count();
            assertTrue(expected > 50, "the fixture has calls in the range: " + expected);
            assertEquals(expected, calls, "every call of the user's table finished in the range");
            assertTrue(server.requests() > 0);

            // the report reads the same mapped table: its functions, counted as the fixture's calls
            Path pdf = home.resolve("r.pdf");
            Run report = cli(
                    "report",
                    "--profile",
                    "ops",
                    "--from",
                    from.toString(),
                    "--to",
                    to.toString(),
                    "--out",
                    pdf.toString(),
                    "--quiet");
            assertEquals(0, report.exit, report.output);
            try (var d = org.apache.pdfbox.Loader.loadPDF(pdf.toFile())) {
                var text = new org.apache.pdfbox.text.PDFTextStripper();
                text.setStartPage(1);
                text.setEndPage(1);
                String first = text.getText(d);
                assertTrue(first.contains(String.format(Locale.ROOT, "%,d calls finished", expected)), first);
                text.setStartPage(2);
                text.setEndPage(2);
                String functions = text.getText(d);
                for (String fn : fixture.calls.stream()
                        .map(MappedEventsFixture.Call::fn)
                        .distinct()
                        .toList()) {
                    assertTrue(functions.contains(fn), fn + " in " + functions);
                }
                text.setStartPage(5);
                text.setEndPage(6);
                String last = text.getText(d);
                assertTrue(
                        last.contains("No batch job") && last.contains("No call of this range is in a call tree"),
                        last);
            }

            Run unknown = cli("export", "performance", "--profile", "nope", "--out", csv.toString());
            assertEquals(2, unknown.exit, unknown.output);
            assertTrue(
                    unknown.output.contains("no profile named 'nope'; the profiles are: ")
                            && unknown.output.contains("ops"),
                    unknown.output);
            Run both = cli("export", "performance", "--profile", "ops", "--url", server.url(), "--out", csv.toString());
            assertEquals(2, both.exit, both.output);
        }
    }

    @Test
    void accelerateShowsAppliesAndChecksTheSummaryOfAUsersTable() throws Exception {
        MappedEventsFixture fixture = MappedEventsFixture.get();
        String users = TestEngine.freshDatabase("mine");
        TestEngine.shared()
                .execute(Query.of("CREATE TABLE " + users
                        + ".calls ENGINE = MergeTree ORDER BY (fn, queued) AS SELECT * FROM " + fixture.db + ".calls"));
        try (ChdbHttpEndpoint server = ChdbHttpEndpoint.start("writer", "pw")) {
            Map<EventField, String> m = MappedEventsFixture.callsFields();
            Path config = home.resolve("config");
            Profile mine = new Profile.Server(
                    "mine-1",
                    "mine",
                    "127.0.0.1",
                    server.port(),
                    false,
                    "writer",
                    "default",
                    TlsTrust.Kind.VERIFY,
                    null,
                    Profile.PasswordStorage.PLAIN_FILE,
                    Guardrails.DEFAULTS,
                    LogMapping.CANONICAL,
                    EventsMapping.custom(users, "calls", m));
            new ProfileStore(config, home.resolve("data"))
                    .save(ProfileBook.defaults(home.resolve("data")).withSaved(mine));
            new PlainSecretFile(config).write("mine-1", "pw");
            String accel = users + "_accel";

            Run dry = cli("accelerate", "--profile", "mine", "--database", accel);
            assertEquals(0, dry.exit, dry.output);
            assertTrue(
                    dry.output.contains(
                                    "CREATE MATERIALIZED VIEW IF NOT EXISTS " + accel + ".function_call_attempts_mv")
                            && dry.output.contains("REFRESH EVERY 30 SECOND")
                            && dry.output.contains("a dry run"),
                    dry.output);
            int before = server.requests();
            Run absent = cli("accelerate", "--profile", "mine", "--database", accel, "--check");
            assertEquals(1, absent.exit, absent.output);
            assertTrue(absent.output.contains("No summary in " + accel), absent.output);
            assertTrue(server.requests() > before, "the check asked the server");

            Run rawBench = cli("bench", "--profile", "mine", "--runs", "1", "--warmups", "0");
            assertEquals(0, rawBench.exit, rawBench.output);
            assertTrue(
                    rawBench.output.contains("- table: " + users + ".calls")
                            && rawBench.output.contains("not accelerated")
                            && rawBench.output.contains("| User's table: Functions, 24 h, raw |")
                            && !rawBench.output.contains("accelerated |"),
                    rawBench.output);

            Run unconfirmed = cli("accelerate", "--profile", "mine", "--database", accel, "--apply");
            assertEquals(2, unconfirmed.exit, "no terminal to type the name: " + unconfirmed.output);
            Run applied = cli("accelerate", "--profile", "mine", "--database", accel, "--apply", "--yes");
            assertEquals(0, applied.exit, applied.output);
            assertTrue(
                    applied.output.contains("Accelerated " + users + ".calls into " + accel)
                            && applied.output.contains("current for this mapping"),
                    applied.output);
            assertEquals(
                    accel,
                    Acceleration.find(TestEngine.shared(), mine.events().schema())
                            .orElseThrow(),
                    "the views find it for that mapping");
            Run bench = cli("bench", "--profile", "mine", "--runs", "1", "--warmups", "0");
            assertEquals(0, bench.exit, bench.output);
            assertTrue(
                    bench.output.contains("| User's table: Functions, 24 h, accelerated |")
                            && bench.output.contains("| User's table: Performance by minute, 24 h, accelerated |")
                            && bench.output.contains("| User's table: Functions, 24 h, raw |"),
                    bench.output);
            Run dropped = cli("accelerate", "--profile", "mine", "--database", accel, "--drop", "--yes");
            assertEquals(0, dropped.exit, dropped.output);
            assertTrue(Acceleration.find(TestEngine.shared(), mine.events().schema())
                    .isEmpty());
        }
    }

    private record Run(int exit, String output) {}

    private Run cli(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                "dev.callscope.Main"));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(home.resolve("log.txt").toFile());
        pb.environment().put("CALLSCOPE_HOME", home.toString());
        pb.environment().remove(ConnectionOptions.PASSWORD_ENV);
        Process p = pb.start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        return new Run(p.exitValue(), Files.readString(home.resolve("log.txt")));
    }
}
