package dev.coffer.engine.archive;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.coffer.engine.repository.RepositoryLayout;
import dev.coffer.engine.check.CheckResult;
import dev.coffer.engine.check.Checker;
import dev.coffer.engine.pack.PackEntry;
import dev.coffer.engine.pack.PackFormat;
import dev.coffer.engine.progress.Progress;
import dev.coffer.engine.repository.Repository;
import dev.coffer.engine.repository.RepositoryOptions;
import dev.coffer.engine.restore.RestoreOptions;
import dev.coffer.engine.restore.RestoreResult;
import dev.coffer.engine.restore.Restorer;
import dev.coffer.engine.snapshot.Snapshot;
import dev.coffer.engine.store.StoreEntry;
import dev.coffer.engine.store.faulty.FaultInjectingStore;
import dev.coffer.engine.store.memory.MemoryStore;
import dev.coffer.engine.testing.TestTrees;

/**
 * Backups that die at random points (every store call fails from then on, as when the process is killed) and are
 * rerun: the repository stays consistent, the rerun never uploads a blob that an interrupted run already stored,
 * and the final snapshot restores byte for byte.
 */
class InterruptedBackupTest {

    private static final char[] PASS = "pw".toCharArray();

    @TempDir
    Path tmp;

    @Test
    void backupsKilledAtRandomPointsAndRerunLeaveAConsistentRepository() throws Exception {
        Path src = tmp.resolve("src");
        TestTrees.createMixedTree(src, 7);
        int cleanPuts = cleanRunPuts(src);
        assertThat(cleanPuts).isGreaterThan(10);

        Random random = new Random(20261127);
        for (int round = 0; round < 8; round++) {
            MemoryStore disk = new MemoryStore();
            Repository.init(disk, PASS, RepositoryOptions.forTests());
            int interruptions = 1 + random.nextInt(3);
            int crashes = 0;
            for (int i = 0; i < interruptions; i++) {
                Map<String, String> before = storedBlobs(disk);
                // The first run of a round starts from an empty repository, so a crash point within the first
                // half of a clean run's puts always falls inside it, whatever the per-repository chunking does.
                int bound = i == 0 ? Math.max(1, cleanPuts / 2) : cleanPuts;
                FaultInjectingStore dying = new FaultInjectingStore(disk).crashAfter(FaultInjectingStore.Operation.PUT,
                        random.nextInt(bound));
                try {
                    backup(Repository.open(dying, PASS), src);
                    // A rerun needs fewer puts than a clean run; this one finished before its crash point.
                    disk.list(RepositoryLayout.SNAPSHOTS).forEach(e -> disk.delete(e.name()));
                    continue;
                } catch (RuntimeException expected) {
                    assertThat(expected).hasMessageContaining("injected");
                    crashes++;
                }

                Repository afterCrash = Repository.open(disk, PASS);
                CheckResult check = new Checker(afterCrash, Progress.NONE).check(false);
                assertThat(check.errors()).as("round %d interruption %d", round, i).isEmpty();
                assertThat(afterCrash.snapshots()).isEmpty();
                assertUploadedNothingTwice(before, storedBlobs(disk));
            }
            assertThat(crashes).isPositive();
            Map<String, String> before = storedBlobs(disk);
            Snapshot done = backup(Repository.open(disk, PASS), src);
            assertUploadedNothingTwice(before, storedBlobs(disk));

            Repository repo = Repository.open(disk, PASS);
            assertThat(new Checker(repo, Progress.NONE).check(true).errors()).isEmpty();
            Path target = tmp.resolve("restore-" + round);
            RestoreResult result = new Restorer(repo, Progress.NONE).restore(done, target, RestoreOptions.defaults());
            assertThat(result.errors()).isEmpty();
            TestTrees.assertSameTree(src, target.resolve(src.toString().substring(1)));
        }
    }

    private static Snapshot backup(Repository repo, Path src) {
        return new Archiver(repo, BackupOptions.defaults().withThreads(2), Progress.NONE).backup(List.of(src));
    }

    private static int cleanRunPuts(Path src) {
        FaultInjectingStore counting = new FaultInjectingStore(new MemoryStore());
        Repository repo = Repository.init(counting, PASS, RepositoryOptions.forTests());
        int initPuts = counting.calls(FaultInjectingStore.Operation.PUT);
        backup(repo, src);
        return counting.calls(FaultInjectingStore.Operation.PUT) - initPuts;
    }

    /** Blob id -> pack, read from every stored pack's trailer. */
    private static Map<String, String> storedBlobs(MemoryStore disk) {
        Repository repo = Repository.open(disk, PASS);
        Map<String, String> blobs = new HashMap<>();
        for (StoreEntry e : disk.list(RepositoryLayout.DATA)) {
            for (PackEntry b : PackFormat.readTrailer(disk, e.name(), e.size(), repo.codec())) {
                String previous = blobs.put(b.id(), e.name());
                assertThat(previous).as("blob %s stored twice", b.id()).isNull();
            }
        }
        return blobs;
    }

    private static void assertUploadedNothingTwice(Map<String, String> before, Map<String, String> after) {
        // storedBlobs already fails on a blob stored in two packs; here: nothing stored before was lost.
        assertThat(after).containsAllEntriesOf(before);
        Set<String> newPacks = new HashSet<>(after.values());
        newPacks.removeAll(before.values());
        for (Map.Entry<String, String> e : after.entrySet()) {
            if (newPacks.contains(e.getValue())) {
                assertThat(before).doesNotContainKey(e.getKey());
            }
        }
    }
}
