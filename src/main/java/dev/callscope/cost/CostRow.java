package dev.callscope.cost;

import java.time.LocalDate;

/**
 * One function's cost on one day (or, with {@code day} null, over a whole range). Seconds are of
 * container time; dollars are those seconds at the function's resources' prices.
 *
 * @param attempts   attempts that finished in the period
 * @param successes  of those, the ones that succeeded (a call's successful attempt ends the call)
 * @param coldSeconds cold-start time, billed (the container was starting for this attempt)
 * @param runSeconds  time user code ran, billed
 * @param failedSeconds billed time of attempts that failed, timed out or were terminated
 * @param gpuSeconds  billed time times GPUs
 * @param idleSeconds container time alive but serving no attempt (kept warm between calls)
 * @param unfinished  attempts with no finish event, billed up to a bound ({@link CostQuery#MAX_OPEN}) and
 *                    counted on the day their billing ends; not among {@code attempts}
 */
public record CostRow(
        LocalDate day,
        String functionId,
        String functionName,
        String appName,
        String gpuType,
        long attempts,
        long successes,
        double coldSeconds,
        double runSeconds,
        double failedSeconds,
        double gpuSeconds,
        double cost,
        double coldCost,
        double failedCost,
        double idleSeconds,
        double idleCost,
        long unfinished) {

    public double billableSeconds() {
        return coldSeconds + runSeconds;
    }

    /** Billed cost over successful attempts; NaN when none succeeded. */
    public double costPerSuccess() {
        return successes == 0 ? Double.NaN : cost / successes;
    }

    public double failedShare() {
        return cost == 0 ? 0 : failedCost / cost;
    }

    public double coldShare() {
        return cost == 0 ? 0 : coldCost / cost;
    }

    /** The sum of two rows of the same function (days summed into a range). */
    CostRow plus(CostRow o) {
        return new CostRow(
                null,
                functionId,
                functionName,
                appName,
                gpuType,
                attempts + o.attempts,
                successes + o.successes,
                coldSeconds + o.coldSeconds,
                runSeconds + o.runSeconds,
                failedSeconds + o.failedSeconds,
                gpuSeconds + o.gpuSeconds,
                cost + o.cost,
                coldCost + o.coldCost,
                failedCost + o.failedCost,
                idleSeconds + o.idleSeconds,
                idleCost + o.idleCost,
                unfinished + o.unfinished);
    }

    /** The same numbers, no longer tied to one day. */
    CostRow plusDayless() {
        return new CostRow(
                null,
                functionId,
                functionName,
                appName,
                gpuType,
                attempts,
                successes,
                coldSeconds,
                runSeconds,
                failedSeconds,
                gpuSeconds,
                cost,
                coldCost,
                failedCost,
                idleSeconds,
                idleCost,
                unfinished);
    }

    /** The same numbers under another grouping (an app's total, say). */
    CostRow as(String id, String name, String app, String gpu) {
        return new CostRow(
                day,
                id,
                name,
                app,
                gpu,
                attempts,
                successes,
                coldSeconds,
                runSeconds,
                failedSeconds,
                gpuSeconds,
                cost,
                coldCost,
                failedCost,
                idleSeconds,
                idleCost,
                unfinished);
    }
}
