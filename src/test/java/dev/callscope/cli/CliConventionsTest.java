package dev.callscope.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.callscope.engine.EngineException;
import dev.callscope.engine.Query;
import dev.callscope.testing.ChdbHttpEndpoint;
import dev.callscope.testing.DemoData;
import dev.callscope.testing.TestEngine;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What people expect of a command line: help on every subcommand, usage errors, no surprise file expansion. */
class CliConventionsTest {

    private record Run(int exit, String out, String err) {}

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = CallscopeCommand.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Run(exit, out.toString(), err.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"version", "fetch-engine", "schema", "demo", "bench", "export", "report"})
    void everySubcommandHasHelpOnStdoutAndExitsZero(String command) {
        for (String flag : new String[] {"--help", "-h"}) {
            Run r = run(command, flag);
            assertEquals(0, r.exit(), command + " " + flag + ": " + r.err());
            assertTrue(r.out().startsWith("Usage: callscope " + command), r.out());
            assertTrue(r.err().isEmpty(), "help is data, on stdout: " + r.err());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"export", "report", "schema", "demo", "bench"})
    void anUnknownOptionIsAUsageErrorWithTheUsage(String command) {
        Run r = run(command, "--no-such-option");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("Usage: callscope " + command), r.err());
        assertTrue(r.out().isEmpty(), "nothing on stdout: " + r.out());
    }

    @Test
    void anAtSignIsTextNotAFileToExpand(@TempDir Path dir) throws Exception {
        Path secret = Files.writeString(dir.resolve("hostname"), "--theme\nneon\n");
        // expanded, the file would become the arguments "--theme neon", a usage error naming the theme
        Run r = run(
                "export",
                "logs-histogram",
                "--search",
                "@" + secret,
                "--out",
                dir.resolve("x.png").toString(),
                "--theme",
                "purple");
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().contains("--theme must be light or dark"), r.err());
        assertFalse(r.err().contains("neon"), "the file was not read: " + r.err());
    }

    /** A range past DateTime or decades long overflowed bucket counts and day tables ("Convert overflow", a 2.8 GB answer). */
    @ParameterizedTest
    @ValueSource(
            strings = {
                "scaling --function generate --from 0001-01-01T00:00:00Z --to 2026-01-01T00:00:00Z",
                "cost --from 1971-01-01T00:00:00Z --to 9999-01-01T00:00:00Z",
                "performance --from 1971-01-01T00:00:00Z --to 2090-01-01T00:00:00Z",
                "logs-histogram --from now-100000d"
            })
    void aRangeNoViewCanReadIsAUsageError(String args, @TempDir Path dir) {
        List<String> argv = new ArrayList<>(List.of("export"));
        argv.addAll(List.of(args.split(" ")));
        DemoData.ensureLoaded(3000);
        Run r;
        try (var server = ChdbHttpEndpoint.start("default", "")) {
            argv.addAll(
                    List.of("--url", server.url(), "--out", dir.resolve("x.csv").toString(), "--quiet"));
            r = run(argv.toArray(String[]::new));
        }
        assertEquals(2, r.exit(), r.err());
        assertTrue(
                r.err().startsWith("callscope export: A range must lie between 1970 and 2105")
                        || r.err().startsWith("callscope export: A range can be at most ten years"),
                r.err());
        assertFalse(Files.exists(dir.resolve("x.csv")));
    }

    /** Sizes that overflowed a batch, ran out of memory or printed a page of SQL are refused before anything is opened. */
    @ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource(
            delimiter = '|',
            value = {
                "demo --calls 2000000000|--calls must be between 1 and 100,000,000",
                "demo --logs-per-call 2000000000|--logs-per-call must be between 0 and 1000",
                "demo --span 999999d|--span must be between 10 minutes and ten years",
                "demo --end 1971-01-01T00:00:00Z --span 900d|--end and --span must keep the workload between 1970 and 2105",
                "demo --live --rate 1e12|--rate must be above 0 and at most 100,000 calls a second",
                "bench --runs 2000000000|--runs must be between 1 and 1000",
                "bench --calls 0|--calls must be between 1 and 100,000,000",
                "bench --live 5|--live takes 10 to 3600 seconds",
                "bench --live 60 --rate 1e12|--live takes 10 to 3600 seconds, --rate above 0 and at most 100000"
            })
    void hostileSizesAreUsageErrors(String args, String reason, @TempDir Path dir) {
        List<String> argv = new ArrayList<>(List.of(args.split(" ")));
        argv.addAll(List.of("--data-dir", dir.resolve("data").toString()));
        Run r = run(argv.toArray(String[]::new));
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().startsWith("callscope " + argv.getFirst() + ": " + reason), r.err());
        assertFalse(Files.exists(dir.resolve("data")), "nothing was opened");
    }

    /** "callscope export: -492799580" was a bare NegativeArraySizeException's message: a bug now says what it is. */
    @Test
    void anUnexpectedErrorSaysWhatItIsNotJustItsMessage() {
        assertEquals(
                "an internal error stopped it (NegativeArraySizeException: -492799580); please report it",
                CommandSupport.sentence(new NegativeArraySizeException("-492799580")));
        assertEquals(
                "an internal error stopped it (NullPointerException); please report it",
                CommandSupport.sentence(new NullPointerException()));
        assertEquals(
                "The server did not answer",
                CommandSupport.sentence(new EngineException(0, "The server did not answer")));
        assertEquals(
                "--calls must be positive",
                CommandSupport.sentence(new IllegalArgumentException("--calls must be positive")));
    }

    @Test
    void schemaCreateNamesEveryTableAndViewItCreated() {
        String db = TestEngine.freshDatabase("schemacli");
        TestEngine.shared().execute(Query.of("DROP DATABASE " + db));
        // the shared engine holds its data directory: run against it over HTTP
        try (var server = ChdbHttpEndpoint.start("default", "")) {
            Run r = run("schema", "create", "--database", db, "--url", server.url(), "--yes");
            assertEquals(0, r.exit(), r.err());
            for (String name : new String[] {
                "function_call_events",
                "function_logs",
                "function_call_attempts",
                "function_call_attempts_mv",
                "function_call_retries_mv",
                "function_call_rollup"
            }) {
                assertTrue(r.out().contains("created " + db + "." + name + " ("), name + " in:\n" + r.out());
            }
            Run again = run("schema", "create", "--database", db, "--url", server.url(), "--yes");
            assertTrue(again.out().contains("kept    " + db + ".function_call_events (table"), again.out());
            assertFalse(again.out().contains("created "), again.out());
        }
    }
}
