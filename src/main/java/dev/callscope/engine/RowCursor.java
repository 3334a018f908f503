package dev.callscope.engine;

import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.math.BigInteger;
import java.time.Instant;
import java.util.List;

/**
 * Forward-only, typed access to the rows of one result, decoded from ClickHouse's
 * {@code RowBinaryWithNamesAndTypes} whichever engine produced the bytes, so a type behaves the
 * same embedded and remote: by Callscope's own decoder when it reads every column's type
 * ({@link RowBinaryRows}, several times faster), else by the ClickHouse Java client's reader.
 * Columns are numbered from 1.
 */
public final class RowCursor {

    private final RowSource rows;
    private long rowCount;

    private RowCursor(RowSource rows) {
        this.rows = rows;
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
        return new RowCursor(RowBinaryRows.open(in));
    }

    /** The same bytes through the ClickHouse client's reader alone (the test that checks the decoder compares with it). */
    static RowCursor decodingWithClient(InputStream bytes) {
        return new RowCursor(new ClientRowSource(bytes));
    }

    /** Whether Callscope's own decoder reads these rows (else the client's). */
    boolean decodedHere() {
        return rows instanceof RowBinaryRows;
    }

    /** Advances to the next row; false at the end. */
    public boolean next() {
        if (rows == null || !rows.next()) {
            return false;
        }
        rowCount++;
        return true;
    }

    /** Rows consumed so far. */
    public long rowCount() {
        return rowCount;
    }

    public List<String> columnNames() {
        return rows == null ? List.of() : rows.columnNames();
    }

    /** ClickHouse type names, e.g. {@code DateTime64(3, 'UTC')}. */
    public List<String> columnTypes() {
        return rows == null ? List.of() : rows.columnTypes();
    }

    public boolean isNull(int column) {
        return rows.isNull(column);
    }

    public String getString(int column) {
        return rows.isNull(column) ? null : rows.getString(column);
    }

    public long getLong(int column) {
        return rows.getLong(column);
    }

    public int getInt(int column) {
        return rows.getInt(column);
    }

    public double getDouble(int column) {
        return rows.getDouble(column);
    }

    public boolean getBoolean(int column) {
        return rows.getBoolean(column);
    }

    /** For UInt64 values above {@link Long#MAX_VALUE}. */
    public BigInteger getBigInteger(int column) {
        return rows.isNull(column) ? null : rows.getBigInteger(column);
    }

    /** DateTime / DateTime64 columns as instants (null for NULL). */
    public Instant getInstant(int column) {
        return rows.isNull(column) ? null : rows.getInstant(column);
    }

    /** Array columns as lists (null for NULL). */
    public <T> List<T> getList(int column) {
        return rows.isNull(column) ? null : rows.getList(column);
    }

    /** The decoded value, arrays as lists (for generic tables and CSV export). */
    public Object getObject(int column) {
        return rows.getObject(column);
    }

    public String getString(String column) {
        return getString(rows.column(column));
    }

    public long getLong(String column) {
        return getLong(rows.column(column));
    }

    public double getDouble(String column) {
        return getDouble(rows.column(column));
    }

    public Instant getInstant(String column) {
        return getInstant(rows.column(column));
    }
}
