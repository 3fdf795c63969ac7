package dev.coffer.engine.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.coffer.engine.archive.Archiver;
import dev.coffer.engine.archive.BackupOptions;
import dev.coffer.engine.progress.Progress;
import dev.coffer.engine.repository.Repository;
import dev.coffer.engine.repository.RepositoryOptions;
import dev.coffer.engine.store.memory.MemoryStore;

class SnapshotDiffTest {

    @TempDir
    Path tmp;

    @Test
    void walkListsEveryPathAndDiffNamesEachChange() throws Exception {
        Path src = tmp.resolve("data");
        Files.createDirectories(src.resolve("sub"));
        Files.writeString(src.resolve("keep.txt"), "same");
        Files.writeString(src.resolve("edit.txt"), "before");
        Files.writeString(src.resolve("sub/gone.txt"), "bye");
        Files.writeString(src.resolve("chmod.txt"), "x");
        Repository repo = Repository.init(new MemoryStore(), "pw".toCharArray(), RepositoryOptions.forTests());
        Snapshot a = new Archiver(repo, BackupOptions.defaults(), Progress.NONE).backup(List.of(src));

        List<String> paths = new ArrayList<>();
        repo.walk(a, (path, node) -> paths.add(path + (node.type() == NodeType.DIRECTORY ? "/" : "")));
        String base = src.toString();
        assertThat(paths).contains(base + "/", base + "/keep.txt", base + "/sub/", base + "/sub/gone.txt");
        assertThat(paths.indexOf(base + "/sub/")).isLessThan(paths.indexOf(base + "/sub/gone.txt"));

        Files.writeString(src.resolve("edit.txt"), "after!");
        Files.delete(src.resolve("sub/gone.txt"));
        Files.writeString(src.resolve("sub/new.txt"), "hi");
        Files.setPosixFilePermissions(src.resolve("chmod.txt"), PosixFilePermissions.fromString("rwx------"));
        Files.setLastModifiedTime(src.resolve("sub"), FileTime.from(Instant.parse("2020-01-01T00:00:00Z")));
        Snapshot b = new Archiver(repo, BackupOptions.defaults(), Progress.NONE).backup(List.of(src));

        List<Change> changes = SnapshotDiff.diff(repo, a, b);
        assertThat(changes).contains(
                new Change(base + "/edit.txt", Change.Kind.MODIFIED),
                new Change(base + "/sub/gone.txt", Change.Kind.REMOVED),
                new Change(base + "/sub/new.txt", Change.Kind.ADDED),
                new Change(base + "/chmod.txt", Change.Kind.METADATA),
                new Change(base + "/sub", Change.Kind.METADATA));
        assertThat(changes).noneMatch(c -> c.path().endsWith("keep.txt"));
        assertThat(SnapshotDiff.diff(repo, b, b)).isEmpty();
    }
}
