package dev.coffer.engine.archive;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import dev.coffer.engine.check.CheckResult;
import dev.coffer.engine.check.Checker;
import dev.coffer.engine.pack.PackEntry;
import dev.coffer.engine.pack.PackFormat;
import dev.coffer.engine.progress.Progress;
import dev.coffer.engine.repository.Repository;
import dev.coffer.engine.repository.RepositoryLayout;
import dev.coffer.engine.repository.RepositoryOptions;
import dev.coffer.engine.restore.RestoreOptions;
import dev.coffer.engine.restore.RestoreResult;
import dev.coffer.engine.restore.Restorer;
import dev.coffer.engine.snapshot.Snapshot;
import dev.coffer.engine.store.StoreEntry;
import dev.coffer.engine.store.faulty.FaultInjectingStore;
import dev.coffer.engine.store.faulty.FaultInjectingStore.Operation;
import dev.coffer.engine.store.memory.MemoryStore;
import dev.coffer.engine.testing.TestTrees;

/**
 * Backups of a repository that already holds two snapshots die at random points (every store call fails from then
 * on, as when the process is killed): at a random put (mostly while packs are written), as an index file is written,
 * or as the snapshot is written. After each interruption the repository passes check with read-data and still holds
 * exactly the earlier snapshots; the rerun never uploads a blob that an interrupted run already stored; after each
 * round the earlier snapshots and the final one restore byte for byte.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class InterruptedBackupTest {

    private static final char[] PASS = "pw".toCharArray();

    @TempDir
    static Path tmp;

    /** The repository every round starts from: snapshots of {@link #first} and {@link #second}. */
    private static MemoryStore base;
    private static Path first;
    private static Path second;
    private static List<Snapshot> earlier;

    @BeforeAll
    static void repositoryWithSnapshots() throws Exception {
        first = tmp.resolve("first");
        second = tmp.resolve("second");
        TestTrees.createMixedTree(first, 70);
        TestTrees.createMixedTree(second, 71);
        base = new MemoryStore();
        Repository repo = Repository.init(base, PASS, RepositoryOptions.forTests());
        earlier = List.of(backup(repo, first), backup(repo, second));
    }

    @Test
    void backupsKilledAtRandomPointsAndRerunLeaveAConsistentRepository() throws Exception {
        Path src = tmp.resolve("src");
        TestTrees.createMixedTree(src, 7);
        int cleanPuts = cleanRunPuts(src);
        assertThat(cleanPuts).isGreaterThan(10);

        Random random = new Random(20261127);
        Set<String> kinds = new HashSet<>();
        for (int round = 0; round < 5; round++) {
            MemoryStore disk = copy(base);
            int interruptions = 2 + random.nextInt(2);
            int crashes = 0;
            for (int i = 0; i < interruptions; i++) {
                Map<String, String> before = storedBlobs(disk);
                // Every round starts with a crash while packs are written (within the first half of a clean run's
                // puts, which always falls inside the run); then, in turn, as an index file is written, as the
                // snapshot is written, or at any put.
                String kind = i == 0 ? "pack" : List.of("index", "snapshot", "any").get((round + i - 1) % 3);
                FaultInjectingStore dying = new FaultInjectingStore(disk);
                switch (kind) {
                    case "pack" -> dying.crashAfter(Operation.PUT, random.nextInt(Math.max(1, cleanPuts / 2)));
                    case "index" -> dying.crashAt(Operation.PUT, RepositoryLayout.INDEX, 1 + random.nextInt(2));
                    case "snapshot" -> dying.crashAt(Operation.PUT, RepositoryLayout.SNAPSHOTS, 1);
                    default -> dying.crashAfter(Operation.PUT, random.nextInt(cleanPuts));
                }
                try {
                    backup(Repository.open(dying, PASS), src);
                    // A rerun needs fewer puts than a clean run; this one finished before its crash point.
                    deleteSnapshotsAfterTheEarlierOnes(disk);
                    continue;
                } catch (RuntimeException expected) {
                    assertThat(expected).hasMessageContaining("injected");
                    crashes++;
                    kinds.add(kind);
                }

                Repository afterCrash = Repository.open(disk, PASS);
                CheckResult check = new Checker(afterCrash, Progress.NONE).check(true);
                assertThat(check.errors()).as("round %d interruption %d (%s)", round, i, kind).isEmpty();
                assertThat(afterCrash.snapshots()).as("round %d interruption %d (%s)", round, i, kind)
                        .extracting(Snapshot::id).containsExactlyElementsOf(earlier.stream().map(Snapshot::id).toList());
                assertUploadedNothingTwice(before, storedBlobs(disk));
            }
            assertThat(crashes).isPositive();
            Map<String, String> before = storedBlobs(disk);
            Snapshot done = backup(Repository.open(disk, PASS), src);
            assertUploadedNothingTwice(before, storedBlobs(disk));

            Repository repo = Repository.open(disk, PASS);
            assertThat(new Checker(repo, Progress.NONE).check(true).errors()).isEmpty();
            assertRestores(repo, done, src, "round-" + round + "-done");
            assertRestores(repo, earlier.get(0), first, "round-" + round + "-first");
            assertRestores(repo, earlier.get(1), second, "round-" + round + "-second");
        }
        assertThat(kinds).as("where the crashes landed").contains("pack", "index", "snapshot");
    }

    private static void assertRestores(Repository repo, Snapshot snapshot, Path source, String name) throws Exception {
        Path target = tmp.resolve("restore-" + name);
        RestoreResult result = new Restorer(repo, Progress.NONE).restore(snapshot, target, RestoreOptions.defaults());
        assertThat(result.errors()).as(name).isEmpty();
        TestTrees.assertSameTree(source, target.resolve(source.toString().substring(1)));
    }

    private static Snapshot backup(Repository repo, Path src) {
        return new Archiver(repo, BackupOptions.defaults().withThreads(2), Progress.NONE).backup(List.of(src));
    }

    private static void deleteSnapshotsAfterTheEarlierOnes(MemoryStore disk) {
        Repository repo = Repository.open(disk, PASS);
        Set<String> keep = new HashSet<>(earlier.stream().map(Snapshot::id).toList());
        for (String id : repo.snapshotIds()) {
            if (!keep.contains(id)) {
                repo.deleteSnapshot(id);
            }
        }
    }

    /** Puts a backup of {@code src} makes into a copy of the base repository. */
    private static int cleanRunPuts(Path src) {
        FaultInjectingStore counting = new FaultInjectingStore(copy(base));
        Repository repo = Repository.open(counting, PASS);
        int openPuts = counting.calls(Operation.PUT);
        backup(repo, src);
        return counting.calls(Operation.PUT) - openPuts;
    }

    private static MemoryStore copy(MemoryStore from) {
        MemoryStore to = new MemoryStore();
        for (StoreEntry e : from.list("")) {
            to.put(e.name(), from.get(e.name()));
        }
        return to;
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
