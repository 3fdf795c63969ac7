package dev.coffer.engine.prune;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.coffer.engine.archive.Archiver;
import dev.coffer.engine.archive.BackupOptions;
import dev.coffer.engine.check.Checker;
import dev.coffer.engine.forget.Forgetter;
import dev.coffer.engine.progress.Progress;
import dev.coffer.engine.repository.Repository;
import dev.coffer.engine.repository.RepositoryException;
import dev.coffer.engine.repository.RepositoryLayout;
import dev.coffer.engine.repository.RepositoryOptions;
import dev.coffer.engine.restore.RestoreOptions;
import dev.coffer.engine.restore.Restorer;
import dev.coffer.engine.retention.RetentionPolicy;
import dev.coffer.engine.snapshot.Snapshot;
import dev.coffer.engine.store.StoreEntry;
import dev.coffer.engine.store.memory.MemoryStore;
import dev.coffer.engine.testing.TestTrees;

class PrunerTest {

    private static final char[] PASS = "pw".toCharArray();
    private static final RetentionPolicy KEEP_LAST_1 = new RetentionPolicy(1, 0, 0, 0, 0, 0, List.of());

    @TempDir
    Path tmp;

    private final MemoryStore store = new MemoryStore();
    private Repository repo;
    private Path src;

    @BeforeEach
    void twoSnapshotsWhereTheSecondDroppedMostData() throws Exception {
        src = tmp.resolve("src");
        TestTrees.createMixedTree(src, 11);
        Files.write(src.resolve("big-old.bin"), TestTrees.randomBytes(new Random(1), 2_000_000));
        repo = Repository.init(store, PASS, RepositoryOptions.forTests());
        backup(repo);
        Files.delete(src.resolve("big-old.bin"));
        Files.write(src.resolve("docs/new.bin"), TestTrees.randomBytes(new Random(2), 500_000));
        backup(repo);
    }

    @Test
    void afterForgetPruneFreesTheSpaceAndTheRestStaysIntact() throws Exception {
        Forgetter.forget(repo, KEEP_LAST_1, false);
        long before = storedBytes(RepositoryLayout.DATA);

        PruneResult dry = new Pruner(repo, Progress.NONE).prune(new PruneOptions(0.05, true));
        assertThat(storedBytes(RepositoryLayout.DATA)).isEqualTo(before);
        PruneResult result = new Pruner(repo, Progress.NONE).prune(PruneOptions.defaults());

        assertThat(result).isEqualTo(dry);
        assertThat(result.packsDeleted() + result.packsRewritten()).isPositive();
        assertThat(result.bytesFreed()).isGreaterThan(1_900_000);
        assertThat(storedBytes(RepositoryLayout.DATA)).isLessThanOrEqualTo(before - 1_900_000);
        assertThat(store.list(RepositoryLayout.INDEX)).hasSize(1);
        Repository reopened = Repository.open(store, PASS);
        assertThat(new Checker(reopened, Progress.NONE).check(true).errors()).isEmpty();
        Path target = tmp.resolve("restore");
        assertThat(new Restorer(reopened, Progress.NONE).restore(reopened.findSnapshot("latest"), target, RestoreOptions.defaults())
                .errors()).isEmpty();
        TestTrees.assertSameTree(src, target.resolve(src.toString().substring(1)));
        // Nothing left to reclaim.
        assertThat(new Pruner(reopened, Progress.NONE).prune(PruneOptions.defaults()).packsDeleted()).isZero();
    }

    @Test
    void packsIndexedSinceARunningBackupStartedOrWithinTheSafetyWindowAreLeftAlone() {
        Forgetter.forget(repo, KEEP_LAST_1, false);
        long before = storedBytes(RepositoryLayout.DATA);
        String marker = repo.startBackupMarker(Instant.now().minus(Duration.ofHours(1)));

        assertThat(new Pruner(repo, Progress.NONE).prune(PruneOptions.defaults()).packsDeleted()).isZero();
        assertThat(new Pruner(repo, Progress.NONE).prune(new PruneOptions(0.05, false, Duration.ofMinutes(10))).packsDeleted()).isZero();
        assertThat(storedBytes(RepositoryLayout.DATA)).isEqualTo(before);

        repo.endBackupMarker(marker);
        repo.startBackupMarker(Instant.now().minus(Duration.ofDays(2))); // a crashed backup's marker expires
        PruneResult result = new Pruner(repo, Progress.NONE).prune(PruneOptions.defaults());
        assertThat(result.packsDeleted() + result.packsRewritten()).isPositive();
        assertThat(storedBytes(RepositoryLayout.DATA)).isLessThan(before);
    }

    @Test
    void aBackupThatReusedDataAConcurrentPruneDeletedFailsWithoutWritingASnapshotAndTheRerunRepairs() throws Exception {
        Repository backupSide = Repository.open(store, PASS); // index loaded before prune runs
        Files.write(src.resolve("big-old.bin"), TestTrees.randomBytes(new Random(1), 2_000_000)); // content reappears
        Forgetter.forget(repo, KEEP_LAST_1, false);
        new Pruner(repo, Progress.NONE).prune(PruneOptions.defaults());
        int snapshots = repo.snapshots().size();

        assertThatThrownBy(() -> backup(backupSide)).isInstanceOf(RepositoryException.class)
                .hasMessageContaining("prune running at the same time");
        assertThat(repo.snapshots()).hasSize(snapshots);

        Snapshot rerun = backup(Repository.open(store, PASS));
        Repository reopened = Repository.open(store, PASS);
        assertThat(new Checker(reopened, Progress.NONE).check(true).errors()).isEmpty();
        Path target = tmp.resolve("restore");
        assertThat(new Restorer(reopened, Progress.NONE).restore(rerun, target, RestoreOptions.defaults()).errors()).isEmpty();
        TestTrees.assertSameTree(src, target.resolve(src.toString().substring(1)));
    }

    private Snapshot backup(Repository r) {
        return new Archiver(r, BackupOptions.defaults(), Progress.NONE).backup(List.of(src));
    }

    private long storedBytes(String prefix) {
        return store.list(prefix).stream().mapToLong(StoreEntry::size).sum();
    }
}
