package dev.callscope.engine;

import java.math.BigInteger;
import java.time.Instant;
import java.util.List;

/** What {@link RowCursor} reads rows through: Callscope's own decoder, or the ClickHouse client's reader. */
interface RowSource {

    /** Advances to the next row; false at the end. */
    boolean next();

    List<String> columnNames();

    List<String> columnTypes();

    /** The 1-based column of {@code name}; an {@link IllegalArgumentException} when there is none. */
    int column(String name);

    boolean isNull(int column);

    String getString(int column);

    long getLong(int column);

    int getInt(int column);

    double getDouble(int column);

    boolean getBoolean(int column);

    BigInteger getBigInteger(int column);

    Instant getInstant(int column);

    <T> List<T> getList(int column);

    Object getObject(int column);
}
