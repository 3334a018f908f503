package dev.callscope.demo;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** A growable byte buffer that writes ClickHouse RowBinary values (little-endian, varint-prefixed strings). */
final class RowBinaryBuffer {

    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle SHORT = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);

    private byte[] buf;
    private int size;
    private long rows;

    RowBinaryBuffer(int capacity) {
        buf = new byte[Math.max(64, capacity)];
    }

    /** Java arrays stop a little short of 2^31 bytes. */
    private static final int MAX = Integer.MAX_VALUE - 8;

    private void ensure(int more) {
        long needed = (long) size + more;
        if (needed > buf.length) {
            if (needed > MAX) {
                throw new IllegalStateException("A RowBinary batch over 2 GB: encode fewer rows per batch");
            }
            // doubling in long arithmetic: an int overflow here once made a 1 GB buffer grow a few bytes per row
            buf = Arrays.copyOf(buf, (int) Math.min(MAX, Math.max(2L * buf.length, needed)));
        }
    }

    void int8(byte v) {
        ensure(1);
        buf[size++] = v;
    }

    void bool(boolean v) {
        int8((byte) (v ? 1 : 0));
    }

    void uint16(int v) {
        ensure(2);
        SHORT.set(buf, size, (short) v);
        size += 2;
    }

    void int32(int v) {
        ensure(4);
        INT.set(buf, size, v);
        size += 4;
    }

    void float32(float v) {
        int32(Float.floatToRawIntBits(v));
    }

    void int64(long v) {
        ensure(8);
        LONG.set(buf, size, v);
        size += 8;
    }

    /** Nullable(Int64-backed) value: a null flag byte, then the value unless null. */
    void nullableInt64(long v, long nullMarker) {
        if (v == nullMarker) {
            int8((byte) 1);
        } else {
            int8((byte) 0);
            int64(v);
        }
    }

    void string(String s) {
        if (s.isEmpty()) {
            int8((byte) 0);
        } else {
            bytes(s.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** A string already encoded as UTF-8 (for values repeated on every row). */
    void bytes(byte[] utf8) {
        int n = utf8.length;
        ensure(n + 5);
        while (n >= 0x80) {
            buf[size++] = (byte) (n | 0x80);
            n >>>= 7;
        }
        buf[size++] = (byte) n;
        System.arraycopy(utf8, 0, buf, size, utf8.length);
        size += utf8.length;
    }

    /** Marks the end of a row; the buffer counts them for the caller. */
    void endRow() {
        rows++;
    }

    long rows() {
        return rows;
    }

    int size() {
        return size;
    }

    InputStream stream() {
        return new ByteArrayInputStream(buf, 0, size);
    }
}
