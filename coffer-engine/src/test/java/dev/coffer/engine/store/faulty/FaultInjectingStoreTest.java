package dev.coffer.engine.store.faulty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.function.Consumer;

import org.junit.jupiter.api.Test;

import dev.coffer.engine.store.ObjectNotFoundException;
import dev.coffer.engine.store.PendingObject;
import dev.coffer.engine.store.StoreEntry;
import dev.coffer.engine.store.StoreException;
import dev.coffer.engine.store.faulty.FaultInjectingStore.Operation;
import dev.coffer.engine.store.memory.MemoryStore;

class FaultInjectingStoreTest {

    private final MemoryStore memory = new MemoryStore();
    private final FaultInjectingStore store = new FaultInjectingStore(memory);

    @Test
    void failNextFailsExactlyThatManyCallsAndStoresNothing() {
        store.failNext(Operation.PUT, 2);

        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> store.put("config", new byte[1]))
                    .isInstanceOf(StoreException.class)
                    .matches(e -> ((StoreException) e).retriable(), "retriable");
        }
        assertThatThrownBy(() -> memory.get("config")).isInstanceOf(ObjectNotFoundException.class);
        store.put("config", new byte[1]);
        assertThat(memory.get("config")).hasSize(1);
        assertThat(store.calls(Operation.PUT)).isEqualTo(3);
    }

    @Test
    void crashAtRefusesTheNthPutUnderAPrefixAndEverythingAfterIt() {
        store.crashAt(Operation.PUT, "index/", 2);
        store.put("index/1", new byte[1]);
        store.put("data/00/p", new byte[1]);
        assertThatThrownBy(() -> store.put("index/2", new byte[1])).isInstanceOf(StoreException.class)
                .hasMessageContaining("injected crash").matches(e -> !((StoreException) e).retriable(), "permanent");
        assertThatThrownBy(() -> store.get("index/1")).hasMessageContaining("injected crash");

        assertThat(memory.list("")).extracting(StoreEntry::name).containsExactlyInAnyOrder("index/1", "data/00/p");
    }

    @Test
    void crashAfterLetsThatManyPutsThroughThenRefusesEverything() {
        store.crashAfter(Operation.PUT, 2);
        store.put("a", new byte[1]);
        store.get("a");
        store.put("b", new byte[1]);

        assertThatThrownBy(() -> store.put("c", new byte[1]))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("injected crash")
                .matches(e -> !((StoreException) e).retriable(), "permanent");
        assertThatThrownBy(() -> store.get("a")).hasMessageContaining("injected crash");
        assertThat(memory.list("")).hasSize(2);

        store.heal();
        assertThat(store.get("a")).hasSize(1);
    }

    @Test
    void commitsOfPendingObjectsAreFaultedAndCrashedLikePuts() {
        store.failNext(Operation.PUT, 1).crashAfter(Operation.PUT, 1);
        try (PendingObject first = store.create(); PendingObject second = store.create()) {
            first.write(new byte[] {1, 2}, 0, 2);
            second.write(new byte[] {3}, 0, 1);

            assertThatThrownBy(() -> first.commit("data/a")).hasMessageContaining("injected failure of PUT data/a");
            first.commit("data/a");
            assertThatThrownBy(() -> second.commit("data/b")).hasMessageContaining("injected crash");
            assertThatThrownBy(() -> second.write(new byte[1], 0, 1)).hasMessageContaining("injected crash");
        }

        assertThat(memory.list("")).extracting(StoreEntry::name).containsExactly("data/a");
        assertThat(store.calls(Operation.PUT)).isEqualTo(3);
    }

    @Test
    void corruptNextFlipsOneByteOfTheResultOnly() {
        byte[] data = {1, 2, 3, 4, 5};
        store.put("pack", data);
        store.corruptNext(Operation.GET, 1).corruptNext(Operation.GET_RANGE, 1);

        assertThat(store.get("pack")).containsExactly(1, 2, (byte) ~3, 4, 5);
        assertThat(store.get("pack")).containsExactly(data);
        assertThat(store.getRange("pack", 1, 2)).containsExactly(2, (byte) ~3);
        assertThat(memory.get("pack")).containsExactly(data);
        assertThatThrownBy(() -> store.corruptNext(Operation.PUT, 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void randomFaultsAreRepeatableForOneSeed() {
        assertThat(failurePattern(7)).isEqualTo(failurePattern(7)).contains("x").contains(".");
        assertThat(failurePattern(7)).isNotEqualTo(failurePattern(8));
    }

    @Test
    void someRandomPutFailuresHappenAfterTheObjectWasStored() {
        FaultInjectingStore random = new FaultInjectingStore(memory).randomFaults(1, 1.0);
        int storedDespiteFailure = 0;
        for (int i = 0; i < 20; i++) {
            String name = "o" + i;
            assertThatThrownBy(() -> random.put(name, new byte[1])).isInstanceOf(StoreException.class);
            storedDespiteFailure += memory.list(name).isEmpty() ? 0 : 1;
        }
        assertThat(storedDespiteFailure).isBetween(1, 19);
    }

    private static String failurePattern(long seed) {
        FaultInjectingStore random = new FaultInjectingStore(new MemoryStore()).randomFaults(seed, 0.3);
        StringBuilder pattern = new StringBuilder();
        Consumer<Runnable> attempt = call -> {
            try {
                call.run();
                pattern.append('.');
            } catch (StoreException e) {
                pattern.append('x');
            }
        };
        for (int i = 0; i < 40; i++) {
            attempt.accept(() -> random.list(""));
        }
        return pattern.toString();
    }
}
