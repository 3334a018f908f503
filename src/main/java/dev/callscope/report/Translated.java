package dev.callscope.report;

import dev.callscope.chart.Surface;

/** A surface whose origin is moved, so a painter that draws at (0, 0) can fill part of a page. */
final class Translated implements Surface {

    private final Surface s;
    private final double dx;
    private final double dy;

    Translated(Surface s, double dx, double dy) {
        this.s = s;
        this.dx = dx;
        this.dy = dy;
    }

    @Override
    public void fillRect(double x, double y, double w, double h, int rgb, double alpha) {
        s.fillRect(x + dx, y + dy, w, h, rgb, alpha);
    }

    @Override
    public void strokeRect(double x, double y, double w, double h, int rgb, double lineWidth) {
        s.strokeRect(x + dx, y + dy, w, h, rgb, lineWidth);
    }

    @Override
    public void line(double x1, double y1, double x2, double y2, int rgb, double lineWidth) {
        s.line(x1 + dx, y1 + dy, x2 + dx, y2 + dy, rgb, lineWidth);
    }

    @Override
    public void polyline(double[] xs, double[] ys, int n, int rgb, double lineWidth, boolean dashed) {
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = xs[i] + dx;
            y[i] = ys[i] + dy;
        }
        s.polyline(x, y, n, rgb, lineWidth, dashed);
    }

    @Override
    public void circle(double x, double y, double radius, int rgb, boolean filled) {
        s.circle(x + dx, y + dy, radius, rgb, filled);
    }

    @Override
    public void text(String text, double x, double y, int rgb, double size, boolean bold, Align align) {
        s.text(text, x + dx, y + dy, rgb, size, bold, align);
    }

    @Override
    public void clip(double x, double y, double w, double h) {
        s.clip(x + dx, y + dy, w, h);
    }

    @Override
    public void restore() {
        s.restore();
    }
}
