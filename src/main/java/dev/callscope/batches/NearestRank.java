package dev.callscope.batches;

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
            // median of three as the pivot, then a three-way partition (equal values are common: whole seconds)
            long x = median(a[lo], a[lo + (hi - lo) / 2], a[hi]);
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

    private static long median(long a, long b, long c) {
        return Math.max(Math.min(a, b), Math.min(Math.max(a, b), c));
    }

    private static void swap(long[] a, int i, int j) {
        long t = a[i];
        a[i] = a[j];
        a[j] = t;
    }
}
