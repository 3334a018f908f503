package dev.callscope.cli;

import dev.callscope.acceleration.UserTableAcceleration;
import dev.callscope.calls.EventSchema;
import dev.callscope.engine.Engine;
import dev.callscope.platform.AppDirs;
import dev.callscope.profiles.LogMapping;
import dev.callscope.profiles.Profile;
import dev.callscope.schema.Schema;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code callscope accelerate --profile NAME}: the summary and rollup a user's own events table
 * needs for the call tabs to be fast, kept by the server in a database of its own. Prints the DDL
 * by default; {@code --apply} runs it, {@code --drop} removes it, {@code --check} says whether it is
 * there and current.
 */
@Command(
        name = "accelerate",
        mixinStandardHelpOptions = true,
        description =
                "Keep a summary and rollup of a profile's own events table on the server, so every call tab is fast on it. "
                        + "Without an action, prints the SQL it would run.")
final class AccelerateCommand implements Callable<Integer> {

    @Mixin
    CommandSupport support;

    @Option(
            names = "--database",
            paramLabel = "DB",
            defaultValue = "callscope_accel",
            description =
                    "Database for the summary (created; default: ${DEFAULT-VALUE}). Your own tables are never changed.")
    String database;

    @ArgGroup(exclusive = true)
    Action action = new Action();

    static final class Action {
        @Option(
                names = "--apply",
                description = "Create the summary, fill it from the rows already there, and seal the rollup.")
        boolean apply;

        @Option(names = "--drop", description = "Remove what --apply created in --database.")
        boolean drop;

        @Option(
                names = "--check",
                description = "Say whether the summary is there, made from this mapping, and how far it is sealed.")
        boolean check;
    }

    @Option(names = "--yes", description = "Confirm --apply or --drop on a server without typing the database name.")
    boolean yes;

    @Override
    public Integer call() {
        Profile profile;
        EventSchema events;
        try {
            Schema.requireDatabaseName(database);
            profile = support.connection.profile(AppDirs.forCurrentUser());
            if (profile == null) {
                return support.usageError("--profile is required: the summary follows that profile's events mapping");
            }
            events = support.events(LogMapping.CALLSCOPE_DATABASE);
            String problem = UserTableAcceleration.problem(events);
            if (problem != null) {
                return support.usageError("profile '" + profile.name() + "' cannot be accelerated: " + problem);
            }
        } catch (IllegalArgumentException | IllegalStateException e) {
            return support.usageError(e.getMessage());
        }
        if (!action.apply && !action.drop && !action.check) {
            try {
                for (String statement : UserTableAcceleration.statements(events, database)) {
                    support.out().println(statement.strip() + ";\n");
                }
            } catch (IllegalArgumentException e) {
                return support.usageError(e.getMessage());
            }
            support.err()
                    .println("callscope accelerate: a dry run; --apply runs these on " + where(profile)
                            + " (the INSERTs read every row of " + events.qualifiedTable() + " once)");
            return CommandSupport.OK;
        }
        if ((action.apply || action.drop)
                && profile.isServer()
                && !support.confirmServerWrite(
                        action.apply ? "a summary of " + events.qualifiedTable() : "the removal of the summary",
                        database,
                        yes)) {
            return CommandSupport.BAD_ARGUMENTS;
        }
        return support.withEngine(engine -> run(engine, events));
    }

    private int run(Engine engine, EventSchema events) {
        if (action.drop) {
            UserTableAcceleration.drop(engine, database);
            support.out().println("Dropped the summary of " + events.qualifiedTable() + " in " + database);
            return CommandSupport.OK;
        }
        if (action.apply) {
            support.progress("Summarizing " + events.qualifiedTable() + " into " + database + "…", -1);
            long t0 = System.nanoTime();
            UserTableAcceleration.apply(engine, events, database);
            support.out()
                    .printf(
                            Locale.ROOT,
                            "Accelerated %s into %s in %.1f s; the server keeps it current%n",
                            events.qualifiedTable(),
                            database,
                            (System.nanoTime() - t0) / 1e9);
        }
        UserTableAcceleration.Status s = UserTableAcceleration.check(engine, events, database);
        if (!s.present()) {
            support.out()
                    .println("No summary in " + database + ": the call tabs read " + events.qualifiedTable()
                            + " raw (run with --apply)");
            return 1;
        }
        support.out()
                .printf(
                        Locale.ROOT,
                        "Summary in %s: %s; %,d attempts; rollup sealed until %s; last refresh %s%s%n",
                        database,
                        s.current()
                                ? "current for this mapping"
                                : "made from another mapping or an older Callscope (run --apply again)",
                        s.attempts(),
                        s.sealedUntil().isEmpty() ? "-" : s.sealedUntil() + " UTC",
                        s.lastRefresh().isEmpty() ? "-" : s.lastRefresh(),
                        s.refreshError().isEmpty() ? "" : "; refresh failed: " + s.refreshError());
        return s.current() && s.refreshError().isEmpty() ? CommandSupport.OK : 1;
    }

    private static String where(Profile p) {
        return p instanceof Profile.Embedded e ? e.dataDir() : p.url();
    }
}
