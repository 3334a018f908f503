package dev.callscope.batches;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Selection gives the value a sort would put at each rank, with many equal values and without. */
class NearestRankTest {

    @Test
    void everyRankIsTheSortedValueThere() {
        Random random = new Random(18);
        for (int n : new int[] {1, 2, 3, 10, 101, 5000}) {
            for (int distinct : new int[] {1, 3, 1_000_000}) {
                long[] values = new long[n];
                for (int i = 0; i < n; i++) {
                    values[i] = random.nextInt(distinct) - distinct / 2;
                }
                long[] sorted = values.clone();
                Arrays.sort(sorted);
                long[] work = values.clone();
                for (int k = 0; k < n; k += Math.max(1, n / 97)) {
                    assertEquals(sorted[k], NearestRank.select(work, n, k), "n " + n + " k " + k);
                }
                assertEquals(sorted[n - 1], NearestRank.select(work, n, n - 1));
            }
        }
    }

    @Test
    void theNearestRankOfAQuantile() {
        assertEquals(0, NearestRank.index(1, 0.99));
        assertEquals(4, NearestRank.index(10, 0.5)); // rank ⌈5⌉ = 5
        assertEquals(8, NearestRank.index(10, 0.9));
        assertEquals(9, NearestRank.index(10, 0.99)); // rank ⌈9.9⌉ = 10
        assertEquals(98, NearestRank.index(100, 0.99));
    }
}
