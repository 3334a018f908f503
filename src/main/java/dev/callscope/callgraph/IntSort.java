package dev.callscope.callgraph;

/**
 * A stable merge sort of {@code int} indices by a comparator of indices: the tree sorts 100k
 * children of one fan-out, which as boxed {@code Integer}s cost a fifth of its build.
 */
final class IntSort {

    /** Compares two indices, as {@link java.util.Comparator#compare}. */
    @FunctionalInterface
    interface IndexOrder {
        int compare(int a, int b);
    }

    private IntSort() {}

    static void sort(int[] a, IndexOrder order) {
        if (a.length < 2) {
            return;
        }
        int[] tmp = new int[a.length];
        for (int width = 1; width < a.length; width *= 2) {
            for (int lo = 0; lo < a.length - width; lo += 2 * width) {
                int mid = lo + width;
                int hi = Math.min(lo + 2 * width, a.length);
                if (order.compare(a[mid - 1], a[mid]) <= 0) {
                    continue; // already in order: a sorted run costs one comparison
                }
                System.arraycopy(a, lo, tmp, lo, hi - lo);
                int i = lo;
                int j = mid;
                for (int k = lo; k < hi; k++) {
                    if (i < mid && (j >= hi || order.compare(tmp[i], tmp[j]) <= 0)) {
                        a[k] = tmp[i++];
                    } else {
                        a[k] = tmp[j++];
                    }
                }
            }
        }
    }
}
