package dev.callscope.chart;

/**
 * What chart painters draw on: the screen's canvas, a PNG, or an SVG document. One drawing code
 * path for all of them, so exports look exactly like the screen. Colours are {@code 0xRRGGBB}
 * with a separate alpha.
 */
public interface Surface {

    enum Align {
        LEFT,
        CENTER,
        RIGHT
    }

    void fillRect(double x, double y, double w, double h, int rgb, double alpha);

    void strokeRect(double x, double y, double w, double h, int rgb, double lineWidth);

    void line(double x1, double y1, double x2, double y2, int rgb, double lineWidth);

    /** Text with its baseline's vertical centre at {@code y}. */
    void text(String text, double x, double y, int rgb, double size, boolean bold, Align align);

    /** A connected line through {@code n} points, solid or dashed. */
    void polyline(double[] xs, double[] ys, int n, int rgb, double lineWidth, boolean dashed);

    /** A small circle, filled or as an outline. */
    void circle(double x, double y, double radius, int rgb, boolean filled);

    /** Clips later drawing to a rectangle until {@link #restore()}. */
    void clip(double x, double y, double w, double h);

    void restore();
}
