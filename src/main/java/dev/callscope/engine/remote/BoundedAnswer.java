package dev.callscope.engine.remote;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * An answer's bytes, refused past a limit: a server that ignores {@code max_result_bytes}, or a
 * proxy, cannot make Callscope read (and keep) more than the connection allows.
 */
final class BoundedAnswer extends FilterInputStream {

    /** Thrown once more bytes arrive than allowed. */
    static final class TooLarge extends IOException {
        private final long limit;

        TooLarge(long limit) {
            super("the answer is larger than " + limit + " bytes");
            this.limit = limit;
        }

        long limit() {
            return limit;
        }
    }

    private final long limit;
    private long read;

    BoundedAnswer(InputStream in, long limit) {
        super(in);
        this.limit = limit;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            count(1);
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = super.read(b, off, len);
        if (n > 0) {
            count(n);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        long s = super.skip(n);
        count(s);
        return s;
    }

    private void count(long n) throws TooLarge {
        read += n;
        if (read > limit) {
            throw new TooLarge(limit);
        }
    }

    /** The {@link TooLarge} somewhere in {@code e}'s causes, or null. */
    static TooLarge tooLarge(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof TooLarge large) {
                return large;
            }
        }
        return null;
    }
}
