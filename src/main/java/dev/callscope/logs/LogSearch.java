package dev.callscope.logs;

import dev.callscope.engine.Query;
import dev.callscope.engine.QueryExecutor;
import dev.callscope.engine.QueryResult;
import dev.callscope.engine.RowCursor;
import dev.callscope.logs.search.SearchExpr;
import dev.callscope.logs.search.SearchSql;
import dev.callscope.logs.search.SqlCondition;
import dev.callscope.logs.search.TextStrategy;
import dev.callscope.schema.PatternRules;
import dev.callscope.time.TimeRange;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.BinaryOperator;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * The queries behind the Logs tab: pages of matches newest first (keyset-paged, searched in
 * growing time windows so the newest matches come back before the whole range is scanned), the
 * match histogram over the whole range, new lines for live tail, and a line's context.
 * Every method takes the {@link QueryExecutor} to run on, so a view can cancel all of a search.
 */
public final class LogSearch {

    /** The tiebreak's alias, unlikely to be a user's column name (an alias would shadow it). */
    private static final String TIEBREAK = "callscope_tiebreak";
    /** The first window a page searches; each next window is four times longer. */
    static final Duration FIRST_WINDOW = Duration.ofMinutes(15);

    private final LogSchema schema;
    private final TextStrategy strategy;
    /** The selected columns, in {@link #readLines} order; absent fields read as ''. */
    private final String columns;
    /** The time lines are ordered and paged by (see {@link LogSchema#timeKey}). */
    private final String key;
    /** The time column as stored, for range conditions the table's sort key can use. */
    private final String time;

    private final String table;
    /** The time to the second with a minmax index (see {@link LogIndexProbe#secondsColumn}), or null. */
    private final String seconds;
    /** A line's pattern: the table's column of the current rules ({@link LogIndexProbe#patternColumn}), else computed. */
    private final String pattern;

    public LogSearch(LogTables tables, TextStrategy strategy) {
        this(LogSchema.canonical(tables.database()), strategy);
    }

    public LogSearch(LogSchema schema, TextStrategy strategy) {
        this(schema, strategy, null);
    }

    /** {@code seconds}: the table's time to the second, which makes the histogram read less; or null. */
    public LogSearch(LogSchema schema, TextStrategy strategy, String seconds) {
        this(schema, strategy, seconds, null);
    }

    /** {@code patternColumn}: the table's column holding each line's pattern (of the current rules), or null. */
    public LogSearch(LogSchema schema, TextStrategy strategy, String seconds, String patternColumn) {
        this.schema = schema;
        this.strategy = strategy;
        this.seconds = seconds;
        this.pattern = patternColumn != null ? patternColumn : PatternRules.sql(schema.sql(LogField.MESSAGE));
        this.key = schema.timeKey();
        this.time = schema.sql(LogField.TIME);
        this.table = schema.qualifiedTable();
        String container = schema.sqlOrEmpty(LogField.CONTAINER);
        String call = schema.sqlOrEmpty(LogField.CALL);
        String message = schema.sql(LogField.MESSAGE);
        this.columns = String.join(
                ", ",
                key,
                text(LogField.LEVEL),
                text(LogField.STREAM),
                text(LogField.APP),
                text(LogField.FUNCTION),
                text(LogField.CALL),
                text(LogField.CONTAINER),
                "toString(" + message + ")",
                "cityHash64(toString(" + container + "), toString(" + call + "), " + message + ") AS " + TIEBREAK);
    }

    private String text(LogField field) {
        return "toString(" + schema.sqlOrEmpty(field) + ")";
    }

    public TextStrategy strategy() {
        return strategy;
    }

    public LogSchema schema() {
        return schema;
    }

    /** The WHERE condition for {@code expr}; throws IllegalArgumentException when it filters on an absent field. */
    public SqlCondition condition(SearchExpr expr) {
        return SearchSql.compile(expr, strategy, schema, pattern);
    }

    /** A line's pattern in SQL (see {@link #pattern}). */
    String patternSql() {
        return pattern;
    }

    String table() {
        return table;
    }

    String time() {
        return time;
    }

    /** The seconds column, or null. */
    String seconds() {
        return seconds;
    }

    /** Why {@code expr} cannot run on this table (it filters on a field the table lacks), or null. */
    public String unsupported(SearchExpr expr) {
        return SearchSql.unsupported(expr, schema);
    }

    /**
     * The newest {@code limit} matches in {@code range} strictly after {@code after} (null for the
     * first page). {@code partial} receives the lines found so far after each window that found
     * some, so the first rows can be shown while older windows are still being searched.
     */
    public LogPage page(
            QueryExecutor engine,
            SearchExpr expr,
            TimeRange range,
            LogCursor after,
            int limit,
            Consumer<LogPage> partial) {
        SqlCondition filter = condition(expr);
        List<LogLine> lines = new ArrayList<>();
        long rowsRead = 0;
        Duration elapsed = Duration.ZERO;
        Instant upper = after == null ? range.to() : min(after.timestamp().plusNanos(1000), range.to());
        Duration window = FIRST_WINDOW;
        while (lines.size() < limit && upper.isAfter(range.from())) {
            Instant lower = max(range.from(), upper.minus(window));
            Window found = window(engine, filter, lower, upper, after, limit - lines.size());
            lines.addAll(found.lines());
            rowsRead += found.rowsRead();
            elapsed = elapsed.plus(found.elapsed());
            upper = lower;
            window = window.multipliedBy(4);
            if (!found.lines().isEmpty() && lines.size() < limit && upper.isAfter(range.from()) && partial != null) {
                partial.accept(new LogPage(lines, null, upper, rowsRead, elapsed));
            }
        }
        LogCursor next = lines.size() >= limit ? lines.getLast().cursor() : null;
        return new LogPage(lines, next, upper, rowsRead, elapsed);
    }

    /** Newest first, lines with the same time by their tiebreak (as unsigned, like ClickHouse's UInt64). */
    private static final Comparator<LogLine> NEWEST_FIRST = Comparator.comparing(LogLine::timestamp)
            .thenComparing(LogLine::tiebreak, Long::compareUnsigned)
            .reversed();

    private record Window(List<LogLine> lines, long rowsRead, Duration elapsed) {}

    /**
     * One window of a page: the newest {@code limit} matches in {@code [lower, upper)} after
     * {@code after}, in (time, tiebreak) order. Asking the engine to sort by the tiebreak too would
     * hash every line in the window (reading all its messages): ordering by time alone lets it read
     * the table backwards and stop after {@code limit} matches, ten times less work on a common word.
     * The lines sharing a time at either edge of the page (the cursor's, and the last one's) are
     * then fetched whole by point queries and put in tiebreak order here.
     */
    private Window window(
            QueryExecutor engine, SqlCondition filter, Instant lower, Instant upper, LogCursor after, int limit) {
        List<LogLine> out = new ArrayList<>();
        Reads run = new Reads(engine);
        Instant newestUpper = upper;
        if (after != null
                && !after.timestamp().isBefore(lower)
                && after.timestamp().isBefore(upper)) {
            for (LogLine l : run.lines(atTimeQuery(filter, after.timestamp()))) {
                if (Long.compareUnsigned(l.tiebreak(), after.tiebreak()) < 0) {
                    out.add(l);
                }
            }
            newestUpper = after.timestamp();
        }
        List<LogLine> newest = run.lines(newestQuery(filter, lower, newestUpper, limit));
        if (newest.size() == limit) {
            Instant last = newest.getLast().timestamp();
            List<LogLine> complete = new ArrayList<>(
                    newest.stream().filter(l -> l.timestamp().isAfter(last)).toList());
            complete.addAll(run.lines(atTimeQuery(filter, last)));
            newest = complete;
        }
        out.addAll(newest);
        out.sort(NEWEST_FIRST);
        return new Window(List.copyOf(out.subList(0, Math.min(limit, out.size()))), run.rowsRead, run.elapsed);
    }

    /** The queries of one window, with the rows read and engine time summed over them. */
    private static final class Reads {
        private final QueryExecutor engine;
        private long rowsRead;
        private Duration elapsed = Duration.ZERO;

        Reads(QueryExecutor engine) {
            this.engine = engine;
        }

        List<LogLine> lines(Query q) {
            QueryResult<List<LogLine>> r = engine.query(q, LogSearch::readLines);
            rowsRead += Math.max(0, r.stats().rowsRead());
            elapsed = elapsed.plus(r.stats().elapsed());
            return r.value();
        }
    }

    /** The newest {@code limit} matches in {@code [lower, upper)} by time alone (ties at the last time may be cut). */
    Query newestQuery(SqlCondition filter, Instant lower, Instant upper, int limit) {
        Query q = Query.of("SELECT " + columns + " FROM " + table + """

                WHERE %1$s >= {lo:DateTime64(6, 'UTC')} AND %1$s < {hi:DateTime64(6, 'UTC')} AND (%2$s)
                ORDER BY %3$s DESC
                LIMIT {limit:UInt32}""".formatted(time, filter.sql(), key))
                .bind("lo", lower)
                .bind("hi", upper)
                .bind("limit", limit);
        return filter.bindTo(q);
    }

    /** Every match at exactly {@code at} (a point on the table's time key). */
    Query atTimeQuery(SqlCondition filter, Instant at) {
        Query q = Query.of("SELECT " + columns + " FROM " + table + """

                WHERE %1$s >= {lo:DateTime64(6, 'UTC')} AND %1$s < {hi:DateTime64(6, 'UTC')} AND %2$s = {at:DateTime64(6, 'UTC')}
                  AND (%3$s)""".formatted(time, key, filter.sql()))
                // the time column may hold finer times than the key: bound it around the point
                .bind("lo", at)
                .bind("hi", at.plusNanos(1000))
                .bind("at", at);
        return filter.bindTo(q);
    }

    /** One window over a whole range (no progressive windows), as the benchmark measures a rare word. */
    public Query windowQueryForBench(SearchExpr expr, TimeRange range, int limit) {
        return newestQuery(condition(expr), range.from(), range.to(), limit);
    }

    /** The point query completing the lines at a page's last time, as the benchmark measures it. */
    public Query tiesQueryForBench(SearchExpr expr, Instant at) {
        return atTimeQuery(condition(expr), at);
    }

    /** The SQL of a first page's first window, as the benchmark measures it. */
    public Query firstWindowQuery(SearchExpr expr, Instant newest, int limit) {
        return newestQuery(condition(expr), newest.minus(FIRST_WINDOW), newest.plusSeconds(1), limit);
    }

    /** Matches newer than {@code newest} (live tail), newest first, at most {@code limit}. */
    public List<LogLine> newer(QueryExecutor engine, SearchExpr expr, LogCursor newest, Instant notBefore, int limit) {
        SqlCondition filter = condition(expr);
        Query q = Query.of("SELECT " + columns + " FROM " + table + """

                WHERE %1$s >= {lo:DateTime64(6, 'UTC')} AND (%2$s)
                  AND (%3$s, %4$s) > ({cts:DateTime64(6, 'UTC')}, {ctb:UInt64})
                ORDER BY %3$s DESC, %4$s DESC
                LIMIT {limit:UInt32}""".formatted(time, filter.sql(), key, TIEBREAK))
                .bind("lo", newest == null ? notBefore : max(notBefore, newest.timestamp()))
                .bind("cts", newest == null ? notBefore : newest.timestamp())
                .bind("ctb", newest == null ? BigInteger.ZERO : newest.unsignedTiebreak())
                .bind("limit", limit);
        return engine.query(filter.bindTo(q), LogSearch::readLines).value();
    }

    /**
     * Up to {@code each} lines before and after {@code line} from the same container (or call, or
     * app: the first of them the table has and the line carries), oldest first.
     */
    public List<LogLine> context(QueryExecutor engine, LogLine line, int each) {
        String same = "1";
        String value = "";
        for (LogField f : List.of(LogField.CONTAINER, LogField.CALL, LogField.APP)) {
            String v = switch (f) {
                case CONTAINER -> line.containerId();
                case CALL -> line.callId();
                default -> line.appId();
            };
            if (schema.has(f) && v != null && !v.isEmpty()) {
                same = "toString(" + schema.sql(f) + ") = {key:String}";
                value = v;
                break;
            }
        }
        String sql = """
                SELECT * FROM (
                  (SELECT %1$s FROM %2$s WHERE %3$s AND %4$s BETWEEN {t:DateTime64(6, 'UTC')} - INTERVAL 1 HOUR AND {t:DateTime64(6, 'UTC')}
                   ORDER BY %5$s DESC, %6$s DESC LIMIT {each:UInt32})
                  UNION ALL
                  (SELECT %1$s FROM %2$s WHERE %3$s AND %4$s > {t:DateTime64(6, 'UTC')} AND %4$s <= {t:DateTime64(6, 'UTC')} + INTERVAL 1 HOUR
                   ORDER BY %5$s ASC, %6$s ASC LIMIT {each:UInt32})
                ) ORDER BY 1 ASC, %6$s ASC""".formatted(columns, table, same, key, key, TIEBREAK);
        Query q = Query.of(sql).bind("key", value).bind("t", line.timestamp()).bind("each", each);
        return engine.query(q, LogSearch::readLines).value();
    }

    /** Matches per bucket over the whole range, about {@code targetBuckets} buckets of a round width ({@link LogHistogram}). */
    public MatchHistogram histogram(QueryExecutor engine, SearchExpr expr, TimeRange range, int targetBuckets) {
        return new LogHistogram(this)
                .count(engine, expr, range, LogHistogram.niceStep(range.duration(), targetBuckets));
    }

    /** Matches per bucket of {@code step} (whole seconds, at least one), buckets aligned to the epoch. */
    public MatchHistogram histogram(QueryExecutor engine, SearchExpr expr, TimeRange range, Duration step) {
        return new LogHistogram(this).count(engine, expr, range, step);
    }

    /** The histogram's SQL for a range, with buckets of the range's round step (for the benchmark too). */
    public Query histogramQuery(SearchExpr expr, TimeRange range, int targetBuckets) {
        return new LogHistogram(this).query(expr, range, targetBuckets);
    }

    /**
     * A grouped count over {@code [lo, hi)} read from the seconds column for the range's whole
     * seconds (8x faster to read than the time) and from the time itself for its partial first and
     * last seconds (which the sort key finds at once), or from the time alone when the table has no
     * seconds column. {@code part} writes one SELECT given the time column to read and a condition on
     * it; {@code outer} re-aggregates their UNION ALL. Binds everything but {@code lo}, {@code hi} and
     * the parts' own parameters. The histogram and the patterns count this way.
     */
    Query bySeconds(TimeRange range, BinaryOperator<String> part, UnaryOperator<String> outer) {
        if (seconds == null) {
            return Query.of(outer.apply(part.apply(
                    time, "%1$s >= {lo:DateTime64(6, 'UTC')} AND %1$s < {hi:DateTime64(6, 'UTC')}".formatted(time))));
        }
        long wholeFrom = range.from().getNano() == 0
                ? range.from().getEpochSecond()
                : range.from().getEpochSecond() + 1;
        long wholeTo = Math.max(range.to().getEpochSecond(), wholeFrom);
        String whole = part.apply(
                seconds,
                "%1$s >= toDateTime({whole_from:Int64}, 'UTC') AND %1$s < toDateTime({whole_to:Int64}, 'UTC')"
                        .formatted(seconds));
        String edges = part.apply(time, """
                (%1$s >= {lo:DateTime64(6, 'UTC')} AND %1$s < {first_edge_end:DateTime64(6, 'UTC')})
                    OR (%1$s >= {last_edge_from:DateTime64(6, 'UTC')} AND %1$s < {hi:DateTime64(6, 'UTC')})""".formatted(time));
        return Query.of(outer.apply(whole + "\nUNION ALL\n" + edges))
                .bind("whole_from", wholeFrom)
                .bind("whole_to", wholeTo)
                .bind("first_edge_end", min(Instant.ofEpochSecond(wholeFrom), range.to()))
                .bind("last_edge_from", Instant.ofEpochSecond(wholeTo));
    }

    private static List<LogLine> readLines(RowCursor rows) {
        List<LogLine> out = new ArrayList<>();
        while (rows.next()) {
            out.add(new LogLine(
                    rows.getInstant(1),
                    rows.getString(2),
                    rows.getString(3),
                    rows.getString(4),
                    rows.getString(5),
                    rows.getString(6),
                    rows.getString(7),
                    rows.getString(8),
                    rows.getBigInteger(9).longValue()));
        }
        return out;
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
