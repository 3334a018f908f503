package dev.callscope.time;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TimeSpecTest {

    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");

    @ParameterizedTest
    @CsvSource({
        "15m,PT15M",
        "1h,PT1H",
        "6 h,PT6H",
        "24h,PT24H",
        "7d,P7D",
        "last 2h,PT2H",
        "now-1d,P1D",
        "2w,P14D",
        "90 min,PT90M"
    })
    void relativeRanges(String text, Duration span) {
        TimeSpec spec = TimeSpec.parse(text, ZoneOffset.UTC, NOW);
        assertEquals(new TimeSpec.Last(span), spec);
        assertEquals(new TimeRange(NOW.minus(span), NOW), spec.resolve(NOW));
    }

    @Test
    void absoluteRangesInTheChosenZone() {
        ZoneId paris = ZoneId.of("Europe/Paris");
        TimeSpec local = TimeSpec.parse("2026-11-25 10:00 .. 12:30", paris, NOW);
        assertEquals(
                new TimeSpec.Between(Instant.parse("2026-11-25T09:00:00Z"), Instant.parse("2026-11-25T11:30:00Z")),
                local);
        TimeSpec iso = TimeSpec.parse("2026-11-24T00:00:00Z .. now-1h", ZoneOffset.UTC, NOW);
        assertEquals(
                new TimeSpec.Between(Instant.parse("2026-11-24T00:00:00Z"), Instant.parse("2026-11-25T11:00:00Z")),
                iso);
        assertEquals(Instant.parse("2026-11-25T10:00:00Z"), TimeSpec.instant("2h", ZoneOffset.UTC, NOW, null));
        assertEquals(Instant.parse("2026-11-24T23:00:00Z"), TimeSpec.instant("2026-11-25", paris, NOW, null));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "  ",
                "yesterday",
                "0h",
                "5 parsecs",
                "12:00 .. 11:00",
                "2026-11-25 10:00 .. 2026-11-25 09:00",
                "99999999d"
            })
    void nonsenseIsRefusedWithAReason(String text) {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> TimeSpec.parse(text, ZoneOffset.UTC, NOW));
        assertEquals(false, e.getMessage() == null || e.getMessage().isBlank());
    }

    @Test
    void theRangeBoxRefusesWhatNoViewCanRead() {
        for (String text : new String[] {
            "100000d", "0001-01-01 .. 2026-01-01", "2026-01-01 .. 2200-01-01", "1990-01-01 .. 2026-01-01"
        }) {
            IllegalArgumentException e =
                    assertThrows(IllegalArgumentException.class, () -> TimeSpec.parse(text, ZoneOffset.UTC, NOW), text);
            assertTrue(e.getMessage().startsWith("A range"), e.getMessage());
        }
        assertEquals(new TimeSpec.Last(Duration.ofDays(3650)), TimeSpec.parse("3650d", ZoneOffset.UTC, NOW));
        assertEquals(
                new TimeSpec.Between(Instant.parse("1970-01-01T00:00:00Z"), Instant.parse("1979-01-01T00:00:00Z")),
                TimeSpec.parse("1970-01-01 .. 1979-01-01", ZoneOffset.UTC, NOW));
    }
}
