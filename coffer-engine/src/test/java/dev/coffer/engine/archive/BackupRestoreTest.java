package dev.coffer.engine.archive;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.coffer.engine.progress.Progress;
import dev.coffer.engine.repository.Repository;
import dev.coffer.engine.repository.RepositoryOptions;
import dev.coffer.engine.restore.RestoreOptions;
import dev.coffer.engine.restore.RestoreResult;
import dev.coffer.engine.restore.Restorer;
import dev.coffer.engine.snapshot.Change;
import dev.coffer.engine.snapshot.Snapshot;
import dev.coffer.engine.snapshot.SnapshotDiff;
import dev.coffer.engine.store.memory.MemoryStore;
import dev.coffer.engine.testing.TestTrees;

class BackupRestoreTest {

    private static final char[] PASS = "correct horse".toCharArray();

    @TempDir
    Path tmp;

    @Test
    void restoresEveryKindOfEntryByteForByteWithMetadata() throws Exception {
        Path src = tmp.resolve("src");
        TestTrees.createMixedTree(src, 1);
        MemoryStore store = new MemoryStore();
        Repository repo = Repository.init(store, PASS, RepositoryOptions.forTests());

        Snapshot snap = new Archiver(repo, BackupOptions.defaults().withThreads(2), Progress.NONE).backup(List.of(src));

        assertThat(snap.paths()).containsExactly(src.toString());
        assertThat(snap.summary().filesNew()).isEqualTo(9);
        Repository reopened = Repository.open(store, PASS);
        Path target = tmp.resolve("target");
        RestoreResult result = new Restorer(reopened, Progress.NONE).restore(reopened.findSnapshot("latest"), target, RestoreOptions.defaults());

        assertThat(result.errors()).isEmpty();
        Path restored = target.resolve(src.toString().substring(1));
        TestTrees.assertSameTree(src, restored);
        assertThat(TestTrees.allocatedBytes(restored.resolve("sparse.img"))).isLessThan(1_000_000);
    }

    @Test
    void setuidSetgidAndStickyBitsSurviveBackupAndRestore() throws Exception {
        Path src = tmp.resolve("src");
        Path shared = Files.createDirectories(src.resolve("shared"));
        Path drop = Files.createDirectories(src.resolve("drop"));
        Path tool = Files.writeString(src.resolve("tool"), "#!/bin/sh\n");
        Files.writeString(shared.resolve("inside.txt"), "group data");
        Files.setAttribute(shared, "unix:mode", 02770); // drwxrws---, as the system directory
        Files.setAttribute(drop, "unix:mode", 01777); // drwxrwxrwt, as /tmp
        Files.setAttribute(tool, "unix:mode", 04755); // -rwsr-xr-x
        Repository repo = Repository.init(new MemoryStore(), PASS, RepositoryOptions.forTests());

        Snapshot snap = new Archiver(repo, BackupOptions.defaults(), Progress.NONE).backup(List.of(src));

        assertThat(repo.findNode(snap, shared.toString()).orElseThrow().mode()).isEqualTo(02770);
        Path target = tmp.resolve("target");
        RestoreResult result = new Restorer(repo, Progress.NONE).restore(snap, target, RestoreOptions.defaults());
        assertThat(result.errors()).isEmpty();
        Path restored = target.resolve(src.toString().substring(1));
        assertThat(mode(restored.resolve("shared"))).isEqualTo("2770");
        assertThat(mode(restored.resolve("drop"))).isEqualTo("1777");
        assertThat(mode(restored.resolve("tool"))).isEqualTo("4755");
        TestTrees.assertSameTree(src, restored);
    }

    private static String mode(Path p) throws java.io.IOException {
        return Integer.toOctalString((Integer) Files.getAttribute(p, "unix:mode", java.nio.file.LinkOption.NOFOLLOW_LINKS) & 07777);
    }

    @Test
    void backupAndRestoreCountFilesSymlinksAndDirectoriesAlike() throws Exception {
        Path src = tmp.resolve("src");
        TestTrees.createMixedTree(src, 4);
        Repository repo = Repository.init(new MemoryStore(), PASS, RepositoryOptions.forTests());

        Snapshot snap = new Archiver(repo, BackupOptions.defaults(), Progress.NONE).backup(List.of(src));
        RestoreResult result = new Restorer(repo, Progress.NONE).restore(snap, tmp.resolve("target"), RestoreOptions.defaults());

        // 9 regular files (the hard link is one of them), 2 symlinks, and the directories from / down.
        assertThat(snap.summary().totalFiles()).isEqualTo(9);
        assertThat(snap.summary().symlinks()).isEqualTo(2);
        assertThat(result.files()).isEqualTo(snap.summary().totalFiles());
        assertThat(result.symlinks()).isEqualTo(snap.summary().symlinks());
        assertThat(result.dirs()).isEqualTo(snap.summary().dirs()).isEqualTo(src.getNameCount() + 4);
    }

    @Test
    void twoNamesThatDecodeToTheSameStringAreBackedUpOnceWithAWarning() throws Exception {
        Path src = Files.createDirectories(tmp.resolve("src"));
        // Bytes 0xFF and 0xFE are not UTF-8: Java reads both names as "a\uFFFD", and a tree may hold a name once.
        Process p = new ProcessBuilder("sh", "-c", "printf x > \"$(printf 'a\\377')\"; printf y > \"$(printf 'a\\376')\"")
                .directory(src.toFile()).inheritIO().start();
        assertThat(p.waitFor()).isZero();
        List<String> warnings = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        Progress recording = new Progress() {
            @Override
            public void warning(String path, String message) {
                warnings.add(message);
            }
        };
        Repository repo = Repository.init(new MemoryStore(), PASS, RepositoryOptions.forTests());

        Snapshot snap = new Archiver(repo, BackupOptions.defaults(), recording).backup(List.of(src));

        assertThat(warnings).singleElement().asString().contains("reads the same as another's");
        assertThat(snap.summary().totalFiles()).isEqualTo(1);
        assertThat(repo.findNode(snap, src + "/a\uFFFD")).isPresent();
    }

    @Test
    void secondSnapshotOfSlightlyChangedTreeStoresOnlyTheChanges() throws Exception {
        Path src = tmp.resolve("src");
        TestTrees.createMixedTree(src, 2);
        Repository repo = Repository.init(new MemoryStore(), PASS, RepositoryOptions.forTests());
        Snapshot first = new Archiver(repo, BackupOptions.defaults(), Progress.NONE).backup(List.of(src));

        // Change 1 KiB in the middle of the 3 MB file and add a small file.
        Path large = src.resolve("large.bin");
        byte[] content = Files.readAllBytes(large);
        System.arraycopy(TestTrees.randomBytes(new Random(9), 1024), 0, content, 1_500_000, 1024);
        Files.write(large, content);
        Files.setLastModifiedTime(large, FileTime.from(Instant.parse("2025-01-01T00:00:00Z")));
        Files.writeString(src.resolve("docs/new.txt"), "a new file");
        Snapshot second = new Archiver(repo, BackupOptions.defaults(), Progress.NONE).backup(List.of(src));

        assertThat(second.parentId()).isEqualTo(first.id());
        assertThat(second.summary().filesNew()).isEqualTo(1);
        assertThat(second.summary().filesChanged()).isEqualTo(2); // large.bin and its hard link
        assertThat(second.summary().filesUnmodified()).isEqualTo(7);
        // Unchanged files are not read again: only the two names of the changed file and the new one.
        assertThat(second.summary().bytesProcessed()).isEqualTo(2L * 3_000_000 + 10);
        // Stored: a few chunks around the change (64 KiB max each) and the trees, far below the first run.
        assertThat(second.summary().bytesAdded()).isLessThan(200_000);
        assertThat(first.summary().bytesAdded()).isGreaterThan(3_000_000);

        Path target = tmp.resolve("target");
        RestoreResult result = new Restorer(repo, Progress.NONE).restore(second, target, RestoreOptions.defaults());
        assertThat(result.errors()).isEmpty();
        TestTrees.assertSameTree(src, target.resolve(src.toString().substring(1)));
    }

    @Test
    void anUnchangedTreeKeepsItsTreeIdsAndAChangedFileChangesOnlyTheTreesAboveIt() throws Exception {
        Path src = tmp.resolve("src");
        TestTrees.createMixedTree(src, 3);
        Repository repo = Repository.init(new MemoryStore(), PASS, RepositoryOptions.forTests());
        Snapshot first = new Archiver(repo, BackupOptions.defaults(), Progress.NONE).backup(List.of(src));

        Snapshot unchanged = new Archiver(repo, BackupOptions.defaults(), Progress.NONE).backup(List.of(src));
        Files.writeString(src.resolve("docs/nested/deeper/added.txt"), "one more");
        Snapshot changed = new Archiver(repo, BackupOptions.defaults(), Progress.NONE).backup(List.of(src));

        String base = src.toString();
        // The directories above src (/tmp, ...) are in the snapshot too, and another process may create a file in /tmp
        // between the two backups: that, and only that, may differ.
        List<Change> aboveSrc = SnapshotDiff.diff(repo, first, unchanged);
        assertThat(aboveSrc).allMatch(c -> c.kind() == Change.Kind.METADATA && !(c.path() + "/").startsWith(base + "/"),
                "metadata of a directory above src");
        assertThat(repo.findNode(unchanged, base)).isEqualTo(repo.findNode(first, base));
        if (aboveSrc.isEmpty()) {
            assertThat(unchanged.treeId()).isEqualTo(first.treeId());
            assertThat(unchanged.summary().bytesAdded()).isZero();
        }
        assertThat(changed.treeId()).isNotEqualTo(first.treeId());
        assertThat(repo.findNode(changed, base + "/docs/nested/deeper").orElseThrow().subtreeId())
                .isNotEqualTo(repo.findNode(first, base + "/docs/nested/deeper").orElseThrow().subtreeId());
        // A sibling directory whose content did not change keeps its tree.
        assertThat(repo.findNode(changed, base + "/empty-dir").orElseThrow().subtreeId())
                .isEqualTo(repo.findNode(first, base + "/empty-dir").orElseThrow().subtreeId());
        assertThat(repo.findNode(changed, base + "/docs/nested/deeper/added.txt")).isPresent();
    }

    @Test
    void excludesAreNotBackedUpIncludesRestoreOnlyTheirSubtreeAndProgressSeesEveryByte() throws Exception {
        Path src = tmp.resolve("src");
        TestTrees.createMixedTree(src, 3);
        Repository repo = Repository.init(new MemoryStore(), PASS, RepositoryOptions.forTests());
        java.util.concurrent.atomic.AtomicLong processed = new java.util.concurrent.atomic.AtomicLong();
        long[] totals = new long[2];
        List<String> finished = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        Progress counting = new Progress() {
            @Override
            public void bytesProcessed(long bytes) {
                processed.addAndGet(bytes);
            }

            @Override
            public void scanFinished(long files, long bytes) {
                totals[0] = files;
                totals[1] = bytes;
            }

            @Override
            public void fileFinished(String path, long size) {
                finished.add(path);
            }
        };
        Snapshot snap = new Archiver(repo, BackupOptions.defaults().withExcludes(List.of("*.bin", src + "/empty-dir")), counting)
                .backup(List.of(src));

        List<String> paths = new java.util.ArrayList<>();
        repo.walk(snap, (path, node) -> paths.add(path));
        assertThat(paths).noneMatch(p -> p.endsWith(".bin") || p.endsWith("empty-dir")).contains(src + "/docs/readme.txt");
        assertThat(totals[0]).isEqualTo(snap.summary().totalFiles()).isEqualTo(finished.size()).isEqualTo(6);
        assertThat(processed.get()).isEqualTo(totals[1]).isEqualTo(snap.summary().totalBytes());

        Path target = tmp.resolve("target");
        RestoreResult result = new Restorer(repo, Progress.NONE).restore(snap, target,
                RestoreOptions.defaults().withIncludes(List.of(src + "/docs/nested")));
        assertThat(result.errors()).isEmpty();
        Path restored = target.resolve(src.toString().substring(1));
        assertThat(restored.resolve("docs/nested/notes.md")).hasSameBinaryContentAs(src.resolve("docs/nested/notes.md"));
        assertThat(restored.resolve("docs/nested/deeper")).isDirectory();
        assertThat(restored.resolve("docs/nested/deeper/binary.bin")).doesNotExist();
        assertThat(restored.resolve("docs/readme.txt")).doesNotExist();
        assertThat(restored.resolve("run.sh")).doesNotExist();

        RestoreResult again = new Restorer(repo, Progress.NONE).restore(snap, target,
                RestoreOptions.defaults().withIncludes(List.of(src + "/docs/nested")));
        assertThat(again.errors()).hasSize(1).allMatch(e -> e.contains("notes.md") && e.contains("not overwritten"));
    }
}
