package dev.callscope.demo;

import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * Enqueue times for one function: a mixture of a day-shaped curve (busiest mid-afternoon UTC,
 * quietest at night) and a few short bursts (batch fan-outs, traffic spikes). Sampling the mixture
 * directly keeps it fast: no thinning over a spiky intensity.
 */
final class Arrivals {

    private static final double DAY_US = 86_400e6;
    private static final double PEAK_HOUR = 15;

    private Arrivals() {}

    /** {@code n} sorted epoch-microsecond times in [startUs, endUs). */
    static long[] sample(FunctionProfile p, int n, long startUs, long endUs, RandomGenerator random) {
        long span = endUs - startUs;
        int burstCount = p.burstShare() > 0 ? 2 + random.nextInt(5) : 0;
        double[] burstCenter = new double[burstCount];
        double[] burstWidth = new double[burstCount];
        for (int b = 0; b < burstCount; b++) {
            // One burst is pinned near the end, so the latest window shows queueing and pending calls.
            burstCenter[b] = b == 0 ? span * (0.985 + 0.01 * random.nextDouble()) : span * random.nextDouble();
            burstWidth[b] = Math.min(span / 50.0, (2 + random.nextDouble() * 13) * 60e6);
        }
        long[] times = new long[n];
        for (int i = 0; i < n; i++) {
            double offset;
            if (burstCount > 0 && random.nextDouble() < p.burstShare()) {
                int b = random.nextInt(burstCount);
                offset = burstCenter[b] + Math.abs(random.nextGaussian()) * burstWidth[b];
                if (offset >= span) {
                    offset = burstCenter[b] - random.nextDouble() * burstWidth[b];
                }
            } else {
                offset = diurnal(p.diurnalAmplitude(), startUs, span, random);
            }
            times[i] = startUs + Math.clamp((long) offset, 0, span - 1);
        }
        Arrays.sort(times);
        return times;
    }

    /** Rejection sampling against 1 + a*cos(hour - peak): accepts at least 1/(1+2a) of draws. */
    private static double diurnal(double amplitude, long startUs, long span, RandomGenerator random) {
        while (true) {
            double offset = random.nextDouble() * span;
            double hour = ((startUs + offset) % DAY_US) / 3_600e6;
            double intensity = 1 + amplitude * Math.cos(2 * Math.PI * (hour - PEAK_HOUR) / 24);
            if (random.nextDouble() * (1 + amplitude) < intensity) {
                return offset;
            }
        }
    }
}
