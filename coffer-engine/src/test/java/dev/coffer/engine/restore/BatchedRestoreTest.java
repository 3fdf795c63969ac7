package dev.coffer.engine.restore;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.coffer.engine.archive.Archiver;
import dev.coffer.engine.archive.BackupOptions;
import dev.coffer.engine.blob.BlobType;
import dev.coffer.engine.progress.Progress;
import dev.coffer.engine.repository.Repository;
import dev.coffer.engine.repository.RepositoryOptions;
import dev.coffer.engine.snapshot.NodeType;
import dev.coffer.engine.snapshot.Snapshot;
import dev.coffer.engine.store.memory.MemoryStore;
import dev.coffer.engine.testing.TestTrees;

class BatchedRestoreTest {

    private static final char[] PASS = "correct horse".toCharArray();

    @TempDir
    Path tmp;

    /** 300 small files and two files of several chunks each: hundreds of blobs in a few packs. */
    private Path createSource() throws Exception {
        Path src = tmp.resolve("src");
        Random random = new Random(5);
        for (int i = 0; i < 300; i++) {
            Path dir = src.resolve("d" + (i % 7));
            Files.createDirectories(dir);
            Files.write(dir.resolve("f" + i + ".bin"), TestTrees.randomBytes(random, 100 + random.nextInt(3000)));
        }
        Files.write(src.resolve("large1.bin"), TestTrees.randomBytes(random, 3_000_000));
        Files.write(src.resolve("large2.bin"), TestTrees.randomBytes(random, 2_000_000));
        return src;
    }

    private static int dataBlobs(Repository repo, Snapshot snapshot) {
        int[] count = {0};
        repo.walk(snapshot, (path, node) -> {
            if (node.type() == NodeType.FILE) {
                count[0] += node.chunkIds().size();
            }
        });
        return count[0];
    }

    @Test
    void readsNearbyBlobsOfAPackWithOneStoreReadAndRestoresEveryByte() throws Exception {
        CountingStore store = new CountingStore(new MemoryStore());
        Restored r = backUpAndRestore(store);
        assertThat(r.blobs()).isGreaterThan(350);
        // Before batching: one read per blob (over 560) plus one per tree. Now trees are still read one by one (about
        // 20, the temporary directory's ancestors included) and data a range per pack and large file: the two large
        // files were read side by side at backup, so their chunks interleave in the same packs.
        assertThat(store.packReads.get()).isLessThan(r.blobs() / 5).isLessThanOrEqualTo(30 + 3 * r.packs());
    }

    /**
     * A batch whose files lie alternately in two packs (as the chunks of a large file often do, packed by several
     * threads as they were encoded) reads each pack once: a reader that kept one range re-read the rest of a pack each
     * time the batch came back to it, about five times the bytes here.
     */
    @Test
    void aBatchGoingBackAndForthBetweenTwoPacksReadsEachOfThemOnce() throws Exception {
        CountingStore store = new CountingStore(new MemoryStore());
        Repository repo = Repository.init(store, PASS, RepositoryOptions.forTests());
        Random random = new Random(9);
        // Files below the chunker's minimum (4 KiB in tests) are one chunk each; each backup of 40 of them (120 KiB)
        // fills one pack (256 KiB in tests): "odd" goes into one pack and "even" into another.
        Path odd = tmp.resolve("odd");
        Path even = tmp.resolve("even");
        Path mixed = tmp.resolve("mixed");
        Files.createDirectories(odd);
        Files.createDirectories(even);
        Files.createDirectories(mixed);
        for (int i = 0; i < 80; i++) {
            byte[] data = TestTrees.randomBytes(random, 3000);
            Files.write((i % 2 == 1 ? odd : even).resolve(String.format("f%02d", i)), data);
            Files.write(mixed.resolve(String.format("f%02d", i)), data); // in name order: one pack, the other, ...
        }
        BackupOptions oneThread = BackupOptions.defaults().withThreads(1);
        new Archiver(repo, oneThread, Progress.NONE).backup(List.of(odd));
        new Archiver(repo, oneThread, Progress.NONE).backup(List.of(even));
        Snapshot snapshot = new Archiver(repo, oneThread, Progress.NONE).backup(List.of(mixed));
        long trees = 0;
        int dataPacks = 0;
        for (var pack : repo.indexedPacks()) {
            trees += pack.blobs().stream().filter(b -> b.type() == BlobType.TREE).mapToLong(b -> b.length()).sum();
            dataPacks += pack.blobs().stream().anyMatch(b -> b.type() == BlobType.DATA) ? 1 : 0;
        }
        assertThat(dataPacks).as("packs holding data: mixed was all deduplicated").isEqualTo(2);
        store.packReads.set(0);
        repo.walk(snapshot, (path, node) -> { });
        int treeReads = store.packReads.get();
        store.packReads.set(0);
        store.packBytes.set(0);

        Path target = tmp.resolve("target");
        RestoreResult result = new Restorer(repo, Progress.NONE).restore(snapshot, target,
                RestoreOptions.defaults().withIncludes(List.of(mixed.toString())));

        assertThat(result.errors()).isEmpty();
        TestTrees.assertSameTree(mixed, target.resolve(mixed.toString().substring(1)));
        // 80 files of 3000 bytes, encoded: about 245 KB; the trees on the way to "mixed" come on top
        assertThat(store.packBytes.get()).isLessThan(80 * 3100 + trees);
        // in pack order: the 80 files' data is read with one range per pack, whatever the order of the files
        assertThat(store.packReads.get() - treeReads).as("reads of data").isEqualTo(2);
    }

    /** Many batches (over 512 files each) from a remote store, on two threads: every byte, each pack read about once. */
    @Test
    void manyBatchesFromARemoteStoreRestoreEveryFile() throws Exception {
        CountingStore store = new CountingStore(new MemoryStore(), true, 0);
        Repository repo = Repository.init(store, PASS, RepositoryOptions.forTests());
        Path src = tmp.resolve("many");
        Random random = new Random(13);
        for (int i = 0; i < 1800; i++) {
            Path dir = src.resolve("d" + (i % 5));
            Files.createDirectories(dir);
            Files.write(dir.resolve("f" + i), TestTrees.randomBytes(random, 10 + random.nextInt(400)));
        }
        Snapshot snapshot = new Archiver(repo, BackupOptions.defaults(), Progress.NONE).backup(List.of(src));
        store.packBytes.set(0);
        long packBytes = 0;
        for (var pack : repo.indexedPacks()) {
            packBytes += pack.blobs().stream().mapToLong(b -> b.length()).sum();
        }

        Path target = tmp.resolve("target");
        RestoreResult result = new Restorer(repo, Progress.NONE).restore(snapshot, target, RestoreOptions.defaults());

        assertThat(result.errors()).isEmpty();
        assertThat(result.files()).isEqualTo(1800);
        TestTrees.assertSameTree(src, target.resolve(src.toString().substring(1)));
        assertThat(store.packBytes.get()).isLessThan(packBytes * 3 / 2);
    }

    private record Restored(int blobs, int packs) {
    }

    /** Backs the source up to {@code store}, restores it and checks every byte; counts reads from the restore on. */
    private Restored backUpAndRestore(CountingStore store) throws Exception {
        Path src = createSource();
        Repository repo = Repository.init(store, PASS, RepositoryOptions.forTests());
        Snapshot snapshot = new Archiver(repo, BackupOptions.defaults().withThreads(2), Progress.NONE).backup(List.of(src));
        Restored counts = new Restored(dataBlobs(repo, snapshot), repo.indexedPacks().size());
        store.packReads.set(0);

        Path target = tmp.resolve("target");
        RestoreResult result = new Restorer(repo, Progress.NONE).restore(snapshot, target, RestoreOptions.defaults());

        assertThat(result.errors()).isEmpty();
        TestTrees.assertSameTree(src, target.resolve(src.toString().substring(1)));
        return counts;
    }

    @Test
    void aFileThatCannotBeWrittenDoesNotDisturbTheOtherFilesOfItsBatch() throws Exception {
        Path src = createSource();
        Repository repo = Repository.init(new MemoryStore(), PASS, RepositoryOptions.forTests());
        Snapshot snapshot = new Archiver(repo, BackupOptions.defaults(), Progress.NONE).backup(List.of(src));
        Path target = tmp.resolve("target");
        Path restored = target.resolve(src.toString().substring(1));
        Files.createDirectories(restored.resolve("d3"));
        Files.writeString(restored.resolve("d3/f3.bin"), "already here");

        RestoreResult result = new Restorer(repo, Progress.NONE).restore(snapshot, target, RestoreOptions.defaults());

        assertThat(result.errors()).singleElement().asString().contains("f3.bin", "exists");
        assertThat(Files.readString(restored.resolve("d3/f3.bin"))).isEqualTo("already here");
        assertRestoredExcept(src, restored, "d3/f3.bin");
    }

    @Test
    void fromARemoteStoreReadsTheNextRangeAheadAndRestoresEveryByte() throws Exception {
        CountingStore store = restoreFromRemote(0);
        assertThat(store.readsAhead.get()).as("ranges read ahead").isPositive();
    }

    @Test
    void aRangeThatFailsToBeReadAheadIsReadAgainAndNothingIsLost() throws Exception {
        CountingStore store = restoreFromRemote(3);
        assertThat(store.readsAhead.get()).isGreaterThan(3);
    }

    /**
     * Restores from a store that says it is remote and fails its first {@code failReadsAhead} reads ahead: every byte
     * comes back, and no range is read twice (as few reads as without reading ahead, the failed ones aside).
     */
    private CountingStore restoreFromRemote(int failReadsAhead) throws Exception {
        CountingStore store = new CountingStore(new MemoryStore(), true, failReadsAhead);
        Restored r = backUpAndRestore(store);
        assertThat(store.packReads.get()).isLessThanOrEqualTo(30 + 3 * r.packs() + failReadsAhead);
        return store;
    }

    @Test
    void aFileThatCannotBeWrittenDoesNotDisturbTheOtherFilesOfItsBatchWhenReadingAhead() throws Exception {
        Path src = createSource();
        Repository repo = Repository.init(new CountingStore(new MemoryStore(), true, 0), PASS,
                RepositoryOptions.forTests());
        Snapshot snapshot = new Archiver(repo, BackupOptions.defaults(), Progress.NONE).backup(List.of(src));
        Path target = tmp.resolve("target");
        Path restored = target.resolve(src.toString().substring(1));
        Files.createDirectories(restored);
        Files.write(restored.resolve("large1.bin"), new byte[] {1});

        RestoreResult result = new Restorer(repo, Progress.NONE).restore(snapshot, target, RestoreOptions.defaults());

        assertThat(result.errors()).singleElement().asString().contains("large1.bin", "exists");
        assertThat(restored.resolve("large2.bin")).hasSameBinaryContentAs(src.resolve("large2.bin"));
        assertRestoredExcept(src, restored, "large1.bin");
    }

    /** Every file of {@code src} but {@code skipped} (all 301 of them) is in {@code restored} with the same bytes. */
    private static void assertRestoredExcept(Path src, Path restored, String skipped) throws Exception {
        int same = 0;
        try (var files = Files.walk(src)) {
            for (Path f : files.filter(Files::isRegularFile).filter(f -> !f.endsWith(skipped)).toList()) {
                assertThat(restored.resolve(src.relativize(f))).hasSameBinaryContentAs(f);
                same++;
            }
        }
        assertThat(same).isEqualTo(301);
    }
}
