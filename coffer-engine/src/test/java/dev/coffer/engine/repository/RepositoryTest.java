package dev.coffer.engine.repository;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.coffer.engine.crypto.KdfParams;
import dev.coffer.engine.snapshot.Snapshot;
import dev.coffer.engine.snapshot.SnapshotSummary;
import dev.coffer.engine.store.memory.MemoryStore;

class RepositoryTest {

    private static final char[] PASS = "first secret".toCharArray();
    private final MemoryStore store = new MemoryStore();

    @Test
    void wrongPassphraseIsRefusedWithAClearMessage() {
        Repository.init(store, PASS, RepositoryOptions.forTests());
        assertThatThrownBy(() -> Repository.open(store, "not it".toCharArray()))
                .isInstanceOf(WrongPassphraseException.class)
                .hasMessageContaining("wrong passphrase");
    }

    @Test
    void reopensWithTheSameIdAndConfigAndNoPlaintextInTheStore() {
        Repository repo = Repository.init(store, PASS, RepositoryOptions.forTests());
        Repository again = Repository.open(store, PASS);
        assertThat(again.id()).isEqualTo(repo.id());
        assertThat(again.config()).isEqualTo(repo.config());
        String config = new String(store.get(RepositoryLayout.CONFIG), java.nio.charset.StandardCharsets.ISO_8859_1);
        assertThat(config).doesNotContain("fastcdc").doesNotContain(repo.id());
    }

    @Test
    void initRefusesAnExistingRepositoryAndOpenAnEmptyStore() {
        assertThatThrownBy(() -> Repository.open(store, PASS)).isInstanceOf(RepositoryNotFoundException.class)
                .hasMessageContaining("run init");
        Repository.init(store, PASS, RepositoryOptions.forTests());
        assertThatThrownBy(() -> Repository.init(store, PASS, RepositoryOptions.forTests()))
                .isInstanceOf(RepositoryExistsException.class);
    }

    @Test
    void passphrasesCanBeAddedAndChangedWithoutTouchingData() {
        Repository repo = Repository.init(store, PASS, new RepositoryOptions(RepositoryOptions.forTests().chunker(), 4096, 1,
                KdfParams.FAST_FOR_TESTS));
        String blob = RepositoryLayout.snapshotObject(repo.saveSnapshot(snapshot("2024-01-01T00:00:00Z")).id());
        byte[] before = store.get(blob);

        repo.changePassphrase("second secret".toCharArray());
        assertThatThrownBy(() -> Repository.open(store, PASS)).isInstanceOf(WrongPassphraseException.class);
        Repository reopened = Repository.open(store, "second secret".toCharArray());
        assertThat(reopened.id()).isEqualTo(repo.id());
        assertThat(store.get(blob)).isEqualTo(before);
        assertThat(store.list(RepositoryLayout.KEYS)).hasSize(1);
    }

    @Test
    void findsSnapshotsByLatestAndUniquePrefix() {
        Repository repo = Repository.init(store, PASS, RepositoryOptions.forTests());
        assertThatThrownBy(() -> repo.findSnapshot("latest")).isInstanceOf(SnapshotNotFoundException.class)
                .hasMessageContaining("no snapshots");
        Snapshot older = repo.saveSnapshot(snapshot("2024-01-01T00:00:00Z"));
        Snapshot newer = repo.saveSnapshot(snapshot("2024-02-01T00:00:00Z"));

        assertThat(repo.snapshots()).extracting(Snapshot::id).containsExactly(older.id(), newer.id());
        assertThat(repo.findSnapshot("latest").id()).isEqualTo(newer.id());
        assertThat(repo.findSnapshot(older.id().substring(0, 12)).id()).isEqualTo(older.id());
        assertThat(repo.findSnapshot(older.shortId()).startTime()).isEqualTo(Instant.parse("2024-01-01T00:00:00Z"));
        assertThatThrownBy(() -> repo.findSnapshot("zz")).isInstanceOf(SnapshotNotFoundException.class);
        assertThatThrownBy(() -> repo.findSnapshot("")).isInstanceOf(IllegalArgumentException.class);
        // Every id matches the empty-ish prefix of its first hex digit only by chance; "" is refused, so use a common one.
        String common = commonPrefix(older.id(), newer.id());
        assertThatThrownBy(() -> repo.findSnapshot(common.isEmpty() ? "" : common))
                .isInstanceOf(common.isEmpty() ? IllegalArgumentException.class : AmbiguousSnapshotException.class);
    }

    private static String commonPrefix(String a, String b) {
        int i = 0;
        while (i < a.length() && a.charAt(i) == b.charAt(i)) {
            i++;
        }
        return a.substring(0, i);
    }

    private static Snapshot snapshot(String time) {
        Instant t = Instant.parse(time);
        return new Snapshot("", t, t, "host", "user", List.of("/data"), List.of(), "00", "",
                new SnapshotSummary(0, 0, 0, 0, 0, 0, 0, 0, 0));
    }
}
