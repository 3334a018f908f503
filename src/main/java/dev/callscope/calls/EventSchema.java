package dev.callscope.calls;

import dev.callscope.engine.Identifiers;
import dev.callscope.ids.CallscopeIds;
import dev.callscope.schema.Schema;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where a connection's call events live: Callscope's {@code function_call_events}, or a user's
 * table read through a mapping of {@link EventField}s to columns or expressions. The readers
 * (attempts, timeline, scaling, cost) keep their SQL and read {@link #relation()} where they read
 * the events table: for a mapping it is a subquery that gives the user's rows Callscope's column
 * names and types, with typed defaults for what the table lacks.
 *
 * <p>Two layouts are read. With an {@link EventField#EVENT_TYPE event type} mapped, each row is an
 * event, as in Callscope's table (the type must use Callscope's words: {@code queued}, {@code
 * started}, {@code finished}, ...). Without one, each row is a call (or an attempt, when an attempt
 * number is mapped) holding its stage times, and the subquery unfolds it into the events those
 * times imply ({@code queued} at the enqueue time, {@code started}, {@code finished}, cold start),
 * so counting "queued" events or rebuilding a call works unchanged.
 *
 * <p>A mapping never uses Callscope's summary table (it is Callscope's own), and its call ids need
 * not be ULIDs: time ranges are read from the enqueue time instead of call-id ranges.
 */
public final class EventSchema {

    /** Outcomes as Callscope names them; a mapped status outside these reads as {@code unknown}. */
    public static final List<String> STATUSES =
            List.of("pending", "success", "failure", "timeout", "init_failure", "terminated");
    /** Event types a mapped event type should produce (others are read, and counted nowhere). */
    public static final List<String> EVENT_TYPES = List.of(
            "queued",
            "container_assigned",
            "cold_start_begin",
            "cold_start_end",
            "started",
            "finished",
            "retried",
            "container_started",
            "container_stopped");

    private final String database;
    private final String table;
    private final Map<EventField, EventExpr> fields;
    private final boolean canonical;

    private EventSchema(String database, String table, Map<EventField, EventExpr> fields, boolean canonical) {
        this.database = Schema.requireDatabaseName(database);
        Identifiers.require(table);
        if (table.contains(".")) {
            throw new IllegalArgumentException("Give the events table without its database: " + table);
        }
        this.table = table;
        EnumMap<EventField, EventExpr> copy = new EnumMap<>(EventField.class);
        copy.putAll(fields);
        this.fields = Collections.unmodifiableMap(copy);
        this.canonical = canonical;
        if (!canonical) {
            requireEnough();
        }
    }

    /** Callscope's own events table in {@code database}. */
    public static EventSchema canonical(String database) {
        Map<EventField, EventExpr> f = new EnumMap<>(EventField.class);
        for (EventField field : EventField.values()) {
            f.put(field, EventExpr.parse(field == EventField.APP ? "app_name" : field.column()));
        }
        return new EventSchema(database, Schema.EVENTS_TABLE, f, true);
    }

    /**
     * The OpenTelemetry ClickHouse exporter's {@code otel_traces} (as ClickStack writes it): each span a call of one
     * attempt, its function the span name within its service, its parent span its parent call and its trace the tree
     * it belongs to. Spans have no queue and no cold start: a call starts when it is enqueued.
     */
    public static EventSchema otelTraces(String database, String table) {
        Map<EventField, String> m = new EnumMap<>(EventField.class);
        m.put(EventField.CALL, "SpanId");
        m.put(EventField.FUNCTION, "concat(ServiceName, '/', SpanName)");
        m.put(EventField.FUNCTION_NAME, "SpanName");
        m.put(EventField.APP, "ServiceName");
        m.put(EventField.ENQUEUED, "Timestamp");
        m.put(EventField.STARTED, "Timestamp");
        m.put(EventField.FINISHED, "addNanoseconds(Timestamp, Duration)");
        m.put(EventField.STATUS, "multiIf(StatusCode IN ('Error', 'STATUS_CODE_ERROR'), 'failure', 'success')");
        m.put(EventField.ERROR, "StatusMessage");
        m.put(EventField.PARENT_CALL, "ParentSpanId");
        m.put(EventField.ROOT_CALL, "TraceId");
        return custom(database, table, m);
    }

    /**
     * A user's table, field label to column or expression (blank or missing for absent fields).
     *
     * @throws IllegalArgumentException with a sentence naming the field, when a field does not parse
     *                                  or a needed one is missing
     */
    public static EventSchema custom(String database, String table, Map<EventField, String> columns) {
        Map<EventField, EventExpr> f = new EnumMap<>(EventField.class);
        for (Map.Entry<EventField, String> e : columns.entrySet()) {
            if (e.getValue() != null && !e.getValue().isBlank()) {
                try {
                    f.put(e.getKey(), EventExpr.parse(e.getValue()));
                } catch (IllegalArgumentException ex) {
                    throw new IllegalArgumentException(e.getKey().title() + ": " + ex.getMessage(), ex);
                }
            }
        }
        return new EventSchema(database, table, f, false);
    }

    private void requireEnough() {
        List<String> missing = new ArrayList<>();
        if (!has(EventField.CALL)) {
            missing.add("a call id");
        }
        if (!has(EventField.FUNCTION)) {
            missing.add("a function id");
        }
        if (eventRows() && !has(EventField.EVENT_TIME)) {
            missing.add("an event time (each row is an event, as an event type is mapped)");
        }
        if (!eventRows() && !has(EventField.ENQUEUED) && !has(EventField.EVENT_TIME)) {
            missing.add("an enqueue time (or an event time)");
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("The events mapping needs " + String.join(", ", missing));
        }
    }

    public boolean canonical() {
        return canonical;
    }

    public String database() {
        return database;
    }

    public String table() {
        return table;
    }

    public String qualifiedTable() {
        return database + "." + table;
    }

    public Map<EventField, EventExpr> fields() {
        return fields;
    }

    public boolean has(EventField field) {
        return fields.containsKey(field);
    }

    public Optional<EventExpr> field(EventField field) {
        return Optional.ofNullable(fields.get(field));
    }

    /** True when each row is an event (an event type is mapped), false when each row is a call or attempt. */
    public boolean eventRows() {
        return canonical || has(EventField.EVENT_TYPE);
    }

    /**
     * True when call ids are Callscope's ULIDs, which start with their enqueue time: only then do
     * call-id ranges stand for time ranges, and may the summary table be used.
     */
    public boolean callscopeIds() {
        return canonical;
    }

    /**
     * True when containers' lives can be read: Callscope's {@code container_started} and {@code
     * container_stopped} events (rows with an empty call id) need an event type and a container.
     */
    public boolean containerLifetimes() {
        return canonical || has(EventField.EVENT_TYPE) && has(EventField.CONTAINER);
    }

    /** Why {@link #containerLifetimes()} is false, for the views that leave container lives out. */
    public String noContainerLifetimes() {
        return "Idle time is unavailable: " + qualifiedTable()
                + (has(EventField.EVENT_TYPE)
                        ? " has no container column"
                        : " has no container_started/container_stopped events (map an event type and a container)");
    }

    /**
     * The earliest start of a container (of the functions {@code where} names, a condition on
     * {@code function_id}) started before {@code {from}} and not stopped before it, else
     * {@code {from}}: a scalar subquery bounding the container events a range needs, however long
     * before it a container started. Container rows come first in each function's key.
     */
    public String containersAliveSince(String where) {
        String from = "{from:DateTime64(6, 'UTC')}";
        return "(SELECT ifNull(minOrNull(up), " + from
                + ") FROM (SELECT minIf(event_at, event_type = 'container_started') AS up, "
                + "countIf(event_type = 'container_stopped') > 0 AS stopped FROM " + relation()
                + " WHERE function_call_id = '' AND " + where + " AND event_at < " + from
                + " GROUP BY container_id HAVING countIf(event_type = 'container_started') > 0 AND NOT stopped))";
    }

    /**
     * A bound no event of {@code callId} is before: its enqueue time, which a Callscope call id
     * encodes (less a second of clock skew); a mapped table's ids say nothing, so the epoch. Bounding
     * {@code event_at} (or {@code enqueued_at}) by it lets the engine skip every earlier day's partition.
     */
    public Instant earliestEventOf(String callId) {
        if (!callscopeIds()) {
            return Instant.EPOCH;
        }
        try {
            return CallscopeIds.instantOf(callId).minusSeconds(1);
        } catch (IllegalArgumentException notOurs) {
            return Instant.EPOCH;
        }
    }

    /**
     * What to read instead of Callscope's events table: the table itself, or a subquery giving the
     * mapped rows Callscope's columns. Use it where SQL says {@code FROM <events table>}.
     */
    public String relation() {
        if (canonical) {
            return qualifiedTable();
        }
        StringBuilder inner = new StringBuilder("SELECT ");
        String sep = "";
        for (Map.Entry<EventField, EventExpr> f : fields.entrySet()) {
            // inner aliases differ from every canonical name, so a user's column called "status"
            // can be read by the status expression without meeting the alias
            inner.append(sep).append(f.getValue().sql()).append(" AS ").append(alias(f.getKey()));
            sep = ", ";
        }
        inner.append(" FROM ").append(qualifiedTable());
        Map<EventField, String> out = new EnumMap<>(EventField.class);
        for (EventField f : EventField.values()) {
            if (has(f)) {
                out.put(f, f.type().convert(alias(f)));
            }
        }
        String enqueued = out.getOrDefault(EventField.ENQUEUED, out.get(EventField.EVENT_TIME));
        String finished = out.getOrDefault(EventField.FINISHED, "CAST(NULL AS Nullable(DateTime64(6, 'UTC')))");
        String status = has(EventField.STATUS)
                ? "multiIf(lower(" + out.get(EventField.STATUS) + ") IN ('" + String.join("', '", STATUSES)
                        + "'), lower(" + out.get(EventField.STATUS) + "), " + out.get(EventField.STATUS)
                        + " = '', 'pending', 'unknown')"
                : "if(" + finished + " IS NULL, 'pending', 'unknown')";
        String from = "(" + inner + ")";
        if (!eventRows()) {
            // a row per call: unfold it into the events its stage times imply
            List<String> events = new ArrayList<>();
            events.add("('queued', toNullable(" + enqueued + "))");
            addEvent(events, "cold_start_begin", out.get(EventField.COLD_START_BEGAN));
            addEvent(events, "cold_start_end", out.get(EventField.COLD_START_ENDED));
            addEvent(events, "started", out.get(EventField.STARTED));
            addEvent(events, "finished", out.get(EventField.FINISHED));
            from += " ARRAY JOIN arrayFilter(e -> e.2 IS NOT NULL, [" + String.join(", ", events) + "]) AS _cs_ev";
            out.put(EventField.EVENT_TYPE, "_cs_ev.1");
            out.put(EventField.EVENT_TIME, "assumeNotNull(_cs_ev.2)");
            status = "if(_cs_ev.1 = 'finished', " + status + ", 'pending')";
        } else if (!has(EventField.ENQUEUED)) {
            // events without the call's enqueue time on each: the call's first event stands for it
            enqueued =
                    "min(" + out.get(EventField.EVENT_TIME) + ") OVER (PARTITION BY " + out.get(EventField.CALL) + ")";
        }
        String coldBegan =
                out.getOrDefault(EventField.COLD_START_BEGAN, "CAST(NULL AS Nullable(DateTime64(6, 'UTC')))");
        List<String> cols = new ArrayList<>();
        cols.add(out.get(EventField.FUNCTION) + " AS function_id");
        cols.add(out.get(EventField.CALL) + " AS function_call_id");
        cols.add(out.get(EventField.EVENT_TIME) + " AS event_at");
        cols.add(out.get(EventField.EVENT_TYPE) + " AS event_type");
        cols.add(out.getOrDefault(EventField.APP, "''") + " AS app_id");
        cols.add(out.getOrDefault(EventField.APP, "''") + " AS app_name");
        cols.add(out.getOrDefault(EventField.FUNCTION_NAME, out.get(EventField.FUNCTION)) + " AS function_name");
        cols.add(out.getOrDefault(EventField.ATTEMPT, "toUInt16(1)") + " AS attempt");
        cols.add(out.getOrDefault(EventField.CONTAINER, "''") + " AS container_id");
        cols.add(out.getOrDefault(EventField.COLD_START, coldBegan + " IS NOT NULL") + " AS is_cold_start");
        cols.add(enqueued + " AS enqueued_at");
        cols.add(coldBegan + " AS cold_start_began_at");
        cols.add(out.getOrDefault(EventField.COLD_START_ENDED, "CAST(NULL AS Nullable(DateTime64(6, 'UTC')))")
                + " AS cold_start_ended_at");
        cols.add(out.getOrDefault(EventField.STARTED, "CAST(NULL AS Nullable(DateTime64(6, 'UTC')))")
                + " AS started_at");
        cols.add(finished + " AS finished_at");
        cols.add(status + " AS status");
        cols.add(out.getOrDefault(EventField.GPU_TYPE, "''") + " AS gpu_type");
        cols.add(out.getOrDefault(EventField.GPU_COUNT, "toUInt8(0)") + " AS gpu_count");
        cols.add(out.getOrDefault(EventField.CPU_CORES, "toFloat32(0)") + " AS cpu_cores");
        cols.add(out.getOrDefault(EventField.MEMORY_MIB, "toUInt32(0)") + " AS memory_mib");
        cols.add(out.getOrDefault(EventField.ERROR, "''") + " AS error");
        cols.add(out.get(EventField.EVENT_TIME) + " AS ingested_at");
        cols.add(out.getOrDefault(EventField.PARENT_CALL, "''") + " AS parent_call_id");
        cols.add(out.getOrDefault(EventField.ROOT_CALL, "''") + " AS root_call_id");
        cols.add(out.getOrDefault(EventField.BATCH, "''") + " AS batch_id");
        cols.add(out.getOrDefault(EventField.INPUT_INDEX, "toUInt32(0)") + " AS input_index");
        return "(SELECT " + String.join(", ", cols) + " FROM " + from + ")";
    }

    private static void addEvent(List<String> events, String type, String time) {
        if (time != null) {
            events.add("('" + type + "', " + time + ")");
        }
    }

    /** The inner name of a mapped field's raw value. */
    static String alias(EventField f) {
        return "_cs_" + f.label();
    }

    /**
     * Why {@code view} cannot be shown on this mapping, or empty when it can. Each view needs the
     * fields its numbers come from: nothing is shown that the table cannot honestly give.
     */
    public Optional<String> unavailable(CallView view) {
        if (canonical) {
            return Optional.empty();
        }
        List<EventField> needs = switch (view) {
            case TIMELINE -> List.of();
            case PERFORMANCE -> List.of(EventField.STARTED, EventField.FINISHED);
            case FUNCTIONS -> List.of(EventField.STARTED, EventField.FINISHED, EventField.STATUS);
            case COST -> List.of(EventField.STARTED, EventField.FINISHED);
            case CALL_GRAPH -> List.of(EventField.PARENT_CALL, EventField.ROOT_CALL);
            case BATCHES -> List.of(EventField.BATCH, EventField.INPUT_INDEX, EventField.STARTED, EventField.FINISHED);
        };
        List<String> lacking = needs.stream()
                .filter(f -> !has(f))
                .map(f -> switch (f) {
                    case STARTED -> "a start time";
                    case FINISHED -> "a finish time";
                    default -> ("aeiou".indexOf(f.title().charAt(0)) >= 0 ? "an " : "a ") + f.title();
                })
                .toList();
        if (!lacking.isEmpty()) {
            return Optional.of(view.title() + " needs " + String.join(" and ", lacking) + ", which the events mapping ("
                    + qualifiedTable() + ") does not have: " + view.because() + ". Map "
                    + (lacking.size() > 1 ? "them" : "it") + " under Events in Connections…");
        }
        if (view == CallView.COST
                && !has(EventField.GPU_COUNT)
                && !has(EventField.CPU_CORES)
                && !has(EventField.MEMORY_MIB)) {
            return Optional.of(
                    "Cost needs what calls ran on (GPU count, CPU cores or memory), which the events mapping ("
                            + qualifiedTable()
                            + ") does not have: there is nothing to price. Map them under Events in Connections…");
        }
        return Optional.empty();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EventSchema s
                && s.canonical == canonical
                && s.database.equals(database)
                && s.table.equals(table)
                && s.fields.equals(fields);
    }

    @Override
    public int hashCode() {
        return qualifiedTable().hashCode();
    }

    @Override
    public String toString() {
        return canonical
                ? "EventSchema[" + qualifiedTable() + "]"
                : "EventSchema[" + qualifiedTable() + " " + fields + "]";
    }
}
