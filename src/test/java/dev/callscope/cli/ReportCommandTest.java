package dev.callscope.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.callscope.engine.Query;
import dev.callscope.testing.ChdbHttpEndpoint;
import dev.callscope.testing.DemoData;
import dev.callscope.testing.TestEngine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code callscope report} writes a PDF with the expected pages, against the demo served over HTTP. */
class ReportCommandTest {

    private static ChdbHttpEndpoint server;
    private static String function;
    private static String app;

    @TempDir
    Path dir;

    @BeforeAll
    static void serve() {
        DemoData.ensureLoaded(3000);
        server = ChdbHttpEndpoint.start("default", "");
        function = TestEngine.shared()
                .queryScalar(
                        Query.of(
                                "SELECT function_name FROM callscope.function_call_events GROUP BY function_name ORDER BY count() DESC LIMIT 1"));
        app = TestEngine.shared()
                .queryScalar(Query.of(
                                "SELECT any(app_name) FROM callscope.function_call_events WHERE function_name = {f:String}")
                        .bind("f", function));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static String pageText(PDDocument d, int page) throws Exception {
        PDFTextStripper text = new PDFTextStripper();
        text.setStartPage(page);
        text.setEndPage(page);
        return text.getText(d);
    }

    @Test
    void aFunctionReportHasItsSevenPages() throws Exception {
        Path out = dir.resolve("r.pdf");
        assertEquals(
                0,
                CallscopeCommand.run(
                        "report", "--function", function, "--url", server.url(), "--quiet", "--out", out.toString()));
        try (PDDocument d = Loader.loadPDF(out.toFile())) {
            assertEquals(7, d.getNumberOfPages());
            String first = pageText(d, 1);
            assertTrue(first.contains("Callscope report: " + function), first);
            assertTrue(
                    first.contains("Range ") && first.contains("Server: ClickHouse") && first.contains("Generated "),
                    first);
            assertTrue(first.contains("calls finished"), first);
            assertTrue(pageText(d, 2).contains("calls per"), pageText(d, 2));
            assertTrue(pageText(d, 3).contains("Functions") && pageText(d, 3).contains(function));
            assertTrue(pageText(d, 4).contains("Most frequent error lines"));
            assertTrue(
                    pageText(d, 5).contains("Slowest calls") && pageText(d, 5).contains("fc-"));
            assertTrue(pageText(d, 6).contains("Batch jobs"), pageText(d, 6));
            assertTrue(pageText(d, 7).contains("The slowest call tree"), pageText(d, 7));
        }
    }

    @Test
    void anAppOrEverythingHasNoScalingPage() throws Exception {
        Path out = dir.resolve("app.pdf");
        assertEquals(
                0,
                CallscopeCommand.run(
                        "report", "--app", app, "--url", server.url(), "--quiet", "--out", out.toString()));
        try (PDDocument d = Loader.loadPDF(out.toFile())) {
            assertEquals(6, d.getNumberOfPages());
            assertTrue(pageText(d, 1).contains("app " + app));
        }
        assertEquals(
                2,
                CallscopeCommand.run(
                        "report",
                        "--app",
                        "no-such-app",
                        "--url",
                        server.url(),
                        "--quiet",
                        "--out",
                        dir.resolve("none.pdf").toString()));
        assertFalse(Files.exists(dir.resolve("none.pdf")));
    }

    /** Everything: its batch jobs as the Batches tab counts them, the largest one's tail, and the slowest tree with its path. */
    @Test
    void theReportHasTheBatchJobsAndTheSlowestCallTree() throws Exception {
        Path out = dir.resolve("all.pdf");
        assertEquals(0, CallscopeCommand.run("report", "--url", server.url(), "--quiet", "--out", out.toString()));
        var jobs = TestEngine.shared()
                .query(
                        Query.of("SELECT DISTINCT batch_id FROM callscope.function_call_events WHERE batch_id != ''"
                                + " ORDER BY batch_id"),
                        rows -> {
                            List<String> ids = new ArrayList<>();
                            while (rows.next()) {
                                ids.add(rows.getString(1));
                            }
                            return ids;
                        })
                .value();
        String root = TestEngine.shared().queryScalar(Query.of("""
                SELECT root_call_id FROM callscope.function_call_events WHERE root_call_id != ''
                GROUP BY root_call_id ORDER BY max(event_at) - min(enqueued_at) DESC, root_call_id LIMIT 1"""));
        try (PDDocument d = Loader.loadPDF(out.toFile())) {
            assertEquals(6, d.getNumberOfPages(), "no scaling page for everything");
            String batches = pageText(d, 5);
            assertTrue(batches.startsWith("Batch jobs"), batches);
            for (String job : jobs) {
                assertTrue(batches.contains(job), job + " in " + batches);
            }
            assertTrue(batches.contains("The largest: "), batches);
            String tree = pageText(d, 6);
            assertTrue(
                    tree.contains(root + " (chat_stream)") && tree.contains("critical path: chat_stream "),
                    "[" + tree + "] root " + root);
        }
    }
}
