package dev.callscope.ids;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.callscope.ids.CallscopeIds.Kind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CallscopeIdsTest {

    @Test
    void prefixesAndShape() {
        assertEquals("ap-", Kind.APP.prefix());
        assertTrue(CallscopeIds.next(Kind.FUNCTION).startsWith("fu-"));
        assertTrue(CallscopeIds.next(Kind.CALL).startsWith("fc-"));
        assertTrue(CallscopeIds.next(Kind.CONTAINER).startsWith("ta-"));
        String id = CallscopeIds.next(Kind.CALL);
        assertEquals(29, id.length());
        assertTrue(CallscopeIds.isValid(Kind.CALL, id));
        assertFalse(CallscopeIds.isValid(Kind.CONTAINER, id));
        assertFalse(CallscopeIds.isValid(Kind.CALL, "fc-not-a-ulid"));
        assertEquals(Kind.CONTAINER, Kind.of(CallscopeIds.next(Kind.CONTAINER)));
        assertThrows(IllegalArgumentException.class, () -> CallscopeIds.instantOf("xx-01ARZ3NDEKTSV4RRFFQ69G5FAV"));
    }

    @Test
    void timePartRoundTripsAndSortsWithTime() {
        Random r = new Random(7);
        Instant t = Instant.parse("2026-05-04T12:34:56.789Z");
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            Instant at = t.plusMillis(i * 37L);
            String id = CallscopeIds.at(Kind.CALL, at.toEpochMilli(), r);
            assertEquals(at, CallscopeIds.instantOf(id));
            ids.add(id);
        }
        List<String> sorted = new ArrayList<>(ids);
        sorted.sort(null);
        assertEquals(ids, sorted, "text order is time order");
    }

    @Test
    void seededGenerationIsReproducible() {
        long ms = 1_777_000_000_000L;
        assertEquals(CallscopeIds.at(Kind.CALL, ms, new Random(1)), CallscopeIds.at(Kind.CALL, ms, new Random(1)));
        assertNotEquals(CallscopeIds.at(Kind.CALL, ms, new Random(1)), CallscopeIds.at(Kind.CALL, ms, new Random(2)));
    }

    @Test
    void rangeBoundsEncloseExactlyTheIdsOfTheRange() {
        Instant from = Instant.parse("2026-05-04T10:00:00Z");
        Instant to = Instant.parse("2026-05-04T11:00:00Z");
        String lo = CallscopeIds.lowerBound(Kind.CALL, from);
        String hi = CallscopeIds.upperBound(Kind.CALL, to);
        Random r = new Random(3);
        for (long ms :
                new long[] {from.toEpochMilli(), from.toEpochMilli() + 1, to.toEpochMilli() - 1, to.toEpochMilli()}) {
            for (int i = 0; i < 200; i++) {
                String id = CallscopeIds.at(Kind.CALL, ms, r);
                assertTrue(id.compareTo(lo) >= 0 && id.compareTo(hi) <= 0, id);
            }
        }
        for (int i = 0; i < 200; i++) {
            String before = CallscopeIds.at(Kind.CALL, from.toEpochMilli() - 1, r);
            String after = CallscopeIds.at(Kind.CALL, to.toEpochMilli() + 1, r);
            assertTrue(before.compareTo(lo) < 0, before);
            assertTrue(after.compareTo(hi) > 0, after);
        }
        assertEquals(from, CallscopeIds.instantOf(lo));
        assertEquals(to, CallscopeIds.instantOf(hi));
    }
}
