package dev.callscope.engine.embedded;

import dev.callscope.engine.EngineException;
import dev.callscope.engine.QueryStats;
import java.io.InputStream;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.time.Duration;

/** One {@code chdb_result*}: its bytes are read in place from native memory, then it is destroyed. */
final class NativeResult implements AutoCloseable {

    private final ChdbLibrary lib;
    private final MemorySegment handle;

    NativeResult(ChdbLibrary lib, MemorySegment handle) {
        if (handle.equals(MemorySegment.NULL)) {
            throw new EngineException(0, "chDB returned no result");
        }
        this.lib = lib;
        this.handle = handle;
    }

    /** The engine's error text, or null when the statement succeeded. */
    String error() {
        try {
            MemorySegment e = (MemorySegment) lib.resultError.invokeExact(handle);
            return e.equals(MemorySegment.NULL)
                    ? null
                    : e.reinterpret(Integer.MAX_VALUE).getString(0);
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    long length() {
        try {
            return (long) lib.resultLength.invokeExact(handle);
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /** A stream over the result bytes without copying them onto the Java heap. */
    InputStream bytes() {
        long len = length();
        if (len == 0) {
            return InputStream.nullInputStream();
        }
        try {
            MemorySegment buf = (MemorySegment) lib.resultBuffer.invokeExact(handle);
            return new ByteBufferInputStream(buf.reinterpret(len).asByteBuffer());
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    QueryStats stats(long resultRows) {
        try {
            long rows = (long) lib.resultStorageRowsRead.invokeExact(handle);
            long bytes = (long) lib.resultStorageBytesRead.invokeExact(handle);
            double seconds = (double) lib.resultElapsed.invokeExact(handle);
            return new QueryStats(rows, bytes, resultRows, Duration.ofNanos((long) (seconds * 1e9)));
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    long rowsWritten() {
        try {
            return (long) lib.resultRowsWritten.invokeExact(handle);
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    @Override
    public void close() {
        try {
            lib.destroyQueryResult.invokeExact(handle);
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /** Reads a (native) ByteBuffer; ClickHouse's reader wants an InputStream. */
    private static final class ByteBufferInputStream extends InputStream {
        private final ByteBuffer buf;

        ByteBufferInputStream(ByteBuffer buf) {
            this.buf = buf;
        }

        @Override
        public int read() {
            return buf.hasRemaining() ? buf.get() & 0xFF : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (len == 0) {
                return 0;
            }
            if (!buf.hasRemaining()) {
                return -1;
            }
            int n = Math.min(len, buf.remaining());
            buf.get(b, off, n);
            return n;
        }

        @Override
        public int available() {
            return buf.remaining();
        }
    }
}
