package dev.callscope.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.callscope.engine.Query;
import dev.callscope.logs.PatternsCsv;
import dev.callscope.performance.LatencyQuery;
import dev.callscope.platform.AtomicFilesTest;
import dev.callscope.testing.ChdbHttpEndpoint;
import dev.callscope.testing.DemoData;
import dev.callscope.testing.PatternOracle;
import dev.callscope.testing.StrictCsv;
import dev.callscope.testing.TestEngine;
import dev.callscope.time.TimeRange;
import dev.callscope.timeline.CallRebuild;
import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

/** Every chart through {@code callscope export} in every format, against the demo data served over HTTP. */
class ExportCommandTest {

    private static ChdbHttpEndpoint server;
    private static String busiest;

    @TempDir
    Path dir;

    @BeforeAll
    static void serve() {
        DemoData.ensureLoaded(3000);
        server = ChdbHttpEndpoint.start("default", "");
        busiest = TestEngine.shared()
                .queryScalar(
                        Query.of(
                                "SELECT function_name FROM callscope.function_call_events GROUP BY function_name ORDER BY count() DESC LIMIT 1"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private int export(String... args) {
        String[] all = new String[args.length + 4];
        System.arraycopy(args, 0, all, 1, args.length);
        all[0] = "export";
        all[args.length + 1] = "--url";
        all[args.length + 2] = server.url();
        all[args.length + 3] = "--quiet";
        return CallscopeCommand.run(all);
    }

    @Test
    void performanceInEveryFormat() throws Exception {
        Path png = dir.resolve("p.png");
        assertEquals(
                0, export("performance", "--width", "900", "--height", "500", "--scale", "2", "--out", png.toString()));
        BufferedImage image = ImageIO.read(png.toFile());
        assertEquals(1800, image.getWidth());
        assertEquals(1000, image.getHeight());

        Path svg = dir.resolve("p.svg");
        assertEquals(0, export("performance", "--theme", "dark", "--out", svg.toString()));
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(svg.toFile());
        assertTrue(doc.getElementsByTagName("polyline").getLength() >= 3, "vector series");
        String text = doc.getDocumentElement().getTextContent();
        assertTrue(
                text.contains("Execution latency") && text.contains(" s") || text.contains(" ms"),
                "title and axis labels");

        Path csv = dir.resolve("p.csv");
        Instant to = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Instant from = to.minus(Duration.ofHours(20));
        assertEquals(
                0, export("performance", "--from", from.toString(), "--to", to.toString(), "--out", csv.toString()));
        List<String> rows = Files.readAllLines(csv);
        assertEquals(
                "bucket_start,calls,p50_ms,p50_few_calls,p90_ms,p90_few_calls,p99_ms,p99_few_calls", rows.getFirst());
        long fromCsv = rows.stream()
                .skip(1)
                .mapToLong(r -> Long.parseLong(r.split(",")[1]))
                .sum();
        // independently: the calls the Timeline's rebuild finds wholly finished inside [from, to)
        // widened to whole buckets, as the chart counts them
        TimeRange asked = new TimeRange(from, to);
        TimeRange range = LatencyQuery.wholeBuckets(asked, LatencyQuery.step(asked, 200));
        long expected = new CallRebuild("callscope")
                .forIdRange(TestEngine.shared(), "fc-", "fc-~", 1_000_000).calls().stream()
                        .filter(c -> c.attempts().stream().allMatch(a -> a.finishedAt() != null))
                        .filter(c -> range.contains(c.last().finishedAt()))
                        .count();
        assertTrue(expected > 100, "calls: " + expected);
        assertEquals(expected, fromCsv);

        Path pdf = dir.resolve("p.pdf");
        assertEquals(0, export("performance", "--function", busiest, "--out", pdf.toString()));
        try (PDDocument d = Loader.loadPDF(pdf.toFile())) {
            assertEquals(1, d.getNumberOfPages());
            String pageText = new PDFTextStripper().getText(d);
            assertTrue(pageText.contains("Execution latency") && pageText.contains(busiest), pageText);
        }
    }

    @Test
    void everyChartInEveryFormat() throws Exception {
        for (String chart : List.of("performance", "scaling", "durations", "timeline", "logs-histogram", "cost")) {
            for (String format : List.of("png", "svg", "pdf", "csv")) {
                Path out = dir.resolve(chart + "." + format);
                List<String> args = new ArrayList<>(
                        List.of(chart, "--from", "2h", "--width", "800", "--height", "400", "--out", out.toString()));
                if (!chart.equals("performance") && !chart.equals("logs-histogram") && !chart.equals("cost")) {
                    args.addAll(List.of("--function", busiest));
                }
                assertEquals(0, export(args.toArray(String[]::new)), chart + " " + format);
                String what = chart + "." + format;
                switch (format) {
                    case "png" -> {
                        BufferedImage image = ImageIO.read(out.toFile());
                        assertEquals(800, image.getWidth(), what);
                        assertEquals(400, image.getHeight(), what);
                    }
                    case "svg" -> {
                        Document doc = DocumentBuilderFactory.newInstance()
                                .newDocumentBuilder()
                                .parse(out.toFile());
                        int shapes = doc.getElementsByTagName("rect").getLength()
                                + doc.getElementsByTagName("polyline").getLength();
                        assertTrue(shapes > 3, what + " has vector shapes");
                        assertTrue(doc.getElementsByTagName("text").getLength() >= 2, what + " has text labels");
                        assertEquals(0, doc.getElementsByTagName("image").getLength(), what + " embeds no bitmap");
                    }
                    case "pdf" -> {
                        try (PDDocument d = Loader.loadPDF(out.toFile())) {
                            assertEquals(1, d.getNumberOfPages(), what);
                            assertFalse(new PDFTextStripper().getText(d).isBlank(), what + " has text");
                        }
                    }
                    default -> {
                        List<String> lines = Files.readAllLines(out);
                        assertTrue(
                                lines.size() >= 2 && lines.getFirst().contains(","), what + " has a header and rows");
                    }
                }
            }
        }
    }

    @Test
    void timelineScalingAndDurations() throws Exception {
        for (String format : List.of("png", "svg", "pdf", "csv")) {
            Path out = dir.resolve("t." + format);
            assertEquals(
                    0, export("timeline", "--function", busiest, "--from", "now-2h", "--out", out.toString()), format);
            assertTrue(Files.size(out) > 100, format);
        }
        Path scaling = dir.resolve("s.csv");
        assertEquals(0, export("scaling", "--function", busiest, "--out", scaling.toString()));
        assertTrue(Files.readAllLines(scaling).getFirst().startsWith("bucket_start,calls,succeeded,"));
        Path durations = dir.resolve("d.svg");
        assertEquals(0, export("durations", "--function", busiest, "--out", durations.toString()));
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(durations.toFile());
        assertTrue(doc.getElementsByTagName("rect").getLength() > 3);
    }

    @Test
    void logsHistogramMatchesTheLogsTabsCount() throws Exception {
        Instant to = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Instant from = to.minus(Duration.ofHours(24));
        Path csv = dir.resolve("h.csv");
        assertEquals(
                0,
                export(
                        "logs-histogram",
                        "--search",
                        "level:error",
                        "--from",
                        from.toString(),
                        "--to",
                        to.toString(),
                        "--out",
                        csv.toString()));
        long total = Files.readAllLines(csv).stream()
                .skip(1)
                .mapToLong(r -> Long.parseLong(r.split(",")[1]))
                .sum();
        String expected =
                TestEngine.shared().queryScalar(Query.of("""
                SELECT count() FROM callscope.function_logs WHERE level = 'ERROR'
                  AND timestamp >= {f:DateTime64(6, 'UTC')} AND timestamp < {t:DateTime64(6, 'UTC')}""").bind("f", from).bind("t", to));
        assertEquals(Long.parseLong(expected), total);
        assertTrue(total > 0);
        Path svg = dir.resolve("h.svg");
        assertEquals(0, export("logs-histogram", "--search", "error OR timeout", "--out", svg.toString()));
        assertTrue(DocumentBuilderFactory.newInstance()
                        .newDocumentBuilder()
                        .parse(svg.toFile())
                        .getElementsByTagName("rect")
                        .getLength()
                > 10);
        assertEquals(
                2,
                export(
                        "logs-histogram",
                        "--search",
                        "\"unclosed",
                        "--out",
                        dir.resolve("bad.png").toString()));
        assertFalse(Files.exists(dir.resolve("bad.png")));
    }

    @Test
    void logPatternsHaveOneRowPerPatternAndCountsThatSumToTheSearchsTotal() throws Exception {
        Instant to = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Instant from = to.minus(Duration.ofHours(24));
        Path csv = dir.resolve("patterns.csv");
        assertEquals(
                0,
                export(
                        "log-patterns",
                        "--search",
                        "level:error OR level:warning",
                        "--from",
                        from.toString(),
                        "--to",
                        to.toString(),
                        "--out",
                        csv.toString()));
        List<List<String>> rows = StrictCsv.parse(Files.readString(csv));
        assertEquals(PatternsCsv.HEADER, rows.getFirst());
        // independently: every such line in the range, grouped by its pattern computed in Java
        Map<String, Long> expected = new TreeMap<>();
        TestEngine.shared().query(Query.of("""
                SELECT message FROM callscope.function_logs WHERE level IN ('ERROR', 'WARNING')
                  AND timestamp >= {f:DateTime64(6, 'UTC')} AND timestamp < {t:DateTime64(6, 'UTC')}""").bind("f", from).bind("t", to), r -> {
            while (r.next()) {
                expected.merge(PatternOracle.of(r.getString(1)), 1L, Long::sum);
            }
            return null;
        });
        Map<String, Long> got = new TreeMap<>();
        rows.stream().skip(1).forEach(r -> got.put(r.get(0), Long.parseLong(r.get(1))));
        assertTrue(expected.size() > 3, "kinds of warning and error: " + expected.size());
        assertEquals(expected, got);
        assertEquals(rows.size() - 1, got.size(), "one row per pattern");
        assertTrue(
                rows.get(1).get(11).startsWith("pattern:\""), "each row carries the search term that finds its lines");
        assertEquals(2, export("log-patterns", "--out", dir.resolve("p.png").toString()), "a table, not a picture");
        assertFalse(Files.exists(dir.resolve("p.png")));
    }

    @Test
    void badArgumentsExitWithTwoAndLeaveNothing() {
        Path out = dir.resolve("x.png");
        assertEquals(2, export("timeline", "--out", out.toString()), "timeline needs one function");
        assertEquals(2, export("performance", "--format", "gif", "--out", out.toString()));
        assertEquals(2, export("performance", "--function", "no-such-function", "--out", out.toString()));
        assertEquals(2, export("performance", "--from", "yesterday-ish", "--out", out.toString()));
        assertFalse(Files.exists(out));
        assertEquals(
                3,
                CallscopeCommand.run(
                        "export", "performance", "--url", "http://127.0.0.1:9", "--quiet", "--out", out.toString()));
        assertFalse(Files.exists(out));
    }

    @Test
    void theLogsHistogramTakesItsBucketAndZeroOrTooFineIsRefused() throws Exception {
        Instant to = Instant.now().truncatedTo(ChronoUnit.HOURS);
        Instant from = to.minus(Duration.ofHours(6));
        for (String[] bucket : new String[][] {{"1h", "6"}, {"30m", "12"}, {"15m", "24"}}) {
            Path csv = dir.resolve("h" + bucket[0] + ".csv");
            assertEquals(
                    0,
                    export(
                            "logs-histogram",
                            "--from",
                            from.toString(),
                            "--to",
                            to.toString(),
                            "--bucket",
                            bucket[0],
                            "--out",
                            csv.toString()),
                    bucket[0]);
            assertEquals(
                    Integer.parseInt(bucket[1]) + 1,
                    Files.readAllLines(csv).size(),
                    bucket[0] + ": a header and a row per bucket");
        }
        Path out = dir.resolve("bad.csv");
        assertEquals(2, export("logs-histogram", "--bucket", "0s", "--out", out.toString()));
        assertEquals(2, export("performance", "--bucket", "0s", "--out", out.toString()));
        assertEquals(
                2,
                export("logs-histogram", "--bucket", "1s", "--from", "now-30d", "--out", out.toString()),
                "2.6M buckets");
        assertFalse(Files.exists(out));
    }

    @Test
    void aFifoAtOutReceivesTheCsvAndStaysAFifo() throws Exception {
        Path fifo = dir.resolve("pipe");
        org.junit.jupiter.api.Assumptions.assumeTrue(
                AtomicFilesTest.run("mkfifo", fifo.toString()), "mkfifo is not available here");
        var read = CompletableFuture.supplyAsync(() -> {
            try {
                return Files.readString(fifo);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        assertEquals(0, export("performance", "--format", "csv", "--out", fifo.toString()));
        assertTrue(read.get(30, TimeUnit.SECONDS).startsWith("bucket_start"), "the CSV arrived through the pipe");
        assertFalse(Files.isRegularFile(fifo), "not replaced by a regular file");
    }

    @Test
    void runsWithNoDisplay() throws Exception {
        Path out = dir.resolve("headless.png");
        ProcessBuilder pb = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                "dev.callscope.Main",
                "export",
                "performance",
                "--url",
                server.url(),
                "--quiet",
                "--out",
                out.toString());
        pb.environment().remove("DISPLAY");
        pb.environment().remove("WAYLAND_DISPLAY");
        pb.redirectErrorStream(true).redirectOutput(dir.resolve("log.txt").toFile());
        Process p = pb.start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), Files.readString(dir.resolve("log.txt")));
        assertEquals(1200, ImageIO.read(new File(out.toString())).getWidth());
    }
}
