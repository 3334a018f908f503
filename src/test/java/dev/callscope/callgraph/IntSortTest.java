package dev.callscope.callgraph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The index sort orders as a stable sort of boxed indices does: ties keep their order. */
class IntSortTest {

    @Test
    void ordersAsAStableBoxedSort() {
        Random random = new Random(7);
        for (int n : new int[] {0, 1, 2, 3, 17, 1000, 40_000}) {
            for (int distinct : new int[] {1, 5, 1_000_000}) {
                long[] key = new long[n];
                for (int i = 0; i < n; i++) {
                    key[i] = random.nextInt(distinct);
                }
                int[] ours = IntStream.range(0, n).map(i -> n - 1 - i).toArray();
                Integer[] boxed = Arrays.stream(ours).boxed().toArray(Integer[]::new);
                Arrays.sort(boxed, Comparator.comparingLong(i -> key[i])); // stable
                IntSort.sort(ours, (a, b) -> Long.compare(key[a], key[b]));
                assertArrayEquals(
                        Arrays.stream(boxed).mapToInt(Integer::intValue).toArray(), ours, "n " + n);
            }
        }
    }
}
