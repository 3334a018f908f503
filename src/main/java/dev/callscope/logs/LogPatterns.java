package dev.callscope.logs;

import dev.callscope.engine.Query;
import dev.callscope.engine.QueryExecutor;
import dev.callscope.engine.QueryResult;
import dev.callscope.logs.search.SearchExpr;
import dev.callscope.logs.search.SqlCondition;
import dev.callscope.time.TimeRange;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Every line matching a search, grouped by pattern ({@code schema.PatternRules}), counted in
 * ClickHouse over the whole range, not a sample: the counts sum to the search's total. The range
 * is read in windows, newest first, and the patterns so far are handed on after each, so the
 * newest come back before the whole range is read and a superseded search can stop early. Then
 * the previous period of the same length is counted, so each pattern says how it changed.
 */
public final class LogPatterns {

    /** Windows a range is read in (newest first); a pattern's sparkline has {@link #BUCKETS} buckets. */
    static final int WINDOWS = 4;

    public static final int BUCKETS = 48;

    private final LogSearch search;

    public LogPatterns(LogSearch search) {
        this.search = search;
    }

    /**
     * One kind of line.
     *
     * @param previous matches in the previous period of the same length, or -1 until counted
     * @param trend    matches per bucket of {@link Result#step} from the range's start
     * @param levels    the levels it was logged at
     * @param functions the function ids that logged it
     */
    public record Pattern(
            String text,
            long count,
            long previous,
            Instant firstSeen,
            Instant lastSeen,
            List<String> levels,
            List<String> functions,
            long[] trend) {

        /** New in this range: not seen in the previous period (once that is counted). */
        public boolean isNew() {
            return previous == 0;
        }

        /** Matches more (or fewer) than in the previous period; 0 until that is counted. */
        public long change() {
            return previous < 0 ? 0 : count - previous;
        }
    }

    /**
     * @param total    every match in the part of the range read so far (the patterns' counts sum to it)
     * @param readFrom how far back the range is read: its start once complete
     * @param complete whether the whole range and the previous period are read
     * @param previousTotal matches in the previous period of the same length (-1 until counted)
     */
    public record Result(
            List<Pattern> patterns,
            long total,
            TimeRange range,
            Instant bucketStart,
            Duration step,
            Instant readFrom,
            boolean complete,
            long rowsRead,
            long previousTotal) {}

    /** The patterns of {@code expr}'s matches in {@code range}, most frequent first; {@code partial} (may be null) gets each step. */
    public Result patterns(QueryExecutor engine, SearchExpr expr, TimeRange range, Consumer<Result> partial) {
        SqlCondition filter = search.condition(expr);
        Duration step = bucketStep(range);
        Instant bucketStart = bucketStart(range, step);
        long toSecond = range.to().getEpochSecond() + (range.to().getNano() == 0 ? 0 : 1);
        int buckets =
                (int) Math.max(1, (toSecond - bucketStart.getEpochSecond() + step.toSeconds() - 1) / step.toSeconds());
        Map<String, Acc> byText = new HashMap<>();
        long rowsRead = 0;
        List<TimeRange> windows = windows(range);
        Instant readFrom = range.to();
        for (TimeRange w : windows) {
            QueryResult<Void> r = engine.query(windowQuery(filter, w, bucketStart, step), rows -> {
                while (rows.next()) {
                    byText.computeIfAbsent(rows.getString(1), t -> new Acc(t, buckets))
                            .add(
                                    rows.getLong(2),
                                    rows.getList(3),
                                    rows.getList(8),
                                    rows.getInstant(4),
                                    rows.getInstant(5),
                                    rows.getList(6),
                                    rows.getList(7));
                }
                return null;
            });
            rowsRead += Math.max(0, r.stats().rowsRead());
            readFrom = w.from();
            if (partial != null && w != windows.getLast()) {
                partial.accept(result(byText, range, bucketStart, step, readFrom, false, rowsRead, null));
            }
        }
        TimeRange before = new TimeRange(range.from().minus(range.duration()), range.from());
        Map<String, Long> previous = new HashMap<>();
        QueryResult<Void> r = engine.query(countQuery(filter, before), rows -> {
            while (rows.next()) {
                previous.put(rows.getString(1), rows.getLong(2));
            }
            return null;
        });
        rowsRead += Math.max(0, r.stats().rowsRead());
        return result(byText, range, bucketStart, step, range.from(), true, rowsRead, previous);
    }

    private static Result result(
            Map<String, Acc> byText,
            TimeRange range,
            Instant bucketStart,
            Duration step,
            Instant readFrom,
            boolean complete,
            long rowsRead,
            Map<String, Long> previous) {
        List<Pattern> out = new ArrayList<>(byText.size());
        long total = 0;
        for (Acc a : byText.values()) {
            out.add(a.pattern(previous == null ? -1 : previous.getOrDefault(a.text, 0L)));
            total += a.count;
        }
        out.sort(Comparator.comparingLong(Pattern::count).reversed().thenComparing(Pattern::text));
        long before = previous == null
                ? -1
                : previous.values().stream().mapToLong(Long::longValue).sum();
        return new Result(List.copyOf(out), total, range, bucketStart, step, readFrom, complete, rowsRead, before);
    }

    /** One window over all of {@code range}, as the benchmark times it (the view reads the range in {@link #WINDOWS}). */
    public Query queryForBench(SearchExpr expr, TimeRange range) {
        Duration step = bucketStep(range);
        Instant bucketStart = bucketStart(range, step);
        return windowQuery(search.condition(expr), range, bucketStart, step);
    }

    /** The search term that finds exactly the lines of pattern {@code text}: {@code pattern:"…"}, quoted as the language reads it. */
    public static String searchTerm(String text) {
        return "pattern:\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /** The range cut into {@link #WINDOWS} windows on whole seconds, newest first. */
    static List<TimeRange> windows(TimeRange range) {
        List<TimeRange> out = new ArrayList<>();
        long span = Math.max(1, range.duration().toSeconds() / WINDOWS);
        Instant upper = range.to();
        for (int i = 1; i < WINDOWS && upper.isAfter(range.from()); i++) {
            Instant cut = Instant.ofEpochSecond(range.to().getEpochSecond() - span * i);
            if (!cut.isAfter(range.from()) || !cut.isBefore(upper)) {
                break;
            }
            out.add(new TimeRange(cut, upper));
            upper = cut;
        }
        out.add(new TimeRange(range.from(), upper));
        return out;
    }

    /** The first bucket's start: the range's start rounded down to the step, from the epoch. */
    private static Instant bucketStart(TimeRange range, Duration step) {
        return Instant.ofEpochSecond(Math.floorDiv(range.from().getEpochSecond(), step.toSeconds()) * step.toSeconds());
    }

    /** Whole seconds, so the buckets can be read from the seconds column; about {@link #BUCKETS} of them. */
    static Duration bucketStep(TimeRange range) {
        return Duration.ofSeconds(Math.max(1, (range.duration().toSeconds() + BUCKETS - 1) / BUCKETS));
    }

    /**
     * Per pattern and bucket in one window: matches, first and last seen, levels and functions.
     * Whole seconds from the seconds column when there is one (it reads 8x faster than the time),
     * the window's partial first and last seconds from the time, as the histogram does.
     */
    Query windowQuery(SqlCondition filter, TimeRange w, Instant bucketStart, Duration step) {
        LogSchema schema = search.schema();
        String level = schema.has(LogField.LEVEL) ? "toString(" + schema.sql(LogField.LEVEL) + ")" : "''";
        String function = schema.has(LogField.FUNCTION) ? "toString(" + schema.sql(LogField.FUNCTION) + ")" : "''";
        String part = """
                SELECT %1$s AS callscope_pattern, intDiv(toUnixTimestamp(%2$s) - {start:Int64}, {step:UInt32}) AS callscope_bucket,
                       count() AS n, min(toDateTime64(%2$s, 6, 'UTC')) AS first, max(toDateTime64(%2$s, 6, 'UTC')) AS last,
                       groupUniqArray(16)(%3$s) AS levels, groupUniqArray(100)(%4$s) AS fns
                FROM %5$s WHERE (%6$s) AND (%7$s)
                GROUP BY callscope_pattern, callscope_bucket""";
        Query q = search.bySeconds(
                w,
                (column, within) -> part.formatted(
                        search.patternSql(), column, level, function, search.table(), within, filter.sql()),
                LogPatterns::outer);
        q = q.bind("start", bucketStart.getEpochSecond())
                .bind("step", step.toSeconds())
                .bind("lo", w.from())
                .bind("hi", w.to());
        return filter.bindTo(q);
    }

    /** One row per pattern: its buckets as arrays, so a long tail of rare patterns costs a row each. */
    private static String outer(String parts) {
        return """
                SELECT callscope_pattern, sum(n), groupArray(callscope_bucket), min(first), max(last),
                       arrayDistinct(arrayFlatten(groupArray(levels))), arrayDistinct(arrayFlatten(groupArray(fns))),
                       groupArray(n)
                FROM (%s) GROUP BY callscope_pattern""".formatted(parts);
    }

    /** Matches per pattern in {@code range}, for the previous period. */
    Query countQuery(SqlCondition filter, TimeRange range) {
        String time = search.time();
        Query q = Query.of("SELECT " + search.patternSql() + " AS callscope_pattern, count() FROM " + search.table()
                        + " WHERE " + time + " >= {lo:DateTime64(6, 'UTC')} AND " + time
                        + " < {hi:DateTime64(6, 'UTC')} AND ("
                        + filter.sql() + ") GROUP BY callscope_pattern")
                .bind("lo", range.from())
                .bind("hi", range.to());
        return filter.bindTo(q);
    }

    /** One pattern's numbers summed over windows. */
    private static final class Acc {
        final String text;
        long count;
        Instant first;
        Instant last;
        final LinkedHashSet<String> levels = new LinkedHashSet<>();
        final LinkedHashSet<String> functions = new LinkedHashSet<>();
        final long[] trend;

        Acc(String text, int buckets) {
            this.text = text;
            this.trend = new long[buckets];
        }

        void add(long n, List<?> buckets, List<?> counts, Instant f, Instant l, List<?> lv, List<?> fns) {
            count += n;
            for (int i = 0; i < buckets.size(); i++) {
                int b = ((Number) buckets.get(i)).intValue();
                if (b >= 0 && b < trend.length) {
                    trend[b] += ((Number) counts.get(i)).longValue();
                }
            }
            first = first == null || f.isBefore(first) ? f : first;
            last = last == null || l.isAfter(last) ? l : last;
            lv.forEach(v -> levels.add(String.valueOf(v)));
            fns.forEach(v -> functions.add(String.valueOf(v)));
        }

        Pattern pattern(long previous) {
            return new Pattern(
                    text, count, previous, first, last, List.copyOf(levels), List.copyOf(functions), trend.clone());
        }
    }
}
