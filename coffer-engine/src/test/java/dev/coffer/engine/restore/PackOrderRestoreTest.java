package dev.coffer.engine.restore;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.coffer.engine.archive.Archiver;
import dev.coffer.engine.archive.BackupOptions;
import dev.coffer.engine.progress.Progress;
import dev.coffer.engine.repository.Repository;
import dev.coffer.engine.repository.RepositoryOptions;
import dev.coffer.engine.snapshot.Node;
import dev.coffer.engine.snapshot.NodeType;
import dev.coffer.engine.snapshot.Snapshot;
import dev.coffer.engine.store.memory.MemoryStore;
import dev.coffer.engine.testing.HostileTrees;
import dev.coffer.engine.testing.TestTrees;

/** Restoring in pack order: every chunk at the offset its tree's chunk sizes give, and trees without them. */
class PackOrderRestoreTest {

    private static final char[] PASS = "correct horse".toCharArray();

    @TempDir
    Path tmp;

    @Test
    void aBackupRecordsEachChunksSizeAndTheyAddUpToTheFile() throws Exception {
        Path src = tmp.resolve("src");
        Files.createDirectories(src);
        Files.write(src.resolve("large.bin"), TestTrees.randomBytes(new Random(1), 3_000_000));
        Files.writeString(src.resolve("small.txt"), "one chunk");
        Files.write(src.resolve("empty"), new byte[0]);
        Repository repo = Repository.init(new MemoryStore(), PASS, RepositoryOptions.forTests());
        Snapshot snapshot = new Archiver(repo, BackupOptions.defaults(), Progress.NONE).backup(List.of(src));

        List<Node> files = new ArrayList<>();
        repo.walk(snapshot, (path, node) -> {
            if (node.type() == NodeType.FILE) {
                files.add(node);
            }
        });

        assertThat(files).hasSize(3);
        for (Node f : files) {
            assertThat(f.chunkSizes()).as(f.name()).hasSameSizeAs(f.chunkIds());
            assertThat(f.chunkSizes().stream().mapToLong(Integer::longValue).sum()).as(f.name()).isEqualTo(f.size());
            assertThat(f.chunkOffsets()).as(f.name()).isNotNull().hasSameSizeAs(f.chunkIds());
        }
        assertThat(files.stream().filter(f -> f.name().equals("large.bin")).findFirst().orElseThrow().chunkIds())
                .hasSizeGreaterThan(3);
    }

    /**
     * After an upgrade: a backup whose parent's trees hold no chunk sizes reads each file of several chunks once more
     * to record them (files of one chunk need none and stay unmodified), uploading nothing new.
     */
    @Test
    void aBackupAfterATreeWithoutChunkSizesRecordsThemForFilesOfSeveralChunks() throws Exception {
        Path src = tmp.resolve("src");
        Files.createDirectories(src);
        Files.write(src.resolve("large.bin"), TestTrees.randomBytes(new Random(2), 1_000_000));
        Files.writeString(src.resolve("small.txt"), "one chunk");
        Repository repo = Repository.init(new MemoryStore(), PASS, RepositoryOptions.forTests());
        Snapshot first = new Archiver(repo, BackupOptions.defaults(), Progress.NONE).backup(List.of(src));
        Snapshot legacy = new HostileTrees(repo).withoutChunkSizes(first);
        assertThat(node(repo, legacy, "large.bin").chunkSizes()).isEmpty();
        assertThat(node(repo, legacy, "large.bin").chunkOffsets()).isNull();

        Snapshot next = new Archiver(repo, BackupOptions.defaults().withParent(legacy.id()), Progress.NONE)
                .backup(List.of(src));

        assertThat(next.summary().filesUnmodified()).isEqualTo(1);
        assertThat(next.summary().filesChanged()).isEqualTo(1);
        assertThat(next.summary().bytesAdded()).as("only trees: the chunks were all stored already").isLessThan(20_000);
        assertThat(node(repo, next, "large.bin").chunkSizes()).isEqualTo(node(repo, first, "large.bin").chunkSizes());
    }

    private static Node node(Repository repo, Snapshot snapshot, String name) {
        List<Node> found = new ArrayList<>();
        repo.walk(snapshot, (path, node) -> {
            if (node.name().equals(name)) {
                found.add(node);
            }
        });
        return found.get(0);
    }

    /** Trees written before chunk sizes were recorded: such a file is restored in order, chunk after chunk. */
    @Test
    void aFileOfSeveralChunksFromATreeWithoutChunkSizesIsRestoredInOrder() throws Exception {
        Repository repo = Repository.init(new MemoryStore(), PASS, RepositoryOptions.forTests());
        HostileTrees trees = new HostileTrees(repo);
        Snapshot snapshot = trees.snapshot(trees.file("old.txt", List.of("first chunk, ", "second, ", "third"), null, 0644),
                trees.file("one.txt", "a single chunk", 0644));
        Path target = tmp.resolve("target");

        RestoreResult result = new Restorer(repo, Progress.NONE).restore(snapshot, target, RestoreOptions.defaults());

        assertThat(result.errors()).isEmpty();
        assertThat(result.files()).isEqualTo(2);
        assertThat(Files.readString(target.resolve("old.txt"))).isEqualTo("first chunk, second, third");
        assertThat(Files.readString(target.resolve("one.txt"))).isEqualTo("a single chunk");
    }

    /**
     * A tree whose chunk sizes add up to the file's size but do not match its chunks (a damaged or hostile tree): that
     * file is reported with the chunk that does not fit, nothing is written past where the tree says it ends, and the
     * other files are restored.
     */
    @Test
    void chunkSizesThatContradictTheChunksFailThatFileOnly() throws Exception {
        Repository repo = Repository.init(new MemoryStore(), PASS, RepositoryOptions.forTests());
        HostileTrees trees = new HostileTrees(repo);
        Snapshot snapshot = trees.snapshot(
                trees.file("lies.txt", List.of("12345", "abc"), List.of(3, 5), 0644),
                trees.file("true.txt", List.of("12345", "abcdefgh"), List.of(5, 8), 0644));
        Path target = tmp.resolve("target");

        RestoreResult result = new Restorer(repo, Progress.NONE).restore(snapshot, target, RestoreOptions.defaults());

        assertThat(result.errors()).singleElement().asString().contains("lies.txt", "gives a chunk of 3 bytes", "holds 5 bytes");
        assertThat(result.files()).isEqualTo(1);
        assertThat(Files.readString(target.resolve("true.txt"))).isEqualTo("12345abcdefgh");
        if (Files.exists(target.resolve("lies.txt"))) {
            assertThat(Files.size(target.resolve("lies.txt"))).isLessThanOrEqualTo(8);
        }
    }

    /** Chunk sizes that do not add up to the file's size are not trusted: the file is restored in order. */
    @Test
    void chunkSizesThatDoNotAddUpAreIgnored() throws Exception {
        Repository repo = Repository.init(new MemoryStore(), PASS, RepositoryOptions.forTests());
        HostileTrees trees = new HostileTrees(repo);
        Snapshot snapshot = trees.snapshot(trees.file("f.txt", List.of("12345", "abc"), List.of(1 << 30, 7), 0644));
        Path target = tmp.resolve("target");

        RestoreResult result = new Restorer(repo, Progress.NONE).restore(snapshot, target, RestoreOptions.defaults());

        assertThat(result.errors()).isEmpty();
        assertThat(Files.readString(target.resolve("f.txt"))).isEqualTo("12345abc");
    }

    /**
     * Several waves of files (waves of 100 chunks or 150 files here), each planned and written in pack order, the
     * files of a wave sharing packs with those of the next.
     */
    @Test
    void manyWavesOfFilesRestoreEveryByte() throws Exception {
        CountingStore store = new CountingStore(new MemoryStore());
        Repository repo = Repository.init(store, PASS, RepositoryOptions.forTests());
        Path src = tmp.resolve("many");
        Random random = new Random(17);
        for (int i = 0; i < 1000; i++) {
            Path dir = src.resolve("d" + (i % 11));
            Files.createDirectories(dir);
            Files.write(dir.resolve("f" + i), TestTrees.randomBytes(random, 1 + random.nextInt(200)));
        }
        Files.write(src.resolve("d3/large"), TestTrees.randomBytes(random, 2_000_000));
        Snapshot snapshot = new Archiver(repo, BackupOptions.defaults(), Progress.NONE).backup(List.of(src));

        Path target = tmp.resolve("target");
        RestoreResult result = new Restorer(repo, Progress.NONE).withWaves(100, 150).restore(snapshot, target,
                RestoreOptions.defaults());

        assertThat(result.errors()).isEmpty();
        assertThat(result.files()).isEqualTo(1001);
        TestTrees.assertSameTree(src, target.resolve(src.toString().substring(1)));
    }
}
