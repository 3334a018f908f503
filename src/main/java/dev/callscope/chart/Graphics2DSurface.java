package dev.callscope.chart;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayDeque;
import java.util.Deque;
import javax.imageio.ImageIO;

/**
 * Draws into a bitmap with Java2D, which works without a display: PNG exports from the app and
 * from the command line use the same painters as the screen, at 1x or 2x.
 */
public final class Graphics2DSurface implements Surface {

    private final BufferedImage image;
    private final Graphics2D g;
    private final Deque<Shape> clips = new ArrayDeque<>();

    public Graphics2DSurface(int width, int height, double scale) {
        this.image = new BufferedImage(
                (int) Math.ceil(width * scale), (int) Math.ceil(height * scale), BufferedImage.TYPE_INT_ARGB);
        this.g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.scale(scale, scale);
    }

    private static Color color(int rgb, double alpha) {
        return new Color((rgb >> 16) & 0xFF, (rgb >> 8) & 0xFF, rgb & 0xFF, (int)
                Math.round(255 * Math.max(0, Math.min(1, alpha))));
    }

    @Override
    public void fillRect(double x, double y, double w, double h, int rgb, double alpha) {
        g.setColor(color(rgb, alpha));
        g.fill(new Rectangle2D.Double(x, y, w, h));
    }

    @Override
    public void strokeRect(double x, double y, double w, double h, int rgb, double lineWidth) {
        g.setColor(color(rgb, 1));
        g.setStroke(new BasicStroke((float) lineWidth));
        g.draw(new Rectangle2D.Double(x, y, w, h));
    }

    @Override
    public void line(double x1, double y1, double x2, double y2, int rgb, double lineWidth) {
        g.setColor(color(rgb, 1));
        g.setStroke(new BasicStroke((float) lineWidth));
        g.draw(new Line2D.Double(x1, y1, x2, y2));
    }

    @Override
    public void text(String text, double x, double y, int rgb, double size, boolean bold, Align align) {
        g.setColor(color(rgb, 1));
        g.setFont(new Font(Font.SANS_SERIF, bold ? Font.BOLD : Font.PLAIN, (int) Math.round(size)));
        FontMetrics fm = g.getFontMetrics();
        double w = fm.stringWidth(text);
        double left = switch (align) {
            case LEFT -> x;
            case CENTER -> x - w / 2;
            case RIGHT -> x - w;
        };
        g.drawString(text, (float) left, (float) (y + (fm.getAscent() - fm.getDescent()) / 2.0));
    }

    @Override
    public void polyline(double[] xs, double[] ys, int n, int rgb, double lineWidth, boolean dashed) {
        if (n < 2) {
            return;
        }
        g.setColor(color(rgb, 1));
        g.setStroke(
                dashed
                        ? new BasicStroke(
                                (float) lineWidth,
                                BasicStroke.CAP_BUTT,
                                BasicStroke.JOIN_ROUND,
                                10f,
                                new float[] {6f, 4f},
                                0f)
                        : new BasicStroke((float) lineWidth, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        Path2D.Double path = new Path2D.Double();
        path.moveTo(xs[0], ys[0]);
        for (int i = 1; i < n; i++) {
            path.lineTo(xs[i], ys[i]);
        }
        g.draw(path);
    }

    @Override
    public void circle(double x, double y, double radius, int rgb, boolean filled) {
        g.setColor(color(rgb, 1));
        Ellipse2D.Double e = new Ellipse2D.Double(x - radius, y - radius, 2 * radius, 2 * radius);
        if (filled) {
            g.fill(e);
        } else {
            g.setStroke(new BasicStroke(1.2f));
            g.draw(e);
        }
    }

    @Override
    public void clip(double x, double y, double w, double h) {
        clips.push(g.getClip() == null ? new Rectangle2D.Double(-1e6, -1e6, 2e6, 2e6) : g.getClip());
        g.clip(new Rectangle2D.Double(x, y, w, h));
    }

    @Override
    public void restore() {
        if (!clips.isEmpty()) {
            g.setClip(clips.pop());
        }
    }

    public BufferedImage image() {
        return image;
    }

    public void writePng(OutputStream out) throws IOException {
        g.dispose();
        ImageIO.write(image, "png", out);
    }
}
