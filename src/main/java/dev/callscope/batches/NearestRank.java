package dev.callscope.batches;

import java.util.concurrent.ThreadLocalRandom;

/**
 * The value at rank ⌈q·n⌉ of values (nearest rank) found by selection, not by sorting: a job's
 * percentiles need three ranks of 200,000 values, which a sort costs ten times as much as.
 * The array is reordered.
 */
final class NearestRank {

    private NearestRank() {}

    /** The index (0-based) nearest rank {@code q} gives among {@code n} values. */
    static int index(int n, double q) {
        int i = (int) Math.ceil(q * n) - 1;
        return Math.max(0, Math.min(n - 1, i));
    }

    /** The {@code k}-th smallest (0-based) of {@code a[0, n)}, moving every smaller one before it and every larger after. */
    static long select(long[] a, int n, int k) {
        int lo = 0;
        int hi = n - 1;
        while (lo < hi) {
            // a random pivot (values come nearly sorted: a median of three degrades on what the
            // partitions leave), then a three-way partition (equal values are common: whole seconds)
            long x = a[lo + ThreadLocalRandom.current().nextInt(hi - lo + 1)];
            int lt = lo;
            int gt = hi;
            int i = lo;
            while (i <= gt) {
                if (a[i] < x) {
                    swap(a, lt++, i++);
                } else if (a[i] > x) {
                    swap(a, i, gt--);
                } else {
                    i++;
                }
            }
            if (k < lt) {
                hi = lt - 1;
            } else if (k > gt) {
                lo = gt + 1;
            } else {
                return x;
            }
        }
        return a[k];
    }

    private static void swap(long[] a, int i, int j) {
        long t = a[i];
        a[i] = a[j];
        a[j] = t;
    }
}
