package dev.callscope.time;

import java.time.Duration;
import java.time.Instant;

/**
 * "Now" as every view and command means it: the wall clock while the data is live, and just after
 * the newest event when the data stopped more than a minute ago (a demo, or a stalled pipeline),
 * so "the last hour" shows the data's last hour and nothing open is counted past the data.
 */
public final class DataNow {

    private DataNow() {}

    /** @param newest the newest event of the data, null when it has none */
    public static Instant of(Instant newest, Instant wall) {
        return newest != null && newest.isBefore(wall.minus(Duration.ofMinutes(1))) ? newest.plusMillis(1) : wall;
    }
}
