package dev.callscope.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.callscope.testing.TestEngine;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/**
 * Callscope's own RowBinary decoder reads what the ClickHouse client's reader reads, value for
 * value and accessor for accessor, on the engine's own bytes: every type it decodes, NULLs,
 * edge values (UInt64 past a long, times before 1970, every DateTime64 scale), strings longer
 * than its buffer and results of many buffers; and a result with any other type goes to the
 * client's reader whole.
 */
class RowBinaryRowsTest {

    private static final String EVERY_TYPE = """
            SELECT number AS n,
                   toString(number * 7919) AS s,
                   if(number % 5 = 0, NULL, concat('é', toString(number))) AS ns,
                   toLowCardinality(['alpha', 'beta', ''][number % 3 + 1]) AS lc,
                   CAST(if(number % 4 = 0, NULL, 'x'), 'LowCardinality(Nullable(String))') AS lcn,
                   toUInt8(number % 256) AS u8, toUInt16(number * 37 % 65536) AS u16,
                   toUInt32(number * 2654435761 % 4294967296) AS u32,
                   toUInt64(if(number % 3 = 0, -1 - toInt64(number), toInt64(number))) AS u64,
                   toInt8(number % 256 - 128) AS i8, toInt16(number * 37 % 65536 - 32768) AS i16,
                   toInt32(number * 2654435761 % 4294967296 - 2147483648) AS i32, toInt64(number * 1000003) - 5000000 AS i64,
                   toFloat32(number / 7) AS f32, number / 3 - 100 AS f64, if(number % 6 = 0, NULL, number * 1.5) AS nf64,
                   toBool(number % 2 = 0) AS b,
                   toDateTime(1700000000 + number * 3600, 'UTC') AS dt, toDateTime(1700000000 + number) AS dt_plain,
                   toDateTime64(1700000000.123456 + number * 0.001, 6, 'UTC') AS dt6,
                   toDateTime64(-100000.5 + number, 3, 'UTC') AS dt3_before_1970,
                   toDateTime64(1700000000 + number, 0, 'UTC') AS dt0,
                   toDateTime64(1700000000.123456789, 9, 'UTC') AS dt9,
                   if(number % 7 = 0, NULL, toDateTime64(1700000000 + number / 10, 6, 'UTC')) AS ndt6,
                   CAST(['pending', 'success', 'failure'][number % 3 + 1],
                        'Enum8(\\'pending\\' = 0, \\'success\\' = 1, \\'failure\\' = -2)') AS e8,
                   CAST(['a,b', 'it''s', 'c = d'][number % 3 + 1],
                        'Enum16(\\'a,b\\' = 1000, \\'it\\\\\\'s\\' = -1000, \\'c = d\\' = 7)') AS e16
            FROM numbers(3000)""";

    @Test
    void everyTypeReadsAsTheClientReadsIt() {
        byte[] bytes = bytes(EVERY_TYPE);
        RowCursor ours = cursor(bytes);
        assertTrue(ours.decodedHere(), "every column is one the decoder reads: " + ours.columnTypes());
        RowCursor theirs = RowCursor.decodingWithClient(new ByteArrayInputStream(bytes));
        assertEquals(3000, compare(ours, theirs));
    }

    @Test
    void aSummaryTablesAggregateColumnsReadAsTheirValues() {
        String db = TestEngine.freshDatabase("rowbinary");
        TestEngine.shared()
                .execute(Query.of("CREATE TABLE " + db + ".t (k UInt32,"
                        + " at SimpleAggregateFunction(min, Nullable(DateTime64(6, 'UTC'))),"
                        + " name SimpleAggregateFunction(max, LowCardinality(String)),"
                        + " flag SimpleAggregateFunction(max, Bool), n SimpleAggregateFunction(sum, UInt64))"
                        + " ENGINE = AggregatingMergeTree ORDER BY k"));
        TestEngine.shared()
                .execute(Query.of("INSERT INTO " + db + ".t SELECT number, if(number % 3 = 0, NULL,"
                        + " toDateTime64(1700000000.5 + number, 6, 'UTC')), toString(number % 4), number % 2, number"
                        + " FROM numbers(50)"));
        byte[] bytes = bytes("SELECT * FROM " + db + ".t ORDER BY k");
        RowCursor ours = cursor(bytes);
        assertTrue(ours.decodedHere(), "read here: " + ours.columnTypes());
        assertEquals(50, compare(ours, RowCursor.decodingWithClient(new ByteArrayInputStream(bytes))));
    }

    @Test
    void stringsLongerThanTheBufferAndManyBuffersOfRows() {
        byte[] bytes = bytes("SELECT number, repeat(char(65 + number % 26), number * 997 % 150000) AS s,"
                + " toDateTime64(1700000000 + number, 6, 'UTC') AS t FROM numbers(400)");
        assertTrue(bytes.length > 20_000_000, "bytes: " + bytes.length);
        // a stream that gives a few bytes at a time, as a network does
        RowCursor ours = cursor(new Trickle(bytes));
        assertTrue(ours.decodedHere());
        assertEquals(400, compare(ours, RowCursor.decodingWithClient(new ByteArrayInputStream(bytes))));
    }

    @Test
    void aResultWithAnyOtherTypeGoesToTheClientsReaderWhole() {
        byte[] bytes = bytes("SELECT number AS n, [number, number + 1] AS arr, toDate('2026-01-01') + number AS d,"
                + " toDateTime(1700000000 + number, 'Europe/Paris') AS paris FROM numbers(5)");
        RowCursor ours = cursor(bytes);
        assertFalse(ours.decodedHere());
        assertEquals(List.of("n", "arr", "d", "paris"), ours.columnNames());
        assertEquals(5, compare(ours, RowCursor.decodingWithClient(new ByteArrayInputStream(bytes))));
    }

    @Test
    void aHeaderWithNoRowsAndARowCutShort() {
        RowCursor none = cursor(bytes("SELECT number AS n, toString(number) AS s FROM numbers(10) WHERE n > 100"));
        assertEquals(List.of("n", "s"), none.columnNames());
        assertEquals(List.of("UInt64", "String"), none.columnTypes());
        assertFalse(none.next());
        byte[] whole = bytes("SELECT number AS n, toString(number) AS s FROM numbers(10)");
        RowCursor cut = cursor(Arrays.copyOf(whole, whole.length - 1));
        for (int i = 0; i < 9; i++) {
            assertTrue(cut.next());
        }
        assertThrows(UncheckedIOException.class, cut::next, "the last row lost a byte");
    }

    /** Every accessor of every column of every row: the same value, or both refuse. */
    private static int compare(RowCursor ours, RowCursor theirs) {
        assertEquals(theirs.columnNames(), ours.columnNames());
        assertEquals(theirs.columnTypes(), ours.columnTypes());
        int n = ours.columnNames().size();
        int rows = 0;
        while (theirs.next()) {
            assertTrue(ours.next(), "row " + rows);
            for (int c = 1; c <= n; c++) {
                String where = "row " + rows + " column " + ours.columnNames().get(c - 1) + " "
                        + ours.columnTypes().get(c - 1);
                int col = c;
                assertEquals(theirs.isNull(c), ours.isNull(c), where);
                assertEquals(theirs.getString(c), ours.getString(c), where + " getString");
                assertEquals(outcome(i -> theirs.getInstant(col)), outcome(i -> ours.getInstant(col)), where);
                assertEquals(outcome(i -> theirs.getLong(col)), outcome(i -> ours.getLong(col)), where + " getLong");
                assertEquals(outcome(i -> theirs.getDouble(col)), outcome(i -> ours.getDouble(col)), where);
                assertEquals(outcome(i -> theirs.getBoolean(col)), outcome(i -> ours.getBoolean(col)), where);
                assertEquals(outcome(i -> theirs.getBigInteger(col)), outcome(i -> ours.getBigInteger(col)), where);
                if (!ours.columnTypes().get(c - 1).equals("UInt64")) {
                    // (the client truncates a UInt64 past an int to its low bits; this refuses it)
                    assertEquals(outcome(i -> theirs.getInt(col)), outcome(i -> ours.getInt(col)), where + " getInt");
                }
                // the client's enum value prints as its name
                assertEquals(String.valueOf(theirs.getObject(c)), String.valueOf(ours.getObject(c)), where);
            }
            rows++;
        }
        assertFalse(ours.next());
        return rows;
    }

    /** A value, or "refused" for any exception: the two readers throw different classes. */
    private static Object outcome(IntFunction<Object> read) {
        try {
            return read.apply(0);
        } catch (RuntimeException e) {
            return "refused";
        }
    }

    private static byte[] bytes(String sql) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        TestEngine.shared().queryRaw(Query.of(sql), "RowBinaryWithNamesAndTypes", out);
        return out.toByteArray();
    }

    private static RowCursor cursor(byte[] bytes) {
        return cursor(new ByteArrayInputStream(bytes));
    }

    private static RowCursor cursor(InputStream in) {
        try {
            return RowCursor.decoding(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** At most 1,000 bytes a read. */
    private static final class Trickle extends InputStream {
        private final ByteArrayInputStream in;

        Trickle(byte[] bytes) {
            this.in = new ByteArrayInputStream(bytes);
        }

        @Override
        public int read() {
            return in.read();
        }

        @Override
        public int read(byte[] b, int off, int len) {
            return in.read(b, off, Math.min(len, 1000));
        }
    }
}
