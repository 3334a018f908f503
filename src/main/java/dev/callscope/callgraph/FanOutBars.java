package dev.callscope.callgraph;

import dev.callscope.time.EpochNanos;
import dev.callscope.timeline.CallAttempt;
import java.util.Arrays;

/**
 * A fan-out's runs as arrays, made once when the waterfall is laid out, and drawn as a density: how many of its calls
 * ran in each pixel column. Drawing 100,000 faint bars on every frame took 16 ms a frame; counting them into columns
 * takes well under one, and looks the same: {@code n} bars of opacity {@code a} stacked are {@code 1 - (1 - a)^n}.
 */
final class FanOutBars {

    private final long[] start;
    private final long[] end;
    private final boolean[] failed;

    private FanOutBars(long[] start, long[] end, boolean[] failed) {
        this.start = start;
        this.end = end;
        this.failed = failed;
    }

    /** Every started attempt of the calls {@code members} of {@code tree}, ended as the tree times them. */
    static FanOutBars of(CallTree tree, int[] members) {
        TreeCalls calls = tree.calls();
        int n = 0;
        for (int m : members) {
            n += calls.attempts(tree.callOf(m));
        }
        long[] s = new long[n];
        long[] e = new long[n];
        boolean[] f = new boolean[n];
        int k = 0;
        long now = EpochNanos.of(tree.now());
        for (int m : members) {
            int c = tree.callOf(m);
            for (int a = calls.first(c); a < calls.first(c + 1); a++) {
                if (calls.started(a) != CallAttempt.NO_TIME) {
                    s[k] = calls.started(a);
                    e[k] = calls.attemptEnd(a, now);
                    f[k] = calls.status(a).isFailure();
                    k++;
                }
            }
        }
        return new FanOutBars(Arrays.copyOf(s, k), Arrays.copyOf(e, k), Arrays.copyOf(f, k));
    }

    /**
     * How many runs cover each of {@code columns} pixel columns from {@code t0} over {@code span} nanoseconds, failed
     * ones apart ({@code [0]} run, {@code [1]} failed); a run narrower than a column covers the one it falls in.
     */
    int[][] density(long t0, long span, int columns) {
        int[] run = new int[columns + 1];
        int[] fail = new int[columns + 1];
        double perNano = columns / (double) Math.max(1, span);
        for (int i = 0; i < start.length; i++) {
            double x0 = (start[i] - t0) * perNano;
            double x1 = (end[i] - t0) * perNano;
            if (x1 < 0 || x0 > columns) {
                continue;
            }
            int c0 = (int) Math.max(0, Math.floor(x0));
            int c1 = (int) Math.min(columns, Math.max(c0 + 1, Math.ceil(x1)));
            int[] d = failed[i] ? fail : run;
            d[c0]++;
            d[c1]--;
        }
        for (int c = 1; c <= columns; c++) {
            run[c] += run[c - 1];
            fail[c] += fail[c - 1];
        }
        return new int[][] {run, fail};
    }
}
