package dev.callscope.cli;

import dev.callscope.calls.EventSchema;
import dev.callscope.chart.Palette;
import dev.callscope.engine.Engine;
import dev.callscope.schema.Schema;
import dev.callscope.time.TimeRange;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import picocli.CommandLine.Option;

/** The options the commands that draw files share: range, theme, zone, database, --quiet and --out. */
final class FileOutputOptions {

    @Option(
            names = "--from",
            paramLabel = "T",
            description =
                    "Start: ISO-8601, '2h', 'now-1d', or a local 'yyyy-MM-dd HH:mm' in --zone (default: a day, or an hour for the timeline, before --to).")
    String from;

    @Option(
            names = "--to",
            paramLabel = "T",
            description = "End (default: now, or the newest event when the data stopped earlier).")
    String to;

    @Option(names = "--theme", defaultValue = "light", description = "light or dark (default: ${DEFAULT-VALUE}).")
    String theme;

    @Option(
            names = "--zone",
            defaultValue = "UTC",
            description = "Time zone of dates and axes, e.g. UTC or Europe/Paris (default: ${DEFAULT-VALUE}).")
    String zoneName;

    @Option(
            names = "--database",
            defaultValue = Schema.DATABASE,
            description = "Database holding the Callscope tables (default: ${DEFAULT-VALUE}).")
    String database;

    @Option(names = "--quiet", description = "No progress on stderr.")
    boolean quiet;

    @Option(
            names = "--out",
            required = true,
            paramLabel = "FILE",
            description = "Where to write; nothing is left there if it fails.")
    Path out;

    /** What is wrong with these options, or null when nothing is. */
    String problem() {
        if (!theme.equals("light") && !theme.equals("dark")) {
            return "--theme must be light or dark";
        }
        try {
            ZoneId.of(zoneName);
            Schema.requireDatabaseName(database);
        } catch (RuntimeException e) {
            return e.getMessage();
        }
        Path parent = out.toAbsolutePath().getParent();
        if (parent == null || !Files.isDirectory(parent)) {
            return "the folder of --out does not exist: " + parent;
        }
        if (Files.isDirectory(out)) {
            return "--out is a folder; name a file in it: " + out;
        }
        return null;
    }

    ZoneId zone() {
        return ZoneId.of(zoneName);
    }

    Palette palette() {
        return Palette.of(theme.equals("dark"));
    }

    /** @throws IllegalArgumentException when --from or --to does not read */
    TimeRange range(Engine engine, EventSchema events, Duration defaultSpan) {
        return RangeArgs.resolve(engine, events, from, to, zone(), defaultSpan);
    }
}
