package dev.callscope.cli;

import dev.callscope.calls.EventSchema;
import dev.callscope.calls.FunctionDirectory;
import dev.callscope.chart.Palette;
import dev.callscope.engine.Engine;
import dev.callscope.logs.LogSchema;
import dev.callscope.platform.AtomicFiles;
import dev.callscope.report.Report;
import dev.callscope.report.ReportData;
import dev.callscope.time.TimeRange;
import java.io.IOException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code callscope report}: a PDF about a function, an app or everything over a range, without a window. */
@Command(
        name = "report",
        mixinStandardHelpOptions = true,
        description = "Write a PDF report (latency, scaling, functions, top errors, slowest calls) without a window.")
final class ReportCommand implements Callable<Integer> {

    @Mixin
    CommandSupport support;

    @Mixin
    FileOutputOptions output;

    @Option(names = "--function", paramLabel = "F", description = "Report on one function (id or name).")
    String function;

    @Option(names = "--app", paramLabel = "A", description = "Report on one app's functions (by app name).")
    String app;

    @Override
    public Integer call() {
        if (function != null && app != null) {
            return support.usageError("give --function or --app, not both");
        }
        String problem = output.problem();
        if (problem != null) {
            return support.usageError(problem);
        }
        ZoneId zone = output.zone();
        support.quiet = output.quiet;
        return support.withEngine(engine -> run(engine, zone));
    }

    private int run(Engine engine, ZoneId zone) {
        String database = output.database;
        EventSchema events;
        LogSchema logs;
        TimeRange range;
        try {
            events = support.events(database); // the --profile's mappings, else Callscope's tables
            logs = support.logs(database);
            range = output.range(engine, events, Duration.ofHours(24));
        } catch (IllegalArgumentException | IllegalStateException e) {
            return support.usageError(e.getMessage());
        }
        List<FunctionDirectory.FunctionInfo> known =
                new FunctionDirectory(events).functions(engine, range.from(), range.to());
        List<String> ids;
        String subject;
        if (function != null) {
            var f = known.stream()
                    .filter(k -> k.functionId().equalsIgnoreCase(function)
                            || k.name().equalsIgnoreCase(function))
                    .findFirst();
            if (f.isEmpty()) {
                return support.usageError(
                        "no function named or with id '" + function + "' in " + events.qualifiedTable());
            }
            ids = List.of(f.get().functionId());
            subject = f.get().name();
        } else if (app != null) {
            ids = known.stream()
                    .filter(k -> k.appName().equalsIgnoreCase(app))
                    .map(FunctionDirectory.FunctionInfo::functionId)
                    .toList();
            if (ids.isEmpty()) {
                return support.usageError("no app named '" + app + "' in " + events.qualifiedTable());
            }
            subject = "app " + app;
        } else {
            ids = List.of();
            subject = "all functions";
        }
        Palette p = output.palette();
        if (!output.quiet) {
            support.err().println("Gathering the report for " + subject + "…");
        }
        ReportData data = Report.gather(engine, events, logs, subject, ids, range, p);
        int[] pages = new int[1];
        try {
            AtomicFiles.write(output.out, o -> pages[0] = Report.writePdf(data, p, zone, o));
        } catch (IOException e) {
            return support.cannotWrite(output.out, e);
        }
        if (!output.quiet) {
            support.err().println("Wrote " + pages[0] + " pages to " + output.out);
        }
        return CommandSupport.OK;
    }
}
