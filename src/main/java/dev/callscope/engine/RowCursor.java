package dev.callscope.engine;

import com.clickhouse.client.api.data_formats.ClickHouseBinaryFormatReader;
import com.clickhouse.client.api.data_formats.RowBinaryWithNamesAndTypesFormatReader;
import com.clickhouse.client.api.data_formats.internal.BinaryStreamReader;
import com.clickhouse.client.api.metadata.TableSchema;
import com.clickhouse.client.api.query.QuerySettings;
import com.clickhouse.data.ClickHouseColumn;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.math.BigInteger;
import java.time.Instant;
import java.util.List;

/**
 * Forward-only, typed access to the rows of one result, decoded from ClickHouse's
 * {@code RowBinaryWithNamesAndTypes} by the ClickHouse Java client's reader, whichever engine
 * produced the bytes, so a type behaves the same embedded and remote. Columns are numbered from 1.
 */
public final class RowCursor {

    private final ClickHouseBinaryFormatReader reader;
    private long rowCount;

    public RowCursor(ClickHouseBinaryFormatReader reader) {
        this.reader = reader;
    }

    /**
     * Decodes {@code RowBinaryWithNamesAndTypes} bytes as they arrive. An empty stream (a
     * statement without a result sends no header) gives a cursor with no rows and no columns.
     */
    public static RowCursor decoding(InputStream bytes) throws IOException {
        PushbackInputStream in = new PushbackInputStream(bytes, 1);
        int first = in.read();
        if (first < 0) {
            return new RowCursor(null);
        }
        in.unread(first);
        return new RowCursor(new RowBinaryWithNamesAndTypesFormatReader(
                in, new QuerySettings().setUseTimeZone("UTC"), new BinaryStreamReader.DefaultByteBufferAllocator()));
    }

    /** Advances to the next row; false at the end. */
    public boolean next() {
        if (reader == null || !reader.hasNext()) {
            return false;
        }
        reader.next();
        rowCount++;
        return true;
    }

    /** Rows consumed so far. */
    public long rowCount() {
        return rowCount;
    }

    public List<String> columnNames() {
        if (reader == null) {
            return List.of();
        }
        return schema().getColumns().stream()
                .map(ClickHouseColumn::getColumnName)
                .toList();
    }

    /** ClickHouse type names, e.g. {@code DateTime64(3, 'UTC')}. */
    public List<String> columnTypes() {
        if (reader == null) {
            return List.of();
        }
        return schema().getColumns().stream()
                .map(ClickHouseColumn::getOriginalTypeName)
                .toList();
    }

    private TableSchema schema() {
        return reader.getSchema();
    }

    public boolean isNull(int column) {
        return !reader.hasValue(column);
    }

    public String getString(int column) {
        return isNull(column) ? null : reader.getString(column);
    }

    public long getLong(int column) {
        return reader.getLong(column);
    }

    public int getInt(int column) {
        return reader.getInteger(column);
    }

    public double getDouble(int column) {
        return reader.getDouble(column);
    }

    public boolean getBoolean(int column) {
        return reader.getBoolean(column);
    }

    /** For UInt64 values above {@link Long#MAX_VALUE}. */
    public BigInteger getBigInteger(int column) {
        return isNull(column) ? null : reader.getBigInteger(column);
    }

    /** DateTime / DateTime64 columns as instants (null for NULL). */
    public Instant getInstant(int column) {
        return isNull(column) ? null : reader.getInstant(column);
    }

    /** Array columns as lists (null for NULL). */
    public <T> List<T> getList(int column) {
        return isNull(column) ? null : reader.getList(column);
    }

    /** The decoded value, arrays as lists (for generic tables and CSV export). */
    public Object getObject(int column) {
        Object value = reader.readValue(column);
        return value instanceof BinaryStreamReader.ArrayValue array ? array.asList() : value;
    }

    public String getString(String column) {
        return reader.hasValue(column) ? reader.getString(column) : null;
    }

    public long getLong(String column) {
        return reader.getLong(column);
    }

    public double getDouble(String column) {
        return reader.getDouble(column);
    }

    public Instant getInstant(String column) {
        return reader.hasValue(column) ? reader.getInstant(column) : null;
    }
}
