package dev.callscope.functions;

/**
 * Execution times of finished calls in quarter-decade bins (1 ms, 1.78 ms, 3.16 ms, 5.62 ms, 10 ms, …):
 * bin {@code i} holds calls with {@code lowerMs(i) <= ms < lowerMs(i + 1)}.
 */
public record DurationHistogram(int firstBin, long[] counts) {

    public static final int BINS_PER_DECADE = 4;

    public static double lowerMs(int bin) {
        return Math.pow(10, (double) bin / BINS_PER_DECADE);
    }

    public double lowerOf(int i) {
        return lowerMs(firstBin + i);
    }

    public long total() {
        long t = 0;
        for (long c : counts) {
            t += c;
        }
        return t;
    }
}
