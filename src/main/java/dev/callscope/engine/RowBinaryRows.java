package dev.callscope.engine;

import dev.callscope.engine.RowBinaryType.Kind;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes {@code RowBinaryWithNamesAndTypes} straight from the bytes into one row of primitive
 * slots, for results whose every column is a {@link RowBinaryType} (nearly all of Callscope's).
 * The ClickHouse client's reader boxes each value and makes a zoned date-time of each timestamp:
 * on a 100k-call tree it took twice the engine's own time. Values read as the client reads them
 * (numbers as text, enums by name, date-times in UTC), which {@code RowBinaryRowsTest} checks
 * against it on the engine's own output.
 */
final class RowBinaryRows implements RowSource {

    private static final DateTimeFormatter TEXT = new DateTimeFormatterBuilder()
            .appendPattern("yyyy-MM-dd HH:mm:ss")
            .appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true)
            .toFormatter();
    /** The zone the client's reader gives date-times in (a region, not the offset: they compare equal). */
    private static final ZoneId UTC = ZoneId.of("UTC");

    private static final long[] POW10 = {
        1L, 10L, 100L, 1_000L, 10_000L, 100_000L, 1_000_000L, 10_000_000L, 100_000_000L, 1_000_000_000L
    };

    private final RowBinaryInput in;
    private final List<String> names;
    private final List<String> typeNames;
    private final RowBinaryType[] types;
    private final long[] bits;
    private final String[] strings;
    private final boolean[] nulls;

    private RowBinaryRows(RowBinaryInput in, List<String> names, List<String> typeNames, RowBinaryType[] types) {
        this.in = in;
        this.names = names;
        this.typeNames = typeNames;
        this.types = types;
        this.bits = new long[types.length];
        this.strings = new String[types.length];
        this.nulls = new boolean[types.length];
        in.rows(types.length);
    }

    /**
     * This decoder over {@code in} when every column's type is one it reads, else the client's
     * reader over the same bytes (the header read here is handed back to it).
     */
    static RowSource open(InputStream stream) throws IOException {
        RowBinaryInput h = new RowBinaryInput(stream);
        int n = Math.toIntExact(h.varint());
        List<String> names = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            names.add(h.string());
        }
        List<String> typeNames = new ArrayList<>(n);
        RowBinaryType[] types = new RowBinaryType[n];
        boolean all = true;
        for (int i = 0; i < n; i++) {
            typeNames.add(h.string());
            types[i] = RowBinaryType.parse(typeNames.get(i));
            all &= types[i] != null;
        }
        if (!all) {
            return new ClientRowSource(h.replay());
        }
        return new RowBinaryRows(h, List.copyOf(names), List.copyOf(typeNames), types);
    }

    @Override
    public boolean next() {
        try {
            if (in.atEnd()) {
                return false;
            }
            for (int c = 0; c < types.length; c++) {
                RowBinaryType t = types[c];
                nulls[c] = t.nullable() && in.u8() != 0;
                if (nulls[c]) {
                    strings[c] = null;
                    continue;
                }
                switch (t.kind()) {
                    case STRING -> strings[c] = in.string(c, strings[c]);
                    case UINT8, BOOL -> bits[c] = in.u8();
                    case INT8, ENUM8 -> bits[c] = (byte) in.u8();
                    case UINT16 -> bits[c] = in.fixed(2);
                    case INT16, ENUM16 -> bits[c] = (short) in.fixed(2);
                    case UINT32, DATETIME -> bits[c] = in.fixed(4);
                    case INT32 -> bits[c] = (int) in.fixed(4);
                    case FLOAT32 -> bits[c] = Double.doubleToRawLongBits(Float.intBitsToFloat((int) in.fixed(4)));
                    case UINT64, INT64, DATETIME64 -> bits[c] = in.fixed(8);
                    case FLOAT64 -> bits[c] = in.fixed(8);
                }
            }
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public List<String> columnNames() {
        return names;
    }

    @Override
    public List<String> columnTypes() {
        return typeNames;
    }

    @Override
    public int column(String name) {
        int i = names.indexOf(name);
        if (i < 0) {
            throw new IllegalArgumentException("No column " + name);
        }
        return i + 1;
    }

    @Override
    public boolean isNull(int column) {
        return nulls[column - 1];
    }

    private RowBinaryType type(int column) {
        if (nulls[column - 1]) {
            throw new IllegalStateException("Column " + names.get(column - 1) + " is NULL");
        }
        return types[column - 1];
    }

    @Override
    public String getString(int column) {
        if (nulls[column - 1]) {
            return null;
        }
        int c = column - 1;
        long v = bits[c];
        return switch (types[c].kind()) {
            case STRING -> strings[c];
            case UINT64 -> Long.toUnsignedString(v);
            case FLOAT32 -> Float.toString((float) Double.longBitsToDouble(v));
            case FLOAT64 -> Double.toString(Double.longBitsToDouble(v));
            case BOOL -> Boolean.toString(v != 0);
            case ENUM8, ENUM16 -> enumName(c);
            // (the client writes an aggregate column's date-time as ISO, a plain one's as ClickHouse does)
            case DATETIME, DATETIME64 ->
                types[c].aggregate()
                        ? LocalDateTime.ofInstant(instant(c), ZoneOffset.UTC).toString()
                        : TEXT.format(LocalDateTime.ofInstant(instant(c), ZoneOffset.UTC));
            default -> Long.toString(v);
        };
    }

    private String enumName(int c) {
        String name = types[c].enumNames().get((int) bits[c]);
        if (name == null) {
            throw new IllegalStateException("No name for enum value " + bits[c] + " of " + names.get(c));
        }
        return name;
    }

    @Override
    public long getLong(int column) {
        RowBinaryType t = type(column);
        long v = bits[column - 1];
        return switch (t.kind()) {
            case STRING -> Long.parseLong(strings[column - 1]);
            case UINT64 -> {
                if (v < 0) {
                    throw new ArithmeticException("UInt64 " + Long.toUnsignedString(v) + " is past a long");
                }
                yield v;
            }
            case FLOAT32, FLOAT64 -> {
                double d = Double.longBitsToDouble(v);
                if (d != Math.rint(d) || Math.abs(d) >= 0x1p63) {
                    throw new ArithmeticException(d + " is not a long");
                }
                yield (long) d;
            }
            case DATETIME, DATETIME64 -> throw new IllegalStateException(names.get(column - 1) + " is a date-time");
            default -> v;
        };
    }

    @Override
    public int getInt(int column) {
        RowBinaryType t = type(column);
        if (t.kind() == Kind.FLOAT32 || t.kind() == Kind.FLOAT64) {
            return (int) Double.longBitsToDouble(bits[column - 1]);
        }
        return Math.toIntExact(getLong(column));
    }

    @Override
    public double getDouble(int column) {
        RowBinaryType t = type(column);
        long v = bits[column - 1];
        return switch (t.kind()) {
            case STRING -> Double.parseDouble(strings[column - 1]);
            case FLOAT32, FLOAT64 -> Double.longBitsToDouble(v);
            case UINT64 -> v >= 0 ? v : new BigInteger(Long.toUnsignedString(v)).doubleValue();
            case DATETIME, DATETIME64 -> throw new IllegalStateException(names.get(column - 1) + " is a date-time");
            default -> v;
        };
    }

    @Override
    public boolean getBoolean(int column) {
        RowBinaryType t = type(column);
        return switch (t.kind()) {
            case STRING -> Boolean.parseBoolean(strings[column - 1]);
            case FLOAT32, FLOAT64 -> (int) Double.longBitsToDouble(bits[column - 1]) != 0;
            case DATETIME, DATETIME64 -> throw new IllegalStateException(names.get(column - 1) + " is a date-time");
            default -> bits[column - 1] != 0;
        };
    }

    @Override
    public BigInteger getBigInteger(int column) {
        RowBinaryType t = type(column);
        return switch (t.kind()) {
            case UINT64 -> new BigInteger(Long.toUnsignedString(bits[column - 1]));
            // as the client: the float's integer part
            case FLOAT32, FLOAT64 -> new BigDecimal(Double.longBitsToDouble(bits[column - 1])).toBigInteger();
            default -> BigInteger.valueOf(getLong(column));
        };
    }

    @Override
    public Instant getInstant(int column) {
        if (nulls[column - 1]) {
            return null;
        }
        Kind k = types[column - 1].kind();
        if (k != Kind.DATETIME && k != Kind.DATETIME64) {
            throw new IllegalStateException(names.get(column - 1) + " is not a date-time");
        }
        return instant(column - 1);
    }

    private Instant instant(int c) {
        long v = bits[c];
        if (types[c].kind() == Kind.DATETIME) {
            return Instant.ofEpochSecond(v);
        }
        long unit = POW10[types[c].scale()];
        return Instant.ofEpochSecond(Math.floorDiv(v, unit), Math.floorMod(v, unit) * POW10[9 - types[c].scale()]);
    }

    @Override
    public <T> List<T> getList(int column) {
        throw new IllegalStateException(names.get(column - 1) + " is not an array");
    }

    /** As the client gives it: the narrowest box of each integer type, BigInteger for UInt64, zoned UTC date-times. */
    @Override
    public Object getObject(int column) {
        if (nulls[column - 1]) {
            return null;
        }
        int c = column - 1;
        long v = bits[c];
        return switch (types[c].kind()) {
            case STRING -> strings[c];
            case UINT8, INT16 -> (short) v;
            case UINT16, INT32 -> (int) v;
            case UINT32, INT64 -> v;
            case UINT64 -> getBigInteger(column);
            case INT8 -> (byte) v;
            case FLOAT32 -> (float) Double.longBitsToDouble(v);
            case FLOAT64 -> Double.longBitsToDouble(v);
            case BOOL -> v != 0;
            case ENUM8, ENUM16 -> enumName(c);
            case DATETIME, DATETIME64 -> ZonedDateTime.ofInstant(instant(c), UTC);
        };
    }
}
