package dev.coffer.engine.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * The {@link Store} contract for an {@linkplain Store#appendOnly() append-only} store: everything of
 * {@link StoreContractTest} but replacing and deleting, and instead the refusals, which change nothing.
 */
public abstract class AppendOnlyStoreContractTest extends StoreContractTest {

    @Test
    void declaresItselfAppendOnly() {
        assertThat(store.appendOnly()).isTrue();
    }

    @Test
    void putOfOtherBytesUnderAnExistingNameIsRefusedAndChangesNothing() {
        byte[] first = randomBytes(500, 31);
        store.put("index/1", first);

        assertThatThrownBy(() -> store.put("index/1", randomBytes(200, 32)))
                .isInstanceOf(AppendOnlyException.class).hasMessageContaining("index/1")
                .matches(e -> !((StoreException) e).retriable(), "not retriable");

        assertThat(store.get("index/1")).isEqualTo(first);
        assertThat(store.list("")).containsExactly(new StoreEntry("index/1", 500));
    }

    @Test
    void commitOfOtherBytesUnderAnExistingNameIsRefusedAndTheSameBytesAreAccepted() {
        byte[] first = randomBytes(3000, 33);
        store.put("data/ab/abc", first);
        try (PendingObject other = store.create()) {
            other.write(randomBytes(3000, 34), 0, 3000);
            assertThatThrownBy(() -> other.commit("data/ab/abc")).isInstanceOf(AppendOnlyException.class);
        }
        try (PendingObject same = store.create()) {
            same.write(first, 0, first.length);
            same.commit("data/ab/abc");
        }

        assertThat(store.get("data/ab/abc")).isEqualTo(first);
        assertThat(store.list("")).containsExactly(new StoreEntry("data/ab/abc", 3000));
    }

    @Test
    void deleteOutsideLocksIsRefusedAndChangesNothing() {
        store.put("snapshots/s1", randomBytes(64, 35));
        store.put("data/00/p", randomBytes(64, 36));

        for (String name : new String[] {"snapshots/s1", "data/00/p", "index/never-there"}) {
            assertThatThrownBy(() -> store.delete(name)).isInstanceOf(AppendOnlyException.class)
                    .matches(e -> !((StoreException) e).retriable(), "not retriable");
        }

        assertThat(store.list("")).extracting(StoreEntry::name).containsExactlyInAnyOrder("snapshots/s1", "data/00/p");
    }

    @Test
    void locksMayBeDeleted() {
        store.put("locks/l1", randomBytes(10, 37));
        store.put("locks/l2", randomBytes(10, 38));

        store.delete("locks/l1");
        store.delete("locks/l1");
        store.delete("locks/never-there");

        assertThatThrownBy(() -> store.get("locks/l1")).isInstanceOf(ObjectNotFoundException.class);
        assertThat(store.list("locks/")).extracting(StoreEntry::name).containsExactly("locks/l2");
    }
}
