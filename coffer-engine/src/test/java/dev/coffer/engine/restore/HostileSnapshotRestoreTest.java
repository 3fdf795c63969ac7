package dev.coffer.engine.restore;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.coffer.engine.progress.Progress;
import dev.coffer.engine.repository.Repository;
import dev.coffer.engine.repository.RepositoryOptions;
import dev.coffer.engine.snapshot.Snapshot;
import dev.coffer.engine.store.memory.MemoryStore;
import dev.coffer.engine.testing.HostileTrees;

/**
 * Snapshots written by a compromised machine that holds the repository key: whatever their trees hold, a restore
 * writes nothing outside its target, changes no mode and no time there, reports the snapshot and the entry, and
 * restores the rest. The layout is {@code tmp/outer/parent/target}, with {@code tmp/elsewhere} for links to point at;
 * everything under {@code tmp} but the target is compared before and after.
 */
class HostileSnapshotRestoreTest {

    @TempDir
    Path tmp;

    private Repository repo;
    private HostileTrees hostile;
    private Path parent;
    private Path target;
    private Path elsewhere;

    @BeforeEach
    void setUp() throws IOException {
        repo = Repository.init(new MemoryStore(), "pw".toCharArray(), RepositoryOptions.forTests());
        hostile = new HostileTrees(repo);
        parent = Files.createDirectories(tmp.resolve("outer/parent"));
        target = Files.createDirectories(parent.resolve("target"));
        elsewhere = Files.createDirectories(tmp.resolve("elsewhere"));
        Files.writeString(elsewhere.resolve("existing.txt"), "keep me");
        // Times an accidental write would move: a test can see a change whatever the clock's granularity.
        for (Path p : List.of(elsewhere.resolve("existing.txt"), elsewhere, parent, tmp.resolve("outer"), tmp)) {
            Files.setLastModifiedTime(p, FileTime.from(Instant.parse("2020-01-01T00:00:00Z")));
        }
    }

    private RestoreResult restore(Snapshot snapshot) {
        return restore(snapshot, RestoreOptions.defaults());
    }

    private RestoreResult restore(Snapshot snapshot, RestoreOptions options) {
        return new Restorer(repo, Progress.NONE).restore(snapshot, target, options);
    }

    @Test
    void aFileReachedThroughDotDotTwoLevelsUpIsNotWrittenAboveTheTarget() throws IOException {
        Snapshot snapshot = hostile.snapshot(hostile.dir("..", 0755, hostile.dir("..", 0755,
                hostile.file("escaped.txt", "owned", 0644))));
        Map<String, String> before = outside();

        RestoreResult result = restore(snapshot);

        assertThat(outside()).isEqualTo(before);
        assertThat(tmp.resolve("outer/escaped.txt")).doesNotExist();
        assertThat(result.errors()).singleElement().asString()
                .contains("snapshot " + snapshot.shortId(), "\"..\"", "nothing below / was restored");
        assertThat(result.files()).isZero();
    }

    @Test
    void aNameHoldingSlashesUpwardsIsNotWrittenAboveTheTarget() throws IOException {
        Snapshot snapshot = hostile.snapshot(hostile.file("../../escaped.txt", "owned", 0644));
        Map<String, String> before = outside();

        RestoreResult result = restore(snapshot);

        assertThat(outside()).isEqualTo(before);
        assertThat(tmp.resolve("outer/escaped.txt")).doesNotExist();
        assertThat(result.errors()).singleElement().asString()
                .contains("snapshot " + snapshot.shortId(), "\"../../escaped.txt\"", "'/'");
    }

    @Test
    void aSymlinkFollowedByADirectoryOfTheSameNameDoesNotWriteThroughTheLink() throws IOException {
        Snapshot snapshot = hostile.snapshot(hostile.symlink("a", elsewhere.toString()),
                hostile.dir("a", 0755, hostile.file("planted.txt", "owned", 0644)));
        Map<String, String> before = outside();

        RestoreResult result = restore(snapshot);

        assertThat(outside()).isEqualTo(before);
        assertThat(elsewhere.resolve("planted.txt")).doesNotExist();
        assertThat(result.errors()).singleElement().asString().contains("snapshot " + snapshot.shortId(), "\"a\"", "twice");
    }

    @Test
    void aDirectoryNamedDotDotDoesNotChangeTheModeOrTimeOfTheTargetsParent() throws IOException {
        // Were ".." restored, its metadata (mode 0777, mtime 2021) would land on the target's parent at the end.
        Snapshot snapshot = hostile.snapshot(hostile.dir("..", 0777), hostile.file("fine.txt", "fine", 0644));
        Map<String, String> before = outside();

        RestoreResult result = restore(snapshot);

        assertThat(outside()).isEqualTo(before);
        assertThat(result.errors()).singleElement().asString().contains("\"..\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {".", "", "a/b", "nul\u0000byte", "/"})
    void everyNameThatIsNotOneEntryOfItsDirectoryIsRefusedAndNothingIsWritten(String name) throws IOException {
        Snapshot snapshot = hostile.snapshot(hostile.dir("home", 0755, hostile.file(name, "owned", 0644),
                hostile.file("ok.txt", "ok", 0644)));
        Map<String, String> before = outside();

        RestoreResult result = restore(snapshot);

        assertThat(outside()).isEqualTo(before);
        // The directory whose tree is refused is made, but nothing inside it; the message shows the name escaped.
        assertThat(result.errors()).singleElement().asString()
                .contains("snapshot " + snapshot.shortId(), "/home", "nothing below /home was restored")
                .doesNotContain("\u0000");
        assertThat(result.errors().get(0)).contains(name.equals("nul\u0000byte") ? "nul\\u0000byte" : "\"" + name + "\"");
        try (Stream<Path> inTarget = Files.walk(target)) {
            assertThat(inTarget.map(p -> target.relativize(p).toString())).containsExactlyInAnyOrder("", "home");
        }
    }

    @Test
    void twoFilesOfTheSameNameAreRefused() throws IOException {
        Snapshot snapshot = hostile.snapshot(hostile.file("twice.txt", "first", 0644), hostile.file("twice.txt", "second", 0600));
        Map<String, String> before = outside();

        RestoreResult result = restore(snapshot);

        assertThat(outside()).isEqualTo(before);
        assertThat(result.errors()).singleElement().asString().contains("\"twice.txt\"", "twice");
        assertThat(target.resolve("twice.txt")).doesNotExist();
    }

    @Test
    void aHostileTreeDeepDownIsReportedAndTheRestIsRestored() throws IOException {
        Snapshot snapshot = hostile.snapshot(hostile.dir("home", 0755, hostile.file("notes.txt", "mine", 0640),
                hostile.dir("bad", 0755, hostile.dir("..", 0755, hostile.dir("..", 0755, hostile.file("x", "owned", 0644))))));
        Map<String, String> before = outside();

        RestoreResult result = restore(snapshot);

        assertThat(outside()).isEqualTo(before);
        assertThat(target.resolve("home/notes.txt")).hasContent("mine");
        assertThat(target.resolve("home/bad")).isEmptyDirectory();
        assertThat(result.errors()).singleElement().asString().contains("/home/bad", "\"..\"");
        assertThat(result.files()).isEqualTo(1);
    }

    @Test
    void aSymlinkAlreadyInTheTargetIsNotFollowedByADirectoryOrAFileOfTheSameName() throws IOException {
        Files.createSymbolicLink(target.resolve("a"), elsewhere);
        Files.createSymbolicLink(target.resolve("b"), elsewhere.resolve("existing.txt"));
        Snapshot snapshot = hostile.snapshot(hostile.dir("a", 0755, hostile.file("planted.txt", "owned", 0644)),
                hostile.file("b", "overwritten", 0644));
        Map<String, String> before = outside();

        RestoreResult kept = restore(snapshot);

        assertThat(outside()).isEqualTo(before);
        assertThat(kept.errors()).hasSize(2).anyMatch(e -> e.contains("a symlink stands where the directory goes"))
                .anyMatch(e -> e.contains("not overwritten"));

        // With overwrite the links themselves are replaced; what they pointed to stays as it was.
        RestoreResult replaced = restore(snapshot, RestoreOptions.defaults().withOverwrite(true));

        assertThat(outside()).isEqualTo(before);
        assertThat(replaced.errors()).isEmpty();
        assertThat(target.resolve("a")).isDirectory();
        assertThat(Files.isSymbolicLink(target.resolve("a"))).isFalse();
        assertThat(target.resolve("a/planted.txt")).hasContent("owned");
        assertThat(Files.isSymbolicLink(target.resolve("b"))).isFalse();
        assertThat(target.resolve("b")).hasContent("overwritten");
        assertThat(elsewhere.resolve("existing.txt")).hasContent("keep me");
    }

    /** Type, mode, owner, size, mtime and link target of everything under tmp except the target and what it holds. */
    private Map<String, String> outside() throws IOException {
        Map<String, String> state = new TreeMap<>();
        try (Stream<Path> all = Files.walk(tmp)) {
            for (Path p : all.filter(p -> !p.startsWith(target)).toList()) {
                Map<String, Object> a = Files.readAttributes(p, "unix:mode,uid,gid,size,lastModifiedTime,isSymbolicLink",
                        LinkOption.NOFOLLOW_LINKS);
                String link = (Boolean) a.get("isSymbolicLink") ? " -> " + Files.readSymbolicLink(p) : "";
                state.put(tmp.relativize(p).toString(), String.format("mode=%o uid=%s gid=%s size=%s mtime=%s%s",
                        a.get("mode"), a.get("uid"), a.get("gid"), a.get("size"), a.get("lastModifiedTime"), link));
            }
        }
        return state;
    }
}
