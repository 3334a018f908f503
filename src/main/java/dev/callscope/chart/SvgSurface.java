package dev.callscope.chart;

import java.util.Locale;

/** Builds an SVG document from drawing calls: real vector shapes and text, no embedded bitmap. */
public final class SvgSurface implements Surface {

    private final StringBuilder body = new StringBuilder();
    private final double width;
    private final double height;
    private int clips;
    private int openGroups;

    public SvgSurface(double width, double height) {
        this.width = width;
        this.height = height;
    }

    @Override
    public void fillRect(double x, double y, double w, double h, int rgb, double alpha) {
        if (w <= 0 || h <= 0) {
            return;
        }
        body.append(String.format(
                Locale.ROOT,
                "<rect x=\"%.2f\" y=\"%.2f\" width=\"%.2f\" height=\"%.2f\" fill=\"%s\"%s/>%n",
                x,
                y,
                w,
                h,
                hex(rgb),
                alpha < 1 ? String.format(Locale.ROOT, " fill-opacity=\"%.3f\"", alpha) : ""));
    }

    @Override
    public void strokeRect(double x, double y, double w, double h, int rgb, double lineWidth) {
        body.append(String.format(
                Locale.ROOT,
                "<rect x=\"%.2f\" y=\"%.2f\" width=\"%.2f\" height=\"%.2f\" fill=\"none\" stroke=\"%s\" stroke-width=\"%.2f\"/>%n",
                x,
                y,
                w,
                h,
                hex(rgb),
                lineWidth));
    }

    @Override
    public void line(double x1, double y1, double x2, double y2, int rgb, double lineWidth) {
        body.append(String.format(
                Locale.ROOT,
                "<line x1=\"%.2f\" y1=\"%.2f\" x2=\"%.2f\" y2=\"%.2f\" stroke=\"%s\" stroke-width=\"%.2f\"/>%n",
                x1,
                y1,
                x2,
                y2,
                hex(rgb),
                lineWidth));
    }

    @Override
    public void text(String text, double x, double y, int rgb, double size, boolean bold, Align align) {
        String anchor = switch (align) {
            case LEFT -> "start";
            case CENTER -> "middle";
            case RIGHT -> "end";
        };
        body.append(String.format(
                Locale.ROOT,
                "<text x=\"%.2f\" y=\"%.2f\" fill=\"%s\" font-size=\"%.1f\" font-family=\"DejaVu Sans, Helvetica, Arial, sans-serif\"%s text-anchor=\"%s\" dominant-baseline=\"central\">%s</text>%n",
                x,
                y,
                hex(rgb),
                size,
                bold ? " font-weight=\"bold\"" : "",
                anchor,
                escape(text)));
    }

    @Override
    public void polyline(double[] xs, double[] ys, int n, int rgb, double lineWidth, boolean dashed) {
        if (n < 2) {
            return;
        }
        StringBuilder points = new StringBuilder();
        for (int i = 0; i < n; i++) {
            points.append(String.format(Locale.ROOT, "%.2f,%.2f ", xs[i], ys[i]));
        }
        body.append(String.format(
                Locale.ROOT,
                "<polyline points=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"%.2f\"%s/>%n",
                points.toString().strip(),
                hex(rgb),
                lineWidth,
                dashed ? " stroke-dasharray=\"6 4\"" : ""));
    }

    @Override
    public void circle(double x, double y, double radius, int rgb, boolean filled) {
        body.append(String.format(
                Locale.ROOT,
                "<circle cx=\"%.2f\" cy=\"%.2f\" r=\"%.2f\" %s/>%n",
                x,
                y,
                radius,
                filled
                        ? "fill=\"" + hex(rgb) + "\""
                        : "fill=\"none\" stroke=\"" + hex(rgb) + "\" stroke-width=\"1.2\""));
    }

    @Override
    public void clip(double x, double y, double w, double h) {
        int id = ++clips;
        body.append(String.format(
                Locale.ROOT,
                "<clipPath id=\"c%d\"><rect x=\"%.2f\" y=\"%.2f\" width=\"%.2f\" height=\"%.2f\"/></clipPath><g clip-path=\"url(#c%d)\">%n",
                id,
                x,
                y,
                w,
                h,
                id));
        openGroups++;
    }

    @Override
    public void restore() {
        if (openGroups > 0) {
            body.append("</g>\n");
            openGroups--;
        }
    }

    /** The finished document. */
    public String document() {
        StringBuilder out = new StringBuilder();
        out.append(String.format(
                Locale.ROOT,
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?>%n<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%.0f\" height=\"%.0f\" viewBox=\"0 0 %.0f %.0f\">%n",
                width,
                height,
                width,
                height));
        out.append(body);
        out.append("</g>\n".repeat(openGroups));
        out.append("</svg>\n");
        return out.toString();
    }

    private static String hex(int rgb) {
        return String.format(Locale.ROOT, "#%06x", rgb & 0xFFFFFF);
    }

    static String escape(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                default -> {
                    if (c >= 0x20 || c == '\t') {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}
