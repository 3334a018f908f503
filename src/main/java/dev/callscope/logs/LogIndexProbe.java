package dev.callscope.logs;

import dev.callscope.engine.Query;
import dev.callscope.engine.QueryExecutor;
import dev.callscope.logs.search.TextStrategy;
import dev.callscope.schema.PatternRules;
import java.util.regex.Pattern;

/**
 * Finds which word-search strategy the logs table supports, from the server's own catalog, looking
 * at the indexes on the mapped message column. Correct before fast: an index is used only when it
 * answers the case-insensitive question searches ask. A {@code tokenbf_v1} on the message itself
 * (ClickStack's {@code idx_body} on {@code Body}) holds tokens as written, so {@code hasToken} on it
 * would miss "Error" when asked for "error"; such a table is scanned instead.
 */
public final class LogIndexProbe {

    private LogIndexProbe() {}

    public static TextStrategy detect(QueryExecutor engine, LogTables tables) {
        return detect(engine, LogSchema.canonical(tables.database()));
    }

    public static TextStrategy detect(QueryExecutor engine, LogSchema schema) {
        String message = schema.sql(LogField.MESSAGE).replace(" ", "");
        return engine.query(Query.of("""
                SELECT type, replaceAll(expr, ' ', ''), replaceAll(type_full, ' ', '') FROM system.data_skipping_indices
                WHERE database = {db:String} AND table = {table:String}""").bind("db", schema.database()).bind("table", schema.table()), rows -> {
                    TextStrategy best = TextStrategy.SCAN;
                    while (rows.next()) {
                        String type = rows.getString(1);
                        String expr = rows.getString(2);
                        if (type.equals("text")
                                && expr.equals(message)
                                && caseInsensitiveWords(rows.getString(3), message)) {
                            return TextStrategy.TEXT_INDEX;
                        }
                        if (type.startsWith("tokenbf") && expr.equals("lower(" + message + ")")) {
                            best = TextStrategy.TOKEN_BLOOM_FILTER;
                        }
                    }
                    return best;
                })
                .value();
    }

    /** A text index splits words as searches do and lower-cases them (Callscope's own DDL). */
    static boolean caseInsensitiveWords(String typeFull, String message) {
        return typeFull.contains("splitByNonAlpha") && typeFull.contains("preprocessor=lower(" + message + ")");
    }

    /**
     * The table's time to the second (Callscope's {@code timestamp_second}), or null: a column
     * always computed from the mapped time as {@code toDateTime(time)} and with a minmax index,
     * so the histogram can bucket by it and find a range's granules without reading the time itself.
     */
    public static String secondsColumn(QueryExecutor engine, LogSchema schema) {
        String expr = "toDateTime(" + schema.sql(LogField.TIME).replace(" ", "") + ")";
        return engine.query(
                        Query.of("""
                SELECT name FROM system.columns
                WHERE database = {db:String} AND table = {table:String} AND default_kind = 'MATERIALIZED'
                  AND replaceAll(default_expression, ' ', '') = {expr:String} AND type LIKE 'DateTime%'
                  AND type NOT LIKE 'DateTime64%'
                  AND name IN (SELECT expr FROM system.data_skipping_indices
                               WHERE database = {db:String} AND table = {table:String} AND type = 'minmax')
                ORDER BY name LIMIT 1""")
                                .bind("db", schema.database())
                                .bind("table", schema.table())
                                .bind("expr", expr),
                        rows -> rows.next()
                                        && PLAIN_NAME.matcher(rows.getString(1)).matches()
                                ? rows.getString(1)
                                : null)
                .value();
    }

    /**
     * The table's column holding each line's pattern under the current rules (Callscope's
     * {@code message_pattern}, computed from {@code message} and commented with the rules' version),
     * or null: the pattern is then computed from the message on every read.
     */
    public static String patternColumn(QueryExecutor engine, LogSchema schema) {
        String message = schema.sql(LogField.MESSAGE).replace("`", "").strip();
        if (!message.equals("message")) {
            return null; // the column is computed from a column named message
        }
        return engine.query(
                        Query.of("""
                SELECT name FROM system.columns
                WHERE database = {db:String} AND table = {table:String} AND name = {name:String}
                  AND default_kind = 'MATERIALIZED' AND comment = {version:String}""")
                                .bind("db", schema.database())
                                .bind("table", schema.table())
                                .bind("name", PatternRules.COLUMN)
                                .bind("version", PatternRules.VERSION),
                        rows -> rows.next() ? rows.getString(1) : null)
                .value();
    }

    /** A search of {@code schema} with everything the table offers: its word index, seconds column and pattern column. */
    public static LogSearch search(QueryExecutor engine, LogSchema schema) {
        return new LogSearch(
                schema, detect(engine, schema), secondsColumn(engine, schema), patternColumn(engine, schema));
    }

    /** Names spliced into SQL unquoted; any other column is simply not used. */
    private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,63}");
}
