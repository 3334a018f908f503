package dev.callscope.ui.common;

import dev.callscope.chart.Surface;
import java.util.HashMap;
import java.util.Map;
import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.TextAlignment;

/** A {@link Surface} over a JavaFX canvas: the on-screen drawing of every chart. */
public final class CanvasSurface implements Surface {

    private final GraphicsContext g;
    private final Map<Long, Color> colors = new HashMap<>();
    private final Map<Double, Font> fonts = new HashMap<>();

    public CanvasSurface(GraphicsContext g) {
        this.g = g;
        g.setTextBaseline(VPos.CENTER);
    }

    private Color color(int rgb, double alpha) {
        long key = ((long) Math.round(alpha * 1000) << 32) | (rgb & 0xFFFFFFL);
        return colors.computeIfAbsent(key, k -> Color.rgb((rgb >> 16) & 0xFF, (rgb >> 8) & 0xFF, rgb & 0xFF, alpha));
    }

    @Override
    public void fillRect(double x, double y, double w, double h, int rgb, double alpha) {
        g.setFill(color(rgb, alpha));
        g.fillRect(x, y, w, h);
    }

    @Override
    public void strokeRect(double x, double y, double w, double h, int rgb, double lineWidth) {
        g.setStroke(color(rgb, 1));
        g.setLineWidth(lineWidth);
        g.strokeRect(x, y, w, h);
    }

    @Override
    public void line(double x1, double y1, double x2, double y2, int rgb, double lineWidth) {
        g.setStroke(color(rgb, 1));
        g.setLineWidth(lineWidth);
        g.strokeLine(x1, y1, x2, y2);
    }

    @Override
    public void text(String text, double x, double y, int rgb, double size, boolean bold, Align align) {
        g.setFill(color(rgb, 1));
        g.setFont(fonts.computeIfAbsent(
                bold ? -size : size, s -> Font.font(null, bold ? FontWeight.BOLD : FontWeight.NORMAL, size)));
        g.setTextAlign(
                switch (align) {
                    case LEFT -> TextAlignment.LEFT;
                    case CENTER -> TextAlignment.CENTER;
                    case RIGHT -> TextAlignment.RIGHT;
                });
        g.fillText(text, x, y);
    }

    @Override
    public void polyline(double[] xs, double[] ys, int n, int rgb, double lineWidth, boolean dashed) {
        if (n < 2) {
            return;
        }
        g.setStroke(color(rgb, 1));
        g.setLineWidth(lineWidth);
        g.setLineDashes(dashed ? new double[] {6, 4} : null);
        g.strokePolyline(xs, ys, n);
        g.setLineDashes(null);
    }

    @Override
    public void circle(double x, double y, double radius, int rgb, boolean filled) {
        if (filled) {
            g.setFill(color(rgb, 1));
            g.fillOval(x - radius, y - radius, 2 * radius, 2 * radius);
        } else {
            g.setStroke(color(rgb, 1));
            g.setLineWidth(1.2);
            g.strokeOval(x - radius, y - radius, 2 * radius, 2 * radius);
        }
    }

    @Override
    public void clip(double x, double y, double w, double h) {
        g.save();
        g.beginPath();
        g.rect(x, y, w, h);
        g.closePath();
        g.clip();
    }

    @Override
    public void restore() {
        g.restore();
        g.setTextBaseline(VPos.CENTER);
    }
}
