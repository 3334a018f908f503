package dev.callscope.profiles;

import dev.callscope.app.ConnectionTarget;
import dev.callscope.app.Connector;
import dev.callscope.app.ProgressListener;
import dev.callscope.calls.EventSchemaCheck;
import dev.callscope.engine.Engine;
import dev.callscope.logs.LogSchemaCheck;
import dev.callscope.schema.SchemaCheck;
import java.util.ArrayList;
import java.util.List;

/** What a connection test finds on a server for a profile: the tables it reads, against its mappings. */
public final class ProfileCheck {

    private ProfileCheck() {}

    /** What a test found: every problem, those of the events mapping alone (to mark its fields), and what is fine. */
    public record Result(List<String> problems, List<String> eventProblems, String found) {}

    /**
     * Checks what the profile reads: a mapped logs table and a mapped events table against their
     * mappings, and Callscope's own tables where either reads them (each only for its own table).
     */
    public static Result check(Engine engine, Profile profile) {
        List<String> problems = new ArrayList<>();
        List<String> eventProblems = List.of();
        List<String> found = new ArrayList<>();
        boolean ownLogs = !profile.logs().logsOnly();
        boolean ownEvents = profile.events().kind() == EventsMapping.Kind.CANONICAL;
        if (ownLogs || ownEvents) {
            List<String> own = SchemaCheck.problems(engine, LogMapping.CALLSCOPE_DATABASE).stream()
                    .filter(p ->
                            ownLogs && ownEvents || !p.contains(ownLogs ? ".function_call_events" : ".function_logs"))
                    .toList();
            problems.addAll(own);
            if (own.isEmpty()) {
                found.add("Callscope's tables are there");
            }
        }
        if (!ownLogs) {
            List<String> logs = LogSchemaCheck.problems(engine, profile.logs().schema());
            problems.addAll(logs);
            if (logs.isEmpty()) {
                found.add("the logs table has every mapped column");
            }
        }
        if (profile.events().kind() == EventsMapping.Kind.CUSTOM
                || profile.events().kind() == EventsMapping.Kind.OTEL_TRACES) {
            eventProblems = EventSchemaCheck.problems(engine, profile.events().schema());
            problems.addAll(eventProblems.stream().map(p -> "events: " + p).toList());
            if (eventProblems.isEmpty()) {
                found.add("the events table reads as mapped");
            }
        }
        return new Result(problems, eventProblems, String.join("; ", found));
    }

    /** What a connection test says, and the events mapping's own problems (to mark its fields). */
    public record Verdict(String text, List<String> eventProblems) {}

    /** Opens {@code profile} with {@code password}, checks what it reads, and closes it again. */
    public static Verdict test(Connector connector, Profile profile, String password) {
        ConnectionTarget target = profile.target(password);
        try (Engine engine = connector.open(target, ProgressListener.NONE)) {
            Result checked = check(engine, profile);
            return new Verdict(
                    "Connected: ClickHouse " + engine.info().serverVersion()
                            + (checked.problems().isEmpty()
                                    ? "; " + checked.found() + "."
                                    : ". But: " + String.join("; ", checked.problems()) + "."),
                    List.copyOf(checked.eventProblems()));
        } catch (Connector.ConnectException | RuntimeException e) {
            return new Verdict("Failed: " + e.getMessage(), List.of());
        }
    }
}
