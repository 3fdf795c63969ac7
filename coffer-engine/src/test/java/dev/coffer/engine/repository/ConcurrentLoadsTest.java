package dev.coffer.engine.repository;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

class ConcurrentLoadsTest {

    @Test
    void givesTheResultsInTheItemsOrder() {
        List<Integer> items = IntStream.range(0, 100).boxed().toList();

        assertThat(ConcurrentLoads.map(items, i -> "#" + i))
                .containsExactlyElementsOf(items.stream().map(i -> "#" + i).toList());
        assertThat(ConcurrentLoads.map(List.of(7), i -> i * 2)).containsExactly(14);
        assertThat(ConcurrentLoads.map(List.<Integer>of(), i -> i)).isEmpty();
    }

    @Test
    void hasSeveralLoadsInFlight() {
        // Each load waits until IN_FLIGHT loads are waiting: loading one at a time would time out here.
        CyclicBarrier allInFlight = new CyclicBarrier(ConcurrentLoads.IN_FLIGHT);
        List<Integer> items = IntStream.range(0, 3 * ConcurrentLoads.IN_FLIGHT).boxed().toList();

        List<Integer> results = ConcurrentLoads.map(items, i -> {
            try {
                allInFlight.await(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException("the loads did not run concurrently", e);
            }
            return i;
        });

        assertThat(results).containsExactlyElementsOf(items);
    }

    @Test
    void throwsTheFirstFailingItemsExceptionAsItWasThrown() {
        List<Integer> items = IntStream.range(0, 20).boxed().toList();

        assertThatThrownBy(() -> ConcurrentLoads.map(items, i -> {
            if (i == 5 || i == 15) {
                throw new SnapshotNotFoundException("no snapshot " + i);
            }
            return i;
        })).isInstanceOf(SnapshotNotFoundException.class).hasMessage("no snapshot 5");
    }
}
