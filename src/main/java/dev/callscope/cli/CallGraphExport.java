package dev.callscope.cli;

import dev.callscope.callgraph.CallTree;
import dev.callscope.callgraph.CallTreeCsv;
import dev.callscope.callgraph.CallTreeQuery;
import dev.callscope.callgraph.Waterfall;
import dev.callscope.callgraph.WaterfallPainter;
import dev.callscope.calls.EventSchema;
import dev.callscope.calls.FunctionDirectory;
import dev.callscope.chart.ChartFiles;
import dev.callscope.chart.Palette;
import dev.callscope.cost.Prices;
import dev.callscope.engine.Engine;
import dev.callscope.platform.AtomicFiles;
import dev.callscope.time.DataNow;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Set;

/** {@code callscope export call-graph --call ID}: the tree a call belongs to as CSV, one row per call, priced. */
final class CallGraphExport {

    private CallGraphExport() {}

    /**
     * @param format csv (every call), or png, svg or pdf: the waterfall as the tab draws it, fan-outs
     *               grouped, as tall as its rows need (up to 10,000 points)
     */
    static int write(
            CommandSupport support,
            Engine engine,
            EventSchema events,
            String callId,
            Prices prices,
            Path out,
            boolean quiet,
            String format,
            int width,
            int scale,
            Palette palette,
            ZoneId zone) {
        if (!quiet) {
            support.err().println("Reading the call tree of " + callId + "…");
        }
        Instant now = DataNow.of(new FunctionDirectory(events).newestEvent(engine), Instant.now());
        CallTreeQuery.Result r = new CallTreeQuery(events).load(engine, callId, now, prices);
        if (r.tree().isEmpty()) {
            return support.usageError("no call with id '" + callId + "' in " + events.qualifiedTable());
        }
        try {
            if (format.equals("csv")) {
                AtomicFiles.write(out, o -> CallTreeCsv.write(r.tree(), o));
            } else {
                var w = Waterfall.of(r.tree(), Set.of(), true);
                double height = WaterfallPainter.heightFor(w, 300, 10_000);
                var view = WaterfallPainter.View.fit(w, width, height);
                var drawing = WaterfallPainter.drawing(w, view, palette, -1, zone);
                AtomicFiles.write(out, o -> ChartFiles.writeTo(drawing, width, height, format, scale, o));
            }
        } catch (IOException e) {
            return support.cannotWrite(out, e);
        }
        if (!quiet) {
            CallTree.Totals t = r.tree().totals(0);
            support.err()
                    .printf(
                            Locale.ROOT,
                            "Wrote %,d calls (%,d failed, critical path of %d calls, $%.4f%s)%s to %s%n",
                            t.calls(),
                            t.failures(),
                            r.tree().criticalPath().size(),
                            t.cost(),
                            prices.examples() ? " at example prices" : "",
                            r.cut() ? ", cut at " + CallTreeQuery.MAX_CALLS + " calls" : "",
                            out);
        }
        return CommandSupport.OK;
    }
}
