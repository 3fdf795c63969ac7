package dev.coffer.engine.store.retry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.coffer.engine.store.ObjectNotFoundException;
import dev.coffer.engine.store.PendingObject;
import dev.coffer.engine.store.StoreException;
import dev.coffer.engine.store.faulty.FaultInjectingStore;
import dev.coffer.engine.store.faulty.FaultInjectingStore.Operation;
import dev.coffer.engine.store.memory.MemoryStore;

class RetryingStoreTest {

    private final List<Duration> sleeps = new ArrayList<>();
    private final FaultInjectingStore faulty = new FaultInjectingStore(new MemoryStore());
    private final RetryingStore store = new RetryingStore(faulty,
            new RetryPolicy(5, Duration.ofMillis(100), Duration.ofMillis(500)), sleeps::add);

    @Test
    void transientFailuresAreRiddenOut() {
        faulty.failNext(Operation.PUT, 4);

        store.put("config", new byte[] {1});

        assertThat(faulty.calls(Operation.PUT)).isEqualTo(5);
        assertThat(store.get("config")).containsExactly(1);
    }

    @Test
    void commitOfAPendingObjectIsRetriedWithItsData() {
        faulty.failNext(Operation.PUT, 3);

        try (PendingObject object = store.create()) {
            object.write(new byte[] {4, 5, 6}, 0, 3);
            object.commit("data/00/p");
        }

        assertThat(faulty.calls(Operation.PUT)).isEqualTo(4);
        assertThat(store.get("data/00/p")).containsExactly(4, 5, 6);
    }

    @Test
    void givesUpAfterTheLastAttemptKeepingTheCause() {
        faulty.failNext(Operation.GET, 10);

        assertThatThrownBy(() -> store.get("config"))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("get config failed after 5 attempts")
                .hasMessageContaining("injected failure of GET config")
                .hasCauseInstanceOf(StoreException.class)
                .matches(e -> ((StoreException) e).retriable(), "still retriable for a later run");
        assertThat(faulty.calls(Operation.GET)).isEqualTo(5);
    }

    @Test
    void waitsGrowExponentiallyWithJitterUpToTheMaximum() {
        faulty.failNext(Operation.LIST, 4);

        store.list("");

        assertThat(sleeps).hasSize(4);
        long[] ceilings = {100, 200, 400, 500};
        for (int i = 0; i < 4; i++) {
            assertThat(sleeps.get(i).toMillis()).as("wait %d", i + 1).isBetween(ceilings[i] / 2, ceilings[i]);
        }
    }

    @Test
    void permanentFailuresAreNotRetried() {
        faulty.crashAfter(Operation.PUT, 0);

        assertThatThrownBy(() -> store.put("config", new byte[1]))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("injected crash")
                .matches(e -> !((StoreException) e).retriable(), "permanent");
        assertThat(faulty.calls(Operation.PUT)).isEqualTo(1);
        assertThat(sleeps).isEmpty();
    }

    @Test
    void missingObjectsAndBadArgumentsPassThroughAtOnce() {
        assertThatThrownBy(() -> store.size("missing")).isInstanceOf(ObjectNotFoundException.class);
        assertThatThrownBy(() -> store.get("../etc")).isInstanceOf(IllegalArgumentException.class);

        assertThat(faulty.calls(Operation.SIZE)).isEqualTo(1);
        assertThat(sleeps).isEmpty();
    }

    @Test
    void interruptStopsRetryingAndIsKept() {
        RetryingStore interrupted = new RetryingStore(faulty, RetryPolicy.defaults(), duration -> {
            throw new InterruptedException();
        });
        faulty.failNext(Operation.DELETE, 1);

        try {
            assertThatThrownBy(() -> interrupted.delete("config"))
                    .isInstanceOf(StoreException.class)
                    .hasMessageContaining("interrupted while waiting to retry")
                    .matches(e -> !((StoreException) e).retriable(), "permanent");
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void policyRefusesNonsense() {
        assertThatThrownBy(() -> new RetryPolicy(0, Duration.ZERO, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxAttempts");
        assertThatThrownBy(() -> new RetryPolicy(3, Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxDelay");
    }
}
