package dev.coffer.engine.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.coffer.engine.archive.Archiver;
import dev.coffer.engine.archive.BackupOptions;
import dev.coffer.engine.index.IndexEntry;
import dev.coffer.engine.progress.Progress;
import dev.coffer.engine.repository.Repository;
import dev.coffer.engine.repository.RepositoryLayout;
import dev.coffer.engine.repository.RepositoryOptions;
import dev.coffer.engine.snapshot.Node;
import dev.coffer.engine.snapshot.Snapshot;
import dev.coffer.engine.store.memory.MemoryStore;
import dev.coffer.engine.testing.HostileTrees;
import dev.coffer.engine.testing.TestTrees;

class CheckerTest {

    private static final char[] PASS = "pw".toCharArray();

    @TempDir
    Path tmp;

    private final MemoryStore store = new MemoryStore();
    private Snapshot snapshot;
    private Path src;

    @BeforeEach
    void backUp() throws Exception {
        src = tmp.resolve("src");
        TestTrees.createMixedTree(src, 5);
        Repository repo = Repository.init(store, PASS, RepositoryOptions.forTests());
        snapshot = new Archiver(repo, BackupOptions.defaults(), Progress.NONE).backup(List.of(src));
    }

    @Test
    void aHealthyRepositoryPassesWithAndWithoutReadingData() {
        Repository repo = Repository.open(store, PASS);
        CheckResult structure = new Checker(repo, Progress.NONE).check(false);
        CheckResult full = new Checker(repo, Progress.NONE).check(true);
        assertThat(structure.errors()).isEmpty();
        assertThat(full.errors()).isEmpty();
        assertThat(full.ok()).isTrue();
        assertThat(full.blobsChecked()).isEqualTo(repo.indexedPacks().stream().flatMap(p -> p.blobs().stream()).map(b -> b.id()).distinct().count());
        assertThat(full.packsChecked()).isGreaterThan(3);
    }

    @Test
    void aFlippedByteInAPackIsFoundByReadDataAndNamesThePackAndTheFile() {
        Repository repo = Repository.open(store, PASS);
        String file = src + "/docs/nested/deeper/binary.bin";
        Node node = repo.findNode(snapshot, file).orElseThrow();
        IndexEntry chunk = repo.lookup(node.chunkIds().get(1)).orElseThrow();
        String object = RepositoryLayout.packObject(chunk.pack());
        byte[] pack = store.get(object);
        pack[chunk.offset() + chunk.length() / 2] ^= 0x10;
        store.put(object, pack);

        assertThat(new Checker(Repository.open(store, PASS), Progress.NONE).check(false).ok()).isTrue();
        CheckResult result = new Checker(Repository.open(store, PASS), Progress.NONE).check(true);

        assertThat(result.ok()).isFalse();
        assertThat(result.errors()).anyMatch(e -> e.contains(chunk.pack()) && e.contains("damaged"));
        assertThat(result.affectedFiles()).containsExactly(snapshot.shortId() + ":" + file);
        assertThat(result.errors()).anyMatch(e -> e.contains(chunk.pack()) && e.contains(snapshot.shortId() + ":" + file));
    }

    @Test
    void aMissingPackIsFoundByTheStructureCheckWithTheFilesItHeld() {
        Repository repo = Repository.open(store, PASS);
        String file = src + "/large.bin";
        Node node = repo.findNode(snapshot, file).orElseThrow();
        String pack = repo.lookup(node.chunkIds().get(0)).orElseThrow().pack();
        store.delete(RepositoryLayout.packObject(pack));

        CheckResult result = new Checker(Repository.open(store, PASS), Progress.NONE).check(false);

        assertThat(result.errors()).anyMatch(e -> e.contains(pack) && e.contains("missing"));
        assertThat(result.affectedFiles()).contains(snapshot.shortId() + ":" + file);
    }

    @Test
    void aSnapshotWithAHostileTreeIsReportedAsDamageNamingTheSnapshotAndThePath() {
        Repository repo = Repository.open(store, PASS);
        HostileTrees hostile = new HostileTrees(repo);
        Snapshot bad = hostile.snapshot(hostile.dir("home", 0755, hostile.dir("..", 0755,
                hostile.file("escaped.txt", "owned", 0644))));

        CheckResult result = new Checker(Repository.open(store, PASS), Progress.NONE).check(false);

        assertThat(result.ok()).isFalse();
        assertThat(result.errors()).anyMatch(e -> e.contains("snapshot " + bad.shortId() + ", directory /home")
                && e.contains("\"..\"") && e.contains("is damaged"));
        assertThat(result.affectedFiles()).containsExactly(bad.shortId() + ":/home");
        // The healthy snapshot is not blamed.
        assertThat(result.errors()).noneMatch(e -> e.contains(snapshot.shortId()));
    }
}
