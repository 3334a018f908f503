package dev.callscope.timeline;

import dev.callscope.chart.Drawing;
import dev.callscope.chart.Graphics2DSurface;
import dev.callscope.chart.Palette;
import dev.callscope.chart.Surface;
import dev.callscope.chart.SvgSurface;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;

/** A timeline as a file: the Gantt chart drawn whole, and its CSV (for `callscope export timeline`). */
public final class GanttDrawing {

    private GanttDrawing() {}

    /** The chart of {@code model} fitted to the page, and its attempts as CSV (one row per attempt). */
    public static Drawing of(GanttModel model, Palette p, ZoneId zone) {
        return new Drawing() {
            @Override
            public void paint(Surface s, double w, double h) {
                GanttPainter.paint(s, model, GanttViewport.fit(model, w, h, 0.01), p, -1, zone);
            }

            @Override
            public void writeCsv(OutputStream o) throws IOException {
                Writer w = new OutputStreamWriter(o, StandardCharsets.UTF_8);
                w.write("call_id,attempt,status,queued_at,cold_start_ms,queue_ms,run_ms,finished_at\r\n");
                for (CallTimeline c : model.calls()) {
                    for (var a : c.attempts()) {
                        w.write(String.join(
                                        ",",
                                        c.callId(),
                                        Integer.toString(a.attempt()),
                                        a.status().label(),
                                        String.valueOf(a.queuedAt()),
                                        Long.toString(
                                                a.coldStartTime(model.now()).toMillis()),
                                        Long.toString(a.queueTime(model.now()).toMillis()),
                                        Long.toString(a.runTime(model.now()).toMillis()),
                                        a.finishedAt() == null
                                                ? ""
                                                : a.finishedAt().toString())
                                + "\r\n");
                    }
                }
                w.flush();
            }
        };
    }

    /** The chart as on screen ({@code v}, row {@code selected} marked) as SVG, or PNG at {@code scale}. */
    public static void write(
            GanttModel m,
            GanttViewport v,
            Palette p,
            int selected,
            ZoneId zone,
            String format,
            int scale,
            OutputStream out)
            throws IOException {
        if (format.equals("svg")) {
            SvgSurface svg = new SvgSurface(v.width(), v.height());
            GanttPainter.paint(svg, m, v, p, selected, zone);
            out.write(svg.document().getBytes(StandardCharsets.UTF_8));
        } else {
            Graphics2DSurface png = new Graphics2DSurface((int) v.width(), (int) v.height(), scale);
            GanttPainter.paint(png, m, v, p, selected, zone);
            png.writePng(out);
        }
    }
}
