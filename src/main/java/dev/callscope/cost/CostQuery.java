package dev.callscope.cost;

import dev.callscope.calls.AttemptRows;
import dev.callscope.calls.EventSchema;
import dev.callscope.calls.FunctionDirectory;
import dev.callscope.calls.NoFinishEvent;
import dev.callscope.engine.Query;
import dev.callscope.engine.QueryExecutor;
import dev.callscope.engine.SqlPart;
import dev.callscope.ids.CallscopeIds;
import dev.callscope.time.TimeRange;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What functions cost, from the same attempts every view reads. Billable time is an attempt's cold
 * start (its container was starting for it) and its run; queue time is free. Time is billed on the
 * day it was used, clipped to the range, so an attempt running across midnight is split. Idle time
 * is a container's life (from its cold start to its stop) minus the attempts it served: what keeping
 * containers warm between calls costs.
 */
public final class CostQuery {

    /**
     * How long an attempt with no finish event is billed at most after it began (the rule every
     * view shares, {@link NoFinishEvent}); never past the newest event of the data either.
     */
    public static final Duration MAX_OPEN = NoFinishEvent.MAX_OPEN;

    private final EventSchema schema;

    public CostQuery(String database) {
        this(EventSchema.canonical(database));
    }

    public CostQuery(EventSchema schema) {
        this.schema = schema;
    }

    /**
     * False when the events do not record containers' lives (a mapped table without container
     * events): idle time is then left out (zero), and {@link EventSchema#noContainerLifetimes} says why.
     */
    public boolean hasIdleTime() {
        return schema.containerLifetimes();
    }

    /** Cost per function per day over {@code range}, for {@code functionIds} (all when empty), days in order. */
    public List<CostRow> byDay(QueryExecutor engine, TimeRange range, List<String> functionIds, Prices prices) {
        AttemptRows attempts = AttemptRows.of(engine, schema);
        FunctionDirectory.Names names = attempts.functionNames(engine);
        Map<String, double[]> alive = new HashMap<>();
        if (hasIdleTime()) {
            engine.query(bind(containersQuery(functionIds), range, functionIds), rows -> {
                while (rows.next()) {
                    alive.put(rows.getString(1) + "/" + rows.getLong(2), new double[] {rows.getDouble(3)});
                }
                return null;
            });
        }
        List<CostRow> out = new ArrayList<>();
        engine.query(usageQuery(attempts, range, functionIds, prices), rows -> {
            while (rows.next()) {
                String fn = rows.getString(1);
                long dayNumber = rows.getLong(2);
                FunctionDirectory.Named n = names.get(fn);
                double cold = rows.getDouble(5);
                double run = rows.getDouble(6);
                double price = rows.getDouble(13);
                double[] a = alive.remove(fn + "/" + dayNumber);
                // attempts on containers whose start was never recorded make the difference negative: never below zero
                double idle = a == null ? 0 : Math.max(0, a[0] - cold - run);
                out.add(new CostRow(
                        LocalDate.ofEpochDay(dayNumber),
                        fn,
                        n.name(),
                        n.app(),
                        rows.getString(12),
                        rows.getLong(3),
                        rows.getLong(4),
                        cold,
                        run,
                        rows.getDouble(7),
                        rows.getDouble(8),
                        rows.getDouble(9),
                        rows.getDouble(10),
                        rows.getDouble(11),
                        idle,
                        idle * price,
                        rows.getLong(14)));
            }
            return null;
        });
        // a container kept warm on a day its function ran nothing (past midnight after the last
        // call) is idle all that time: where money leaks, so it gets a row of its own
        if (!alive.isEmpty()) {
            Map<String, Double> pricePerSecond = pricePerSecond(engine, attempts, out, alive.keySet(), prices);
            for (Map.Entry<String, double[]> e : alive.entrySet()) {
                String fn = e.getKey().substring(0, e.getKey().lastIndexOf('/'));
                long dayNumber = Long.parseLong(e.getKey().substring(e.getKey().lastIndexOf('/') + 1));
                FunctionDirectory.Named n = names.get(fn);
                double idle = e.getValue()[0];
                out.add(new CostRow(
                        LocalDate.ofEpochDay(dayNumber),
                        fn,
                        n.name(),
                        n.app(),
                        n.gpu(),
                        0,
                        0,
                        0,
                        0,
                        0,
                        0,
                        0,
                        0,
                        0,
                        idle,
                        idle * pricePerSecond.getOrDefault(fn, 0.0),
                        0));
            }
        }
        out.sort(Comparator.comparing(CostRow::day).thenComparing(CostRow::functionId));
        return out;
    }

    /**
     * What a second of each function's container costs, for idle days: from its attempts in the
     * range when it had some, else from the resources its attempts ever reserved.
     */
    private Map<String, Double> pricePerSecond(
            QueryExecutor engine, AttemptRows attempts, List<CostRow> used, Set<String> idleKeys, Prices prices) {
        Map<String, Double> out = new HashMap<>();
        for (CostRow r : used) {
            double seconds = r.coldSeconds() + r.runSeconds();
            if (seconds > 0) {
                out.putIfAbsent(r.functionId(), r.cost() / seconds);
            }
        }
        List<String> missing = idleKeys.stream()
                .map(k -> k.substring(0, k.lastIndexOf('/')))
                .distinct()
                .filter(fn -> !out.containsKey(fn))
                .toList();
        if (missing.isEmpty()) {
            return out;
        }
        String table = attempts.summarized() ? attempts.summaryTable() : schema.relation();
        engine.query(
                Query.of("SELECT function_id, max(gpu_type), max(gpu_count), max(cpu_cores), max(memory_mib) FROM "
                                + table + " WHERE function_id IN {fns:Array(String)} GROUP BY function_id")
                        .bind("fns", missing),
                rows -> {
                    while (rows.next()) {
                        out.put(
                                rows.getString(1),
                                prices.perSecond(
                                        rows.getString(2), rows.getInt(3), rows.getDouble(4), rows.getLong(5)));
                    }
                    return null;
                });
        return out;
    }

    /**
     * What the calls with ids in {@code [fromCallId, toCallId]} cost, one row per function (no day,
     * most expensive first): every attempt of those calls whole, wherever its time fell. Idle time
     * belongs to containers, not calls, so it is zero here. Ids must be valid call ids.
     */
    public List<CostRow> forCalls(QueryExecutor engine, String fromCallId, String toCallId, Prices prices) {
        requireCallIds(List.of(fromCallId, toCallId));
        String lo = fromCallId.compareTo(toCallId) <= 0 ? fromCallId : toCallId;
        String hi = lo.equals(fromCallId) ? toCallId : fromCallId;
        return calls(engine, between(lo, hi), lo, prices);
    }

    /** The same for a set of calls (the Timeline's calls in view); bounded by its smallest and largest id. */
    public List<CostRow> forCallList(QueryExecutor engine, List<String> callIds, Prices prices) {
        if (callIds.isEmpty()) {
            return List.of();
        }
        requireCallIds(callIds);
        String lo = callIds.stream().min(String::compareTo).orElseThrow();
        String hi = callIds.stream().max(String::compareTo).orElseThrow();
        return calls(
                engine,
                SqlPart.format("%s AND function_call_id IN %s", between(lo, hi), SqlPart.strings("ids", callIds)),
                lo,
                prices);
    }

    private static SqlPart between(String lo, String hi) {
        return SqlPart.format("function_call_id BETWEEN %s AND %s", SqlPart.string("lo", lo), SqlPart.string("hi", hi));
    }

    private void requireCallIds(List<String> ids) {
        if (!schema.callscopeIds()) {
            return; // a mapped table's ids are the user's own: any text, compared as text
        }
        for (String id : ids) {
            if (!CallscopeIds.isValid(CallscopeIds.Kind.CALL, id)) {
                throw new IllegalArgumentException("Not a call id: " + id);
            }
        }
    }

    private List<CostRow> calls(QueryExecutor engine, SqlPart where, String lo, Prices prices) {
        AttemptRows attempts = AttemptRows.of(engine, schema);
        FunctionDirectory.Names names = attempts.functionNames(engine);
        List<String> types = prices.gpuTypes();
        // Callscope's ids tell when the first call was enqueued, which skips older partitions
        Instant since = schema.callscopeIds() ? CallscopeIds.instantOf(lo) : Instant.EPOCH;
        Query q = SqlPart.format(CostSql.CALLS, attempts.select(where, SqlPart.time("since", since)))
                .query()
                .bind("gpu_types", types)
                .bind("gpu_prices", prices.gpuPrices(types))
                .bind("cpu_price", prices.cpuCorePerSecond())
                .bind("mem_price", prices.memoryGibPerSecond());
        List<CostRow> out = new ArrayList<>();
        engine.query(q, rows -> {
            while (rows.next()) {
                String fn = rows.getString(1);
                FunctionDirectory.Named n = names.get(fn);
                out.add(new CostRow(
                        null,
                        fn,
                        n.name(),
                        n.app(),
                        rows.getString(11),
                        rows.getLong(2),
                        rows.getLong(3),
                        rows.getDouble(4),
                        rows.getDouble(5),
                        rows.getDouble(6),
                        rows.getDouble(7),
                        rows.getDouble(8),
                        rows.getDouble(9),
                        rows.getDouble(10),
                        0,
                        0,
                        0));
            }
            return null;
        });
        out.sort(Comparator.comparingDouble(CostRow::cost).reversed());
        return out;
    }

    /** The usage SQL {@link #byDay} runs, for the benchmark. */
    public Query usageQuery(AttemptRows attempts, TimeRange range, List<String> functionIds, Prices prices) {
        SqlPart functions = functionIds.isEmpty()
                ? SqlPart.of("1")
                : SqlPart.format("function_id IN %s", SqlPart.strings("fns", functionIds));
        // every attempt still unfinished at the range's start, however long before it it was enqueued
        SqlPart since = attempts.activeSince(functions, range.from());
        SqlPart where = SqlPart.format("%s AND %s", attempts.enqueuedUntil(range.to(), since), functions);
        List<String> types = prices.gpuTypes();
        Query q = SqlPart.format(
                        CostSql.USAGE.replace("NEWEST_US", newestEvent()),
                        attempts.select(where, since),
                        CostSql.DAYS.formatted(
                                "b0",
                                "b1",
                                "if(f >= FROM_US AND f < TO_US, f, 0)"
                                        .replace("FROM_US", CostSql.FROM_US)
                                        .replace("TO_US", CostSql.TO_US)),
                        CostSql.OVERLAP.formatted("c0", "c1"),
                        CostSql.OVERLAP.formatted("s0", "s1"),
                        CostSql.DAY_BOUNDS)
                .query()
                .bind("gpu_types", types)
                .bind("gpu_prices", prices.gpuPrices(types))
                .bind("cpu_price", prices.cpuCorePerSecond())
                .bind("mem_price", prices.memoryGibPerSecond());
        return bind(q, range, functionIds);
    }

    /**
     * The newest event's time, Int64 microseconds; the range's end when there are no events. Plain
     * max and count (not maxOrNull) let ClickHouse answer from each part's min/max of the partition
     * key's column (18 rows read, not 50M, at full scale); a mapped table is read whole for it.
     */
    private String newestEvent() {
        return "toUnixTimestamp64Micro(coalesce((SELECT if(count() = 0, NULL, max(event_at)) FROM " + schema.relation()
                + "), {to:DateTime64(6, 'UTC')}))";
    }

    private Query containersQuery(List<String> functionIds) {
        // containers alive at the range's start, however long before it they started
        String since = schema.containersAliveSince(functionIds.isEmpty() ? "1" : "function_id IN {fns:Array(String)}");
        return Query.of(CostSql.CONTAINERS.formatted(
                CostSql.OVERLAP.formatted("up", "down"),
                schema.relation(),
                functionIds.isEmpty() ? "" : "AND function_id IN {fns:Array(String)}",
                CostSql.DAYS.formatted("up", "down", "0"),
                CostSql.DAY_BOUNDS,
                since));
    }

    private static Query bind(Query q, TimeRange range, List<String> functionIds) {
        Query b = q.bind("from", range.from()).bind("to", range.to());
        return functionIds.isEmpty() ? b : b.bind("fns", functionIds);
    }

    /** Days summed per function, most expensive first. */
    public static List<CostRow> byFunction(List<CostRow> days) {
        Map<String, CostRow> sums = new LinkedHashMap<>();
        for (CostRow d : days) {
            sums.merge(
                    d.functionId(),
                    d.as(d.functionId(), d.functionName(), d.appName(), d.gpuType())
                            .plusDayless(),
                    CostRow::plus);
        }
        List<CostRow> out = new ArrayList<>(sums.values());
        out.sort(Comparator.comparingDouble((CostRow r) -> r.cost() + r.idleCost())
                .reversed());
        return out;
    }

    /** Functions summed per app, most expensive first. */
    public static List<CostRow> byApp(List<CostRow> functions) {
        Map<String, CostRow> sums = new LinkedHashMap<>();
        for (CostRow f : functions) {
            sums.merge(
                    f.appName(), f.as(f.appName(), f.appName(), f.appName(), "").plusDayless(), CostRow::plus);
        }
        List<CostRow> out = new ArrayList<>(sums.values());
        out.sort(Comparator.comparingDouble((CostRow r) -> r.cost() + r.idleCost())
                .reversed());
        return out;
    }

    /** Everything summed into one row (the table's total line). */
    public static CostRow total(List<CostRow> rows) {
        CostRow t = new CostRow(null, "", "Total", "", "", 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
        for (CostRow r : rows) {
            t = t.plus(r).as("", "Total", "", "");
        }
        return t;
    }
}
