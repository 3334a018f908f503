package dev.callscope.logs;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.callscope.engine.QueryExecutor;
import dev.callscope.logs.search.SearchExpr;
import dev.callscope.platform.AtomicFiles;
import dev.callscope.time.TimeRange;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.function.LongConsumer;

/**
 * Writes every match of a search (not just the loaded page) to CSV or JSON Lines, newest first.
 * Rows are fetched in keyset pages so memory stays bounded on any engine; the file appears at
 * its destination only when complete (written beside it, then moved), so a failed or cancelled
 * export leaves nothing behind.
 */
public final class LogExport {

    public enum Format {
        CSV("csv"),
        JSON_LINES("jsonl");

        private final String extension;

        Format(String extension) {
            this.extension = extension;
        }

        public String extension() {
            return extension;
        }
    }

    /** The ids as stored, then the names people know for them (the id again where none is known). */
    static final List<String> HEADER = List.of(
            "timestamp",
            "level",
            "stream",
            "app_id",
            "function_id",
            "function_call_id",
            "container_id",
            "message",
            "app_name",
            "function_name");

    private static final int PAGE = 20_000;

    private LogExport() {}

    /**
     * @param progress receives the number of lines written so far, after each page
     * @return the number of lines written
     */
    public static long write(
            QueryExecutor engine,
            LogSearch search,
            SearchExpr expr,
            TimeRange range,
            Format format,
            Path destination,
            FunctionNames names,
            LongConsumer progress)
            throws IOException {
        return write(engine, search, expr, range, format, destination, names, progress, PAGE);
    }

    static long write(
            QueryExecutor engine,
            LogSearch search,
            SearchExpr expr,
            TimeRange range,
            Format format,
            Path destination,
            FunctionNames names,
            LongConsumer progress,
            int pageSize)
            throws IOException {
        long[] written = new long[1];
        AtomicFiles.write(
                destination,
                out -> written[0] = writeTo(engine, search, expr, range, format, out, names, progress, pageSize));
        return written[0];
    }

    static long writeTo(
            QueryExecutor engine,
            LogSearch search,
            SearchExpr expr,
            TimeRange range,
            Format format,
            OutputStream out,
            FunctionNames names,
            LongConsumer progress,
            int pageSize)
            throws IOException {
        RowWriter writer = format == Format.CSV ? new CsvWriter(out, names) : new JsonLinesWriter(out, names);
        long written = 0;
        LogCursor cursor = null;
        do {
            if (Thread.currentThread().isInterrupted()) {
                throw new InterruptedIOException("Export cancelled");
            }
            LogPage page = search.page(engine, expr, range, cursor, pageSize, null);
            for (LogLine line : page.lines()) {
                writer.write(line);
            }
            written += page.lines().size();
            cursor = page.next();
            progress.accept(written);
        } while (cursor != null);
        writer.finish();
        return written;
    }

    private interface RowWriter {
        void write(LogLine line) throws IOException;

        void finish() throws IOException;
    }

    /** RFC 4180: every field quoted, quotes doubled, UTF-8, CRLF line ends, one header row. */
    private static final class CsvWriter implements RowWriter {
        private final Writer out;
        private final FunctionNames names;

        CsvWriter(OutputStream stream, FunctionNames names) throws IOException {
            this.out = new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), 1 << 16);
            this.names = names;
            row(HEADER.toArray(String[]::new));
        }

        @Override
        public void write(LogLine l) throws IOException {
            row(
                    l.timestamp().toString(),
                    l.level(),
                    l.stream(),
                    l.appId(),
                    l.functionId(),
                    l.callId(),
                    l.containerId(),
                    l.message(),
                    names.app(l.appId()),
                    names.function(l.functionId()));
        }

        private void row(String... fields) throws IOException {
            for (int i = 0; i < fields.length; i++) {
                if (i > 0) {
                    out.write(',');
                }
                out.write('"');
                out.write(fields[i] == null ? "" : fields[i].replace("\"", "\"\""));
                out.write('"');
            }
            out.write("\r\n");
        }

        @Override
        public void finish() throws IOException {
            out.flush();
        }
    }

    /** One JSON object per line, with the same field names as the CSV header. */
    private static final class JsonLinesWriter implements RowWriter {
        private final JsonGenerator json;
        private final FunctionNames names;

        JsonLinesWriter(OutputStream stream, FunctionNames names) throws IOException {
            this.names = names;
            this.json = new JsonFactory().createGenerator(stream, JsonEncoding.UTF8);
            json.setRootValueSeparator(new com.fasterxml.jackson.core.io.SerializedString("\n"));
        }

        @Override
        public void write(LogLine l) throws IOException {
            json.writeStartObject();
            json.writeStringField("timestamp", l.timestamp().toString());
            json.writeStringField("level", l.level());
            json.writeStringField("stream", l.stream());
            json.writeStringField("app_id", l.appId());
            json.writeStringField("function_id", l.functionId());
            json.writeStringField("function_call_id", l.callId());
            json.writeStringField("container_id", l.containerId());
            json.writeStringField("message", l.message());
            json.writeStringField("app_name", names.app(l.appId()));
            json.writeStringField("function_name", names.function(l.functionId()));
            json.writeEndObject();
        }

        @Override
        public void finish() throws IOException {
            json.writeRaw('\n');
            json.flush();
        }
    }
}
