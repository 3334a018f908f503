package dev.callscope.calls;

import dev.callscope.engine.Engine;
import dev.callscope.engine.Query;
import dev.callscope.testing.TestEngine;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Users' own call tables, not laid out like Callscope's: {@code calls} has one row per call
 * ({@code id, fn, queued, begun, ended, outcome}); {@code events} holds the same calls as events
 * under other names ({@code call_ref, func, kind, ts, result}). Ids are not ULIDs. The calls are
 * also kept in Java, for tests to compute what the views must show without any of Callscope's SQL.
 */
public final class MappedEventsFixture {

    /** One call as the user's table holds it; begun and ended are null until reached. */
    public record Call(String id, String fn, Instant queued, Instant begun, Instant ended, String outcome) {
        public String status() {
            return switch (outcome) {
                case "ok" -> "success";
                case "error" -> "failure";
                default -> outcome;
            };
        }
    }

    /** In the past, so the views take the data's newest time as now. */
    public static final Instant END = Instant.parse("2026-11-01T12:00:00Z");

    public static final List<String> FUNCTIONS = List.of("resize", "train", "email");
    public static final String STATUS = "multiIf(outcome = 'ok', 'success', outcome = 'error', 'failure', outcome)";

    public final String db;
    public final List<Call> calls;

    private MappedEventsFixture(String db, List<Call> calls) {
        this.db = db;
        this.calls = calls;
    }

    private static MappedEventsFixture shared;

    /** Created once per test JVM (a few hundred calls over five hours up to {@link #END}, some past it). */
    public static synchronized MappedEventsFixture get() {
        if (shared == null) {
            shared = create();
        }
        return shared;
    }

    private static MappedEventsFixture create() {
        Engine engine = TestEngine.shared();
        String db = TestEngine.freshDatabase("ops");
        Random r = new Random(7);
        List<Call> calls = new ArrayList<>();
        for (int i = 0; i < 900; i++) {
            String fn = FUNCTIONS.get(r.nextInt(FUNCTIONS.size()));
            Instant queued = END.minus(Duration.ofHours(5))
                    .plusMillis(r.nextLong(Duration.ofMinutes(5 * 60 + 10).toMillis()));
            Instant begun = r.nextInt(20) == 0 ? null : queued.plusMillis(r.nextLong(30_000));
            Instant ended = begun == null || r.nextInt(20) == 0
                    ? null
                    : begun.plusMillis(100 + r.nextLong(fn.equals("train") ? 600_000 : 20_000));
            String outcome = ended == null
                    ? ""
                    : switch (r.nextInt(10)) {
                        case 0, 1 -> "error";
                        case 2 -> "timeout";
                        default -> "ok";
                    };
            calls.add(new Call(
                    "job-" + Integer.toString(r.nextInt(1 << 30), 36) + "-" + i, fn, queued, begun, ended, outcome));
        }
        engine.execute(Query.of("CREATE TABLE " + db + ".calls (id String, fn String, queued DateTime64(3), "
                + "begun Nullable(DateTime64(3)), ended Nullable(DateTime64(3)), outcome LowCardinality(String)) "
                + "ENGINE = MergeTree ORDER BY (fn, queued)"));
        engine.execute(
                Query.of(
                        "CREATE TABLE " + db + ".events (call_ref String, func LowCardinality(String), "
                                + "kind LowCardinality(String), ts DateTime64(3, 'UTC'), result String) ENGINE = MergeTree ORDER BY (func, call_ref, ts)"));
        StringBuilder rows = new StringBuilder();
        StringBuilder events = new StringBuilder();
        for (Call c : calls) {
            rows.append(rows.isEmpty() ? "" : ",")
                    .append("('")
                    .append(c.id)
                    .append("','")
                    .append(c.fn)
                    .append("',")
                    .append(t(c.queued))
                    .append(',')
                    .append(t(c.begun))
                    .append(',')
                    .append(t(c.ended))
                    .append(",'")
                    .append(c.outcome)
                    .append("')");
            event(events, c, "enq", c.queued, "");
            event(events, c, "run", c.begun, "");
            event(events, c, "done", c.ended, c.outcome);
        }
        engine.execute(Query.of("INSERT INTO " + db + ".calls VALUES " + rows));
        engine.execute(Query.of("INSERT INTO " + db + ".events VALUES " + events));
        return new MappedEventsFixture(db, calls);
    }

    private static void event(StringBuilder out, Call c, String kind, Instant at, String result) {
        if (at != null) {
            out.append(out.isEmpty() ? "" : ",")
                    .append("('")
                    .append(c.id)
                    .append("','")
                    .append(c.fn)
                    .append("','")
                    .append(kind)
                    .append("',")
                    .append(t(at))
                    .append(",'")
                    .append(result)
                    .append("')");
        }
    }

    private static String t(Instant at) {
        return at == null
                ? "NULL"
                : "'"
                        + DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS")
                                .withZone(ZoneOffset.UTC)
                                .format(at) + "'";
    }

    /** {@code calls} mapped field by field (one row per call). */
    public EventSchema callsMapping() {
        Map<EventField, String> m = callsFields();
        m.put(EventField.CPU_CORES, "2");
        return EventSchema.custom(db, "calls", m);
    }

    /** The fields of a {@code calls} table (or a copy of it) as a user maps them: call, function, the three times, the status. */
    public static Map<EventField, String> callsFields() {
        Map<EventField, String> m = new EnumMap<>(EventField.class);
        m.put(EventField.CALL, "id");
        m.put(EventField.FUNCTION, "fn");
        m.put(EventField.ENQUEUED, "queued");
        m.put(EventField.STARTED, "begun");
        m.put(EventField.FINISHED, "ended");
        m.put(EventField.STATUS, STATUS);
        return m;
    }

    /** {@code events} mapped field by field (one row per event, kinds translated to Callscope's words). */
    public EventSchema eventsMapping() {
        Map<EventField, String> m = new EnumMap<>(EventField.class);
        m.put(EventField.CALL, "call_ref");
        m.put(EventField.FUNCTION, "func");
        m.put(
                EventField.EVENT_TYPE,
                "transform(kind, ['enq', 'run', 'done'], ['queued', 'started', 'finished'], kind)");
        m.put(EventField.EVENT_TIME, "ts");
        m.put(EventField.STARTED, "if(kind = 'run', ts, NULL)");
        m.put(EventField.FINISHED, "if(kind = 'done', ts, NULL)");
        m.put(EventField.STATUS, "if(kind = 'done', " + STATUS.replace("outcome", "result") + ", '')");
        return EventSchema.custom(db, "events", m);
    }
}
