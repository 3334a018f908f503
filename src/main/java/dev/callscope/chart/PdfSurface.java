package dev.callscope.chart;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.pdmodel.graphics.state.PDExtendedGraphicsState;

/**
 * Draws into a PDF document with PDFBox: one page per chart, vector shapes and text. Coordinates are
 * the painters' (origin top left, y down), turned into PDF's (origin bottom left) here.
 */
public final class PdfSurface implements Surface, AutoCloseable {

    /**
     * PDFBox says on stderr that it draws Helvetica with a metric-compatible system font; that is
     * expected. The logger is held here because JUL keeps loggers only weakly.
     */
    private static final Logger PDFBOX_LOG = Logger.getLogger("org.apache.pdfbox");

    static {
        PDFBOX_LOG.setLevel(Level.SEVERE);
    }

    private final PDDocument document;
    private final PDType1Font regular = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
    private final PDType1Font bold = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);
    private PDPageContentStream page;
    private double height;

    public PdfSurface() {
        this.document = new PDDocument();
    }

    /** Starts a new page of the given size (in points) and draws on it until the next call. */
    public void newPage(double width, double height) {
        try {
            if (page != null) {
                page.close();
            }
            PDPage p = new PDPage(new PDRectangle((float) width, (float) height));
            document.addPage(p);
            page = new PDPageContentStream(document, p);
            this.height = height;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private float y(double y) {
        return (float) (height - y);
    }

    private interface Op {
        void run() throws IOException;
    }

    private void draw(Op op) {
        try {
            op.run();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void color(int rgb, boolean stroke) throws IOException {
        float r = ((rgb >> 16) & 0xFF) / 255f;
        float g = ((rgb >> 8) & 0xFF) / 255f;
        float b = (rgb & 0xFF) / 255f;
        if (stroke) {
            page.setStrokingColor(r, g, b);
        } else {
            page.setNonStrokingColor(r, g, b);
        }
    }

    private void alpha(double a) throws IOException {
        PDExtendedGraphicsState state = new PDExtendedGraphicsState();
        state.setNonStrokingAlphaConstant((float) a);
        page.setGraphicsStateParameters(state);
    }

    @Override
    public void fillRect(double x, double y, double w, double h, int rgb, double a) {
        if (w <= 0 || h <= 0) {
            return;
        }
        draw(() -> {
            page.saveGraphicsState();
            if (a < 1) {
                alpha(a);
            }
            color(rgb, false);
            page.addRect((float) x, y(y + h), (float) w, (float) h);
            page.fill();
            page.restoreGraphicsState();
        });
    }

    @Override
    public void strokeRect(double x, double y, double w, double h, int rgb, double lineWidth) {
        draw(() -> {
            color(rgb, true);
            page.setLineWidth((float) lineWidth);
            page.setLineDashPattern(new float[0], 0);
            page.addRect((float) x, y(y + h), (float) w, (float) h);
            page.stroke();
        });
    }

    @Override
    public void line(double x1, double y1, double x2, double y2, int rgb, double lineWidth) {
        draw(() -> {
            color(rgb, true);
            page.setLineWidth((float) lineWidth);
            page.setLineDashPattern(new float[0], 0);
            page.moveTo((float) x1, y(y1));
            page.lineTo((float) x2, y(y2));
            page.stroke();
        });
    }

    @Override
    public void polyline(double[] xs, double[] ys, int n, int rgb, double lineWidth, boolean dashed) {
        if (n < 2) {
            return;
        }
        draw(() -> {
            color(rgb, true);
            page.setLineWidth((float) lineWidth);
            page.setLineDashPattern(dashed ? new float[] {6, 4} : new float[0], 0);
            page.moveTo((float) xs[0], y(ys[0]));
            for (int i = 1; i < n; i++) {
                page.lineTo((float) xs[i], y(ys[i]));
            }
            page.stroke();
            page.setLineDashPattern(new float[0], 0);
        });
    }

    @Override
    public void circle(double x, double y, double radius, int rgb, boolean filled) {
        // a small square keeps the marker vector without Bézier arithmetic
        if (filled) {
            fillRect(x - radius, y - radius, 2 * radius, 2 * radius, rgb, 1);
        } else {
            strokeRect(x - radius, y - radius, 2 * radius, 2 * radius, rgb, 1);
        }
    }

    @Override
    public void text(String text, double x, double y, int rgb, double size, boolean isBold, Align align) {
        String safe = latin1(text);
        draw(() -> {
            PDType1Font font = isBold ? bold : regular;
            float width = font.getStringWidth(safe) / 1000f * (float) size;
            double left = switch (align) {
                case LEFT -> x;
                case CENTER -> x - width / 2;
                case RIGHT -> x - width;
            };
            color(rgb, false);
            page.beginText();
            page.setFont(font, (float) size);
            page.newLineAtOffset((float) left, y(y + size * 0.35));
            page.showText(safe);
            page.endText();
        });
    }

    /** The standard PDF fonts cover Latin-1; anything else is shown as '?'. */
    static String latin1(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            out.append(
                    c == '·'
                            ? '-'
                            : c == '…'
                                    ? '.'
                                    : c == '—'
                                            ? '-'
                                            : c == '–'
                                                    ? '-'
                                                    : c == '▸' || c == '▾' || c == '→'
                                                            ? '>'
                                                            : (c >= 0x20 && c <= 0xFF) ? c : '?');
        }
        return out.toString();
    }

    @Override
    public void clip(double x, double y, double w, double h) {
        draw(() -> {
            page.saveGraphicsState();
            page.addRect((float) x, y(y + h), (float) w, (float) h);
            page.clip();
        });
    }

    @Override
    public void restore() {
        draw(page::restoreGraphicsState);
    }

    /** Finishes the document and writes it. */
    public void write(OutputStream out) throws IOException {
        if (page != null) {
            page.close();
            page = null;
        }
        document.save(out);
    }

    public int pages() {
        return document.getNumberOfPages();
    }

    @Override
    public void close() throws IOException {
        document.close();
    }
}
