package dev.callscope.chart;

import java.util.List;

/** A plain table drawn on a {@link Surface}: a header row, then rows, columns right-aligned where asked. */
public final class TablePainter {

    private TablePainter() {}

    /**
     * @param widths    column widths
     * @param rightAlign which columns hold numbers
     * @return the y below the table
     */
    public static double paint(
            Surface s,
            double x,
            double y,
            List<String> header,
            List<List<String>> rows,
            double[] widths,
            boolean[] rightAlign,
            Palette p,
            double rowHeight) {
        double cx = x;
        double total = 0;
        for (double w : widths) {
            total += w;
        }
        s.fillRect(x, y, total, rowHeight, p.grid(), 0.5);
        for (int c = 0; c < header.size(); c++) {
            text(s, header.get(c), cx, y, widths[c], rightAlign[c], p.foreground(), true, rowHeight);
            cx += widths[c];
        }
        double ry = y + rowHeight;
        for (List<String> row : rows) {
            cx = x;
            for (int c = 0; c < row.size(); c++) {
                text(s, row.get(c), cx, ry, widths[c], rightAlign[c], p.foreground(), false, rowHeight);
                cx += widths[c];
            }
            s.line(x, ry + rowHeight, x + total, ry + rowHeight, p.grid(), 0.5);
            ry += rowHeight;
        }
        return ry;
    }

    private static void text(
            Surface s, String text, double x, double y, double w, boolean right, int rgb, boolean bold, double h) {
        double size = Math.min(10, h * 0.6);
        int max = (int) Math.max(4, w / (size * 0.55));
        String shown = text.length() > max ? text.substring(0, max - 1) + "…" : text;
        s.text(
                shown,
                right ? x + w - 4 : x + 4,
                y + h / 2,
                rgb,
                size,
                bold,
                right ? Surface.Align.RIGHT : Surface.Align.LEFT);
    }
}
