package dev.callscope.engine;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The bytes of a RowBinary result, read through one buffer: little-endian numbers, varints and
 * strings. Until {@link #rows} it keeps everything it read, so a header can be handed back whole
 * ({@link #replay}); after that it keeps only the unread bytes.
 */
final class RowBinaryInput {

    /** Longer strings are not remembered for {@link #string}'s reuse. */
    private static final int MAX_REMEMBERED = 256;

    private final InputStream in;
    private byte[] buf = new byte[1 << 16];
    private int pos;
    private int limit;
    private boolean keepAll = true;
    private byte[][] lastBytes = new byte[0][];
    private int[] lastLength = new int[0];

    RowBinaryInput(InputStream in) {
        this.in = in;
    }

    /** Everything read so far and the rest of the stream, as one stream (for another reader). */
    InputStream replay() {
        return new SequenceInputStream(new ByteArrayInputStream(buf, 0, limit), in);
    }

    /** From now on read bytes may be dropped, and strings of {@code columns} columns remembered. */
    void rows(int columns) {
        keepAll = false;
        lastBytes = new byte[columns][];
        lastLength = new int[columns];
        Arrays.fill(lastLength, -1);
    }

    /** True at the end of the stream (between rows). */
    boolean atEnd() throws IOException {
        return pos == limit && !fill(1, true);
    }

    int u8() throws IOException {
        if (pos == limit) {
            fill(1, false);
        }
        return buf[pos++] & 0xff;
    }

    /** {@code width} bytes, little-endian, as the low bits of a long. */
    long fixed(int width) throws IOException {
        if (limit - pos < width) {
            fill(width, false);
        }
        long v = 0;
        for (int i = width - 1; i >= 0; i--) {
            v = (v << 8) | (buf[pos + i] & 0xff);
        }
        pos += width;
        return v;
    }

    long varint() throws IOException {
        long v = 0;
        for (int shift = 0; ; shift += 7) {
            int b = u8();
            v |= (long) (b & 0x7f) << shift;
            if (b < 0x80) {
                return v;
            }
        }
    }

    /** A string of the header. */
    String string() throws IOException {
        int n = length();
        String s = new String(buf, pos, n, StandardCharsets.UTF_8);
        pos += n;
        return s;
    }

    /**
     * Column {@code c}'s string: {@code previous} (the previous row's) when the bytes are the same.
     * Most string columns repeat from row to row (a function id, a status, an empty error), and a
     * string not made is neither decoded nor collected.
     */
    String string(int c, String previous) throws IOException {
        int n = length();
        byte[] last = lastBytes[c];
        String s;
        if (previous != null && lastLength[c] == n && Arrays.equals(buf, pos, pos + n, last, 0, n)) {
            s = previous;
        } else {
            s = new String(buf, pos, n, StandardCharsets.UTF_8);
            if (n <= MAX_REMEMBERED) {
                if (last == null || last.length < n) {
                    lastBytes[c] = last = new byte[Math.max(n, 32)];
                }
                System.arraycopy(buf, pos, last, 0, n);
                lastLength[c] = n;
            } else {
                lastLength[c] = -1;
            }
        }
        pos += n;
        return s;
    }

    /** A string's length, its bytes then made available. */
    private int length() throws IOException {
        long len = varint();
        if (len > Integer.MAX_VALUE - 16) {
            throw new ValueTooLarge(len); // no array holds it: refused before any allocation
        }
        int n = (int) len;
        if (limit - pos < n) {
            fill(n, false);
        }
        return n;
    }

    /**
     * Makes at least {@code need} unread bytes available; false when the stream ended before any
     * (allowed only between rows), an {@link EOFException} inside one.
     */
    private boolean fill(int need, boolean atRowStart) throws IOException {
        if (!keepAll) {
            int unread = limit - pos;
            System.arraycopy(buf, pos, buf, 0, unread);
            pos = 0;
            limit = unread;
        }
        while (limit - pos < need) {
            if (limit == buf.length) {
                buf = Arrays.copyOf(buf, Math.max(buf.length * 2, pos + need));
            }
            int r = in.read(buf, limit, buf.length - limit);
            if (r < 0) {
                if (atRowStart && limit == pos) {
                    return false;
                }
                throw new EOFException("The result ended inside a row");
            }
            limit += r;
        }
        return true;
    }
}
