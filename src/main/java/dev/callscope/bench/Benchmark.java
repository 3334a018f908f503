package dev.callscope.bench;

import dev.callscope.calls.EventSchema;
import dev.callscope.engine.Engine;
import dev.callscope.engine.Query;
import dev.callscope.engine.QueryResult;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Runs each view query repeatedly and reports, per query, the p50/p90 of the time the application
 * waits (engine call + decoding every row) beside the engine's own elapsed time for the same SQL in
 * the same run, so the application's overhead is a measured ratio rather than a guess.
 */
public final class Benchmark {

    /** One query's measurements, in milliseconds; {@code coldMs} is the first run after dropping caches. */
    public record Result(
            String name,
            String target,
            double coldMs,
            double appP50,
            double appP90,
            double engineP50,
            double engineP90,
            long rowsRead,
            long bytesRead,
            long resultRows,
            String ours) {}

    private final Engine engine;
    private final String database;
    private final int warmups;
    private final int runs;

    public Benchmark(Engine engine, String database, int warmups, int runs) {
        this.engine = engine;
        this.database = database;
        this.warmups = warmups;
        this.runs = runs;
    }

    public List<Result> run(PrintWriter progress) {
        return run(progress, "");
    }

    /** Runs the queries whose name contains {@code only} (case-insensitive; empty for all). */
    public List<Result> run(PrintWriter progress, String only) {
        return run(progress, only, false);
    }

    /** As {@link #run(PrintWriter, String)}; with {@code showSql}, each query's SQL, parameters and settings go to {@code progress}. */
    public List<Result> run(PrintWriter progress, String only, boolean showSql) {
        List<Result> results = new ArrayList<>();
        BenchContext context = BenchContext.of(engine, database);
        String filter = only.toLowerCase(Locale.ROOT);
        for (BenchQuery q : BenchQueries.all()) {
            if (!q.name().toLowerCase(Locale.ROOT).contains(filter)
                    || (q.readsLogs() && !context.hasLogs())
                    || q.build().apply(context) == null) {
                continue; // not asked for, or a layout the data directory lacks (bench --user-table adds it)
            }
            progress.printf("  %s …%n", q.name());
            if (showSql) {
                Query query = q.build().apply(context);
                query.params().forEach((k, v) -> progress.printf("-- param %s = %s%n", k, v));
                query.settings().forEach((k, v) -> progress.printf("-- setting %s = %s%n", k, v));
                progress.println(query.sql());
            }
            progress.flush();
            results.add(measure(q, context));
        }
        return results;
    }

    /**
     * A user's own table through its mapping: the user-table queries only, the accelerated ones
     * when {@code callscope accelerate} has made its summary.
     */
    public List<Result> runMapped(EventSchema mapping, PrintWriter progress, String only) {
        BenchContext context = BenchContext.ofMapping(engine, mapping);
        boolean accelerated = context.user().accelerated().summarized();
        List<Result> results = new ArrayList<>();
        for (BenchQuery q : BenchQueries.userTable()) {
            if (!q.name().toLowerCase(Locale.ROOT).contains(only.toLowerCase(Locale.ROOT))
                    || (q.name().endsWith("accelerated") && !accelerated)) {
                continue;
            }
            progress.printf("  %s …%n", q.name());
            progress.flush();
            results.add(measure(q, context));
        }
        return results;
    }

    private Result measure(BenchQuery q, BenchContext context) {
        ColdCaches.drop(engine);
        long coldStart = System.nanoTime();
        execute(q.build().apply(context));
        double cold = (System.nanoTime() - coldStart) / 1e6;
        for (int i = 0; i < warmups; i++) {
            execute(q.build().apply(context));
        }
        double[] app = new double[runs];
        double[] engineMs = new double[runs];
        QueryResult<Long> last = null;
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            last = execute(q.build().apply(context));
            app[i] = (System.nanoTime() - start) / 1e6;
            engineMs[i] = last.stats().elapsed().toNanos() / 1e6;
        }
        return new Result(
                q.name(),
                q.target(),
                cold,
                Stats.percentile(app, 0.5),
                Stats.percentile(app, 0.9),
                Stats.percentile(engineMs, 0.5),
                Stats.percentile(engineMs, 0.9),
                last.stats().rowsRead(),
                last.stats().bytesRead(),
                last.value(),
                q.ours());
    }

    /** Decodes every value of every row, as a view would. */
    private QueryResult<Long> execute(Query query) {
        return engine.query(query, rows -> {
            int columns = rows.columnNames().size();
            long n = 0;
            while (rows.next()) {
                for (int c = 1; c <= columns; c++) {
                    rows.getObject(c);
                }
                n++;
            }
            return n;
        });
    }

    /** Whether cold runs start with an empty OS page cache (root on Linux), not just empty engine caches. */
    public static boolean osPageCacheDroppable() {
        return ColdCaches.osPageCacheDroppable();
    }

    /** The results as a Markdown table for docs/BENCHMARKS.md. */
    public static String markdown(List<Result> results) {
        StringBuilder sb = new StringBuilder();
        sb.append(
                "| query | target | cold ms | app p50 ms | app p90 ms | engine p50 ms | engine p90 ms | app/engine (p50) | rows read | MB read | result rows |\n");
        sb.append("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Result r : results) {
            if (r.ours() != null) {
                continue;
            }
            sb.append(String.format(
                    Locale.ROOT,
                    "| %s | %s | %.1f | %.1f | %.1f | %.1f | %.1f | %.2f | %,d | %,.1f | %,d |%n",
                    r.name(),
                    r.target(),
                    r.coldMs(),
                    r.appP50(),
                    r.appP90(),
                    r.engineP50(),
                    r.engineP90(),
                    r.engineP50() > 0 ? r.appP50() / r.engineP50() : Double.NaN,
                    r.rowsRead(),
                    r.bytesRead() / 1e6,
                    r.resultRows()));
        }
        List<Result> peers = results.stream().filter(r -> r.ours() != null).toList();
        if (!peers.isEmpty()) {
            sb.append("\nThe same questions as the peers ask them, in the same run:\n\n");
            sb.append(
                    "| peer's query | its app p50 ms | Callscope's query | app p50 ms | peer / Callscope |\n|---|---:|---|---:|---:|\n");
            for (Result p : peers) {
                Result ours = results.stream()
                        .filter(r -> r.name().equals(p.ours()))
                        .findFirst()
                        .orElse(null);
                sb.append(String.format(
                        Locale.ROOT,
                        "| %s | %.1f | %s | %s | %s |%n",
                        p.name(),
                        p.appP50(),
                        p.ours(),
                        ours == null ? "(not run)" : String.format(Locale.ROOT, "%.1f", ours.appP50()),
                        ours == null ? "—" : String.format(Locale.ROOT, "%.1fx", p.appP50() / ours.appP50())));
            }
        }
        return sb.toString();
    }
}
