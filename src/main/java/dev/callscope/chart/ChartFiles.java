package dev.callscope.chart;

import dev.callscope.platform.AtomicFiles;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Writes a line chart as PNG (1x or 2x), SVG or CSV of exactly the plotted data. The file appears
 * only when complete (written beside it, then moved), so a failure leaves nothing at the path.
 */
public final class ChartFiles {

    private ChartFiles() {}

    public static void write(
            LineChart c,
            double width,
            double height,
            Palette p,
            ZoneId zone,
            String format,
            int scale,
            Path destination)
            throws IOException {
        AtomicFiles.write(destination, out -> writeTo(c, width, height, p, zone, format, scale, out));
    }

    /** The file's bytes: PNG at {@code scale}, SVG, or CSV. */
    public static void writeTo(
            LineChart c,
            double width,
            double height,
            Palette p,
            ZoneId zone,
            String format,
            int scale,
            OutputStream out)
            throws IOException {
        writeTo(of(c, p, zone), width, height, format, scale, out);
    }

    /** A line chart as a {@link Drawing}. */
    public static Drawing of(LineChart c, Palette p, ZoneId zone) {
        return new Drawing() {
            @Override
            public void paint(Surface surface, double width, double height) {
                LineChartPainter.paint(surface, c, width, height, p, zone, -1);
            }

            @Override
            public void writeCsv(OutputStream out) throws IOException {
                ChartFiles.writeCsv(c, out);
            }
        };
    }

    /** Any drawing as PNG (at {@code scale}), SVG, PDF (one page) or CSV. */
    public static void writeTo(Drawing d, double width, double height, String format, int scale, OutputStream out)
            throws IOException {
        switch (format) {
            case "svg" -> {
                SvgSurface svg = new SvgSurface(width, height);
                d.paint(svg, width, height);
                out.write(svg.document().getBytes(StandardCharsets.UTF_8));
            }
            case "csv" -> d.writeCsv(out);
            case "png" -> {
                Graphics2DSurface png = new Graphics2DSurface((int) width, (int) height, scale);
                d.paint(png, width, height);
                png.writePng(out);
            }
            case "pdf" -> {
                try (PdfSurface pdf = new PdfSurface()) {
                    pdf.newPage(width, height);
                    d.paint(pdf, width, height);
                    pdf.write(out);
                }
            }
            default -> throw new IllegalArgumentException("Unknown format " + format);
        }
    }

    /**
     * One row per bucket: its start (UTC, ISO-8601), its calls, and each series' value (empty for an
     * empty bucket) with a flag for points drawn as "too few calls".
     */
    public static void writeCsv(LineChart chart, OutputStream stream) throws IOException {
        OutputStreamWriter out = new OutputStreamWriter(stream, StandardCharsets.UTF_8);
        String unit = chart.unit().isEmpty() ? "" : "_" + chart.unit();
        StringBuilder header = new StringBuilder("bucket_start,calls");
        for (LineChart.Series s : chart.series()) {
            String col = s.name().replace(" (previous)", "_previous").replace(' ', '_');
            header.append(',').append(col).append(unit).append(',').append(col).append("_few_calls");
        }
        out.write(header.append("\r\n").toString());
        DateTimeFormatter iso = DateTimeFormatter.ISO_INSTANT.withZone(ZoneOffset.UTC);
        for (int i = 0; i < chart.buckets(); i++) {
            StringBuilder row = new StringBuilder(iso.format(chart.bucketStart(i)))
                    .append(',')
                    .append(chart.samples()[i]);
            for (LineChart.Series s : chart.series()) {
                double v = s.values()[i];
                row.append(',').append(Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.3f", v));
                row.append(',').append(s.weak() != null && s.weak()[i]);
            }
            out.write(row.append("\r\n").toString());
        }
        out.flush();
    }
}
