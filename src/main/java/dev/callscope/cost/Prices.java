package dev.callscope.cost;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a second of each resource costs, in dollars: per GPU of a type, per reserved CPU core and per
 * GiB of reserved memory. A container's price per second is the sum over what it reserves.
 *
 * @param gpuPerSecond      price of one GPU-second, by GPU type as the events name it
 * @param cpuCorePerSecond  price of one reserved core for one second
 * @param memoryGibPerSecond price of one reserved GiB for one second
 * @param examples          true for {@link #EXAMPLES}: the UI labels them as examples, not a quote
 */
public record Prices(
        Map<String, Double> gpuPerSecond, double cpuCorePerSecond, double memoryGibPerSecond, boolean examples) {

    /** Round numbers in the range of public per-second GPU pricing; labelled as examples everywhere. */
    public static final Prices EXAMPLES = new Prices(examplesGpu(), 0.0000131, 0.00000222, true);

    public Prices {
        gpuPerSecond = Map.copyOf(gpuPerSecond);
        for (Map.Entry<String, Double> e : gpuPerSecond.entrySet()) {
            requirePrice(e.getValue(), "GPU " + e.getKey());
        }
        requirePrice(cpuCorePerSecond, "CPU core");
        requirePrice(memoryGibPerSecond, "memory");
    }

    /**
     * No resource costs a thousand dollars a second; a larger price is a typo, and one near
     * Double.MAX_VALUE would turn sums into Infinity.
     */
    public static final double MAX_PER_SECOND = 1_000;

    private static void requirePrice(double p, String what) {
        if (!Double.isFinite(p) || p < 0) {
            throw new IllegalArgumentException("The price of " + what + " must be a non-negative number, not " + p);
        }
        if (p > MAX_PER_SECOND) {
            throw new IllegalArgumentException("The price of " + what + " must be at most " + (int) MAX_PER_SECOND
                    + " dollars a second, not " + p);
        }
    }

    private static Map<String, Double> examplesGpu() {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("H100", 0.001097);
        m.put("A100-80GB", 0.000694);
        m.put("A100-40GB", 0.000583);
        m.put("L40S", 0.000542);
        m.put("A10G", 0.000306);
        m.put("T4", 0.000164);
        return m;
    }

    /** The same prices with one GPU type's changed (the editable table). */
    public Prices withGpu(String type, double perSecond) {
        Map<String, Double> m = new LinkedHashMap<>(gpuPerSecond);
        m.put(type, perSecond);
        return new Prices(m, cpuCorePerSecond, memoryGibPerSecond, false);
    }

    public Prices withCpu(double perSecond) {
        return new Prices(gpuPerSecond, perSecond, memoryGibPerSecond, false);
    }

    public Prices withMemory(double perSecond) {
        return new Prices(gpuPerSecond, cpuCorePerSecond, perSecond, false);
    }

    /** Dollars per second for a container reserving these resources. */
    public double perSecond(String gpuType, int gpuCount, double cpuCores, long memoryMib) {
        return gpuPerSecond.getOrDefault(gpuType, 0.0) * gpuCount
                + cpuCores * cpuCorePerSecond
                + memoryMib / 1024.0 * memoryGibPerSecond;
    }

    /** GPU types and prices as two parallel lists, the form SQL's {@code transform} takes them in. */
    List<String> gpuTypes() {
        return new ArrayList<>(gpuPerSecond.keySet());
    }

    List<Double> gpuPrices(List<String> types) {
        return types.stream().map(gpuPerSecond::get).toList();
    }
}
