package dev.callscope.demo;

/**
 * How one demo function behaves: its resources, how often it is called, how long calls run and
 * how they fail. Durations are log-normal (median, sigma), which is how real call latencies look.
 *
 * @param kind          a workload family, used to pick log lines that fit (inference, training, ...)
 * @param share         relative call volume among all functions
 * @param headroom      container limit as a multiple of the average busy containers; below ~2
 *                      the bursts queue
 * @param idleTimeoutS  idle seconds before a warm container is stopped
 * @param burstShare    fraction of calls that arrive in bursts rather than following the day's curve
 */
public record FunctionProfile(
        String app,
        String name,
        Kind kind,
        String gpuType,
        int gpuCount,
        float cpuCores,
        int memoryMib,
        double share,
        double medianS,
        double sigma,
        double coldStartS,
        double headroom,
        double idleTimeoutS,
        double timeoutS,
        double failRate,
        double initFailRate,
        double terminateRate,
        int maxRetries,
        double diurnalAmplitude,
        double burstShare) {

    /** Workload families; the log generator picks messages per family. */
    public enum Kind {
        INFERENCE,
        BATCH,
        TRAINING,
        WEB,
        PIPELINE
    }

    /** Mean of the log-normal duration, in seconds. */
    public double meanS() {
        return medianS * Math.exp(sigma * sigma / 2);
    }
}
