package dev.callscope.engine;

import com.clickhouse.client.api.data_formats.ClickHouseBinaryFormatReader;
import com.clickhouse.client.api.data_formats.RowBinaryWithNamesAndTypesFormatReader;
import com.clickhouse.client.api.data_formats.internal.BinaryStreamReader;
import com.clickhouse.client.api.metadata.TableSchema;
import com.clickhouse.client.api.query.QuerySettings;
import com.clickhouse.data.ClickHouseColumn;
import java.io.InputStream;
import java.math.BigInteger;
import java.time.Instant;
import java.util.List;

/**
 * Rows decoded by the ClickHouse Java client's reader: every type the client knows (arrays, maps,
 * decimals, dates, UUIDs, other time zones), for the results {@link RowBinaryRows} leaves to it.
 */
final class ClientRowSource implements RowSource {

    private final ClickHouseBinaryFormatReader reader;

    ClientRowSource(InputStream in) {
        this.reader = new RowBinaryWithNamesAndTypesFormatReader(
                in, new QuerySettings().setUseTimeZone("UTC"), new BinaryStreamReader.DefaultByteBufferAllocator());
    }

    @Override
    public boolean next() {
        if (!reader.hasNext()) {
            return false;
        }
        reader.next();
        return true;
    }

    @Override
    public List<String> columnNames() {
        return schema().getColumns().stream()
                .map(ClickHouseColumn::getColumnName)
                .toList();
    }

    @Override
    public List<String> columnTypes() {
        return schema().getColumns().stream()
                .map(ClickHouseColumn::getOriginalTypeName)
                .toList();
    }

    private TableSchema schema() {
        return reader.getSchema();
    }

    @Override
    public int column(String name) {
        int i = columnNames().indexOf(name);
        if (i < 0) {
            throw new IllegalArgumentException("No column " + name);
        }
        return i + 1;
    }

    @Override
    public boolean isNull(int column) {
        return !reader.hasValue(column);
    }

    @Override
    public String getString(int column) {
        // the client copies a string through a StringBuilder: the decoded one is the same
        return reader.readValue(column) instanceof String s ? s : reader.getString(column);
    }

    @Override
    public long getLong(int column) {
        return reader.getLong(column);
    }

    @Override
    public int getInt(int column) {
        return reader.getInteger(column);
    }

    @Override
    public double getDouble(int column) {
        return reader.getDouble(column);
    }

    @Override
    public boolean getBoolean(int column) {
        return reader.getBoolean(column);
    }

    @Override
    public BigInteger getBigInteger(int column) {
        return reader.getBigInteger(column);
    }

    @Override
    public Instant getInstant(int column) {
        return reader.getInstant(column);
    }

    @Override
    public <T> List<T> getList(int column) {
        return reader.getList(column);
    }

    @Override
    public Object getObject(int column) {
        Object value = reader.readValue(column);
        return value instanceof BinaryStreamReader.ArrayValue array ? array.asList() : value;
    }
}
