package dev.coffer.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the agent's commands in-process against a repository in a temporary directory, as a user would. */
class AgentEndToEndTest {

    private static final Pattern SAVED = Pattern.compile("snapshot ([0-9a-f]{8}) saved");

    @TempDir
    Path tmp;

    private Path repo;
    private Path source;
    private AgentRunner agent;

    @BeforeEach
    void setUp() throws IOException {
        repo = tmp.resolve("repo");
        source = tmp.resolve("source");
        agent = new AgentRunner().env("COFFER_REPO", repo.toString()).env("COFFER_PASSWORD", "correct horse");
        Files.createDirectories(source.resolve("docs/empty-dir"));
        Files.writeString(source.resolve("docs/notes.txt"), "line\n".repeat(10_000));
        Files.writeString(source.resolve("docs/Grüße – 日本語.txt"), "unicode name");
        Files.write(source.resolve("empty.bin"), new byte[0]);
        byte[] random = new byte[3 * 1024 * 1024 + 17];
        new Random(1).nextBytes(random);
        Files.write(source.resolve("random.bin"), random);
        Files.createSymbolicLink(source.resolve("link-to-notes"), Path.of("docs/notes.txt"));
    }

    private AgentRunner.Result ok(AgentRunner runner, String... args) {
        AgentRunner.Result result = runner.run(args);
        assertThat(result.exitCode()).as("exit code of %s; stderr: %s", String.join(" ", args), result.err())
                .isZero();
        return result;
    }

    private String backup(String... extra) {
        String[] args = Stream.concat(Stream.of("backup", source.toString()), Stream.of(extra)).toArray(String[]::new);
        AgentRunner.Result result = ok(agent, args);
        Matcher matcher = SAVED.matcher(result.out());
        assertThat(matcher.find()).as("backup output: %s", result.out()).isTrue();
        return matcher.group(1);
    }

    private static void assertSameTree(Path expected, Path actual) throws IOException {
        try (Stream<Path> walk = Files.walk(expected)) {
            for (Path p : walk.toList()) {
                Path other = actual.resolve(expected.relativize(p).toString());
                if (Files.isSymbolicLink(p)) {
                    assertThat(Files.isSymbolicLink(other)).as("%s is a symlink", other).isTrue();
                    assertThat(Files.readSymbolicLink(other)).isEqualTo(Files.readSymbolicLink(p));
                } else if (Files.isDirectory(p)) {
                    assertThat(other).isDirectory();
                } else {
                    assertThat(other).exists();
                    assertThat(Files.mismatch(p, other)).as("content of %s", other).isEqualTo(-1L);
                }
            }
        }
    }

    @Test
    void initBackupListAndRestoreByteForByte() throws IOException {
        AgentRunner.Result init = ok(agent, "init");
        assertThat(init.out()).contains("created repository", repo.toString());

        String id = backup("--tag", "nightly", "--host", "laptop");

        AgentRunner.Result snapshots = ok(agent, "snapshots");
        assertThat(snapshots.out()).contains(id, "laptop", "nightly", source.toString(), "1 snapshots");

        AgentRunner.Result ls = ok(agent, "ls", "latest");
        assertThat(ls.out().lines()).contains(source + "/docs/notes.txt", source + "/docs/Grüße – 日本語.txt",
                source + "/docs/empty-dir", source + "/empty.bin", source + "/link-to-notes");

        Path target = tmp.resolve("restore");
        AgentRunner.Result restore = ok(agent, "restore", id.substring(0, 5), "--target", target.toString());
        assertThat(restore.out()).contains("restored", id);
        assertSameTree(source, target.resolve(source.toString().substring(1)));
    }

    @Test
    void restoreWithIncludeRestoresOnlyThatPath() throws IOException {
        ok(agent, "init");
        backup();

        Path target = tmp.resolve("partial");
        ok(agent, "restore", "latest", "--target", target.toString(), "--include", source + "/docs");

        Path restored = target.resolve(source.toString().substring(1));
        assertThat(restored.resolve("docs/notes.txt")).hasContent("line\n".repeat(10_000).trim() + "\n");
        assertThat(restored.resolve("random.bin")).doesNotExist();
    }

    @Test
    void lsUnderAPathListsOnlyThatPart() {
        ok(agent, "init");
        backup();

        AgentRunner.Result ls = ok(agent, "ls", "latest", source + "/docs", "--long");

        assertThat(ls.out()).contains("notes.txt", "50000").doesNotContain("random.bin");
        assertThat(ls.out()).containsPattern("-rw.+notes\\.txt");
    }

    @Test
    void secondBackupStoresOnlyChangesAndDiffShowsThem() throws IOException {
        ok(agent, "init");
        String first = backup();
        Files.writeString(source.resolve("docs/notes.txt"), "changed\n");
        Files.writeString(source.resolve("new.txt"), "new file");
        Files.delete(source.resolve("empty.bin"));

        AgentRunner.Result second = ok(agent, "backup", source.toString());
        assertThat(second.out()).contains("1 new, 1 changed");
        Matcher matcher = SAVED.matcher(second.out());
        assertThat(matcher.find()).isTrue();
        // The 3 MiB random file is not stored again.
        assertThat(second.out()).containsPattern("added [0-9.]+ (B|KiB) to the repository");

        AgentRunner.Result diff = ok(agent, "diff", first, matcher.group(1));
        assertThat(diff.out().lines()).contains("+  " + source + "/new.txt", "-  " + source + "/empty.bin",
                "M  " + source + "/docs/notes.txt");
        assertThat(diff.out()).contains("1 added, 1 removed, 1 modified");

        JsonNode json = new ObjectMapper().readTree(ok(agent, "diff", first, "latest", "--json").out());
        // The source directory itself changed too (its modification time): a metadata-only change. Only changes at
        // and below the source count: the snapshot also holds /tmp, whose time moves whenever anything on the machine
        // creates a file there.
        List<String> kinds = new ArrayList<>();
        for (JsonNode change : json.get("changes")) {
            if (change.get("path").asText().startsWith(source.toString())) {
                kinds.add(change.get("kind").asText());
            }
        }
        assertThat(kinds).containsExactlyInAnyOrder("added", "removed", "modified", "metadata");
    }

    @Test
    void jsonOutputIsMachineReadable() throws IOException {
        ok(agent, "init");
        AgentRunner.Result backup = ok(agent, "backup", source.toString(), "--json");

        JsonNode summary = new ObjectMapper().readTree(backup.out());
        assertThat(summary.get("id").asText()).hasSize(64);
        // Four regular files; the symlink and the directories are not counted as files.
        assertThat(summary.get("summary").get("filesNew").asLong()).isEqualTo(4);
        assertThat(summary.get("warnings").asLong()).isZero();
        assertThat(backup.err()).isEmpty();

        JsonNode list = new ObjectMapper().readTree(ok(agent, "snapshots", "--json").out());
        assertThat(list.isArray()).isTrue();
        assertThat(list.get(0).get("id").asText()).isEqualTo(summary.get("id").asText());
    }

    @Test
    void backupAndRestoreCountFilesSymlinksAndDirectoriesTheSameWay() throws IOException {
        ok(agent, "init");
        AgentRunner.Result backup = ok(agent, "backup", source.toString());
        Matcher backedUp = Pattern.compile("(\\d+) files \\(4 new, 0 changed, 0 unmodified\\), (\\d+) symlinks, (\\d+) directories")
                .matcher(backup.out());
        assertThat(backedUp.find()).as("backup output: %s", backup.out()).isTrue();

        AgentRunner.Result restore = ok(agent, "restore", "latest", "--target", tmp.resolve("restore").toString());
        Matcher restored = Pattern.compile("restored (\\d+) files, (\\d+) symlinks, (\\d+) directories").matcher(restore.out());
        assertThat(restored.find()).as("restore output: %s", restore.out()).isTrue();

        // Four regular files and one symlink, counted apart; the directories are those from / down, the same both ways.
        assertThat(backedUp.group(1)).isEqualTo(restored.group(1)).isEqualTo("4");
        assertThat(backedUp.group(2)).isEqualTo(restored.group(2)).isEqualTo("1");
        assertThat(backedUp.group(3)).isEqualTo(restored.group(3));
        assertThat(Long.parseLong(restored.group(3))).isEqualTo(source.getNameCount() + 2L);

        JsonNode backupJson = new ObjectMapper().readTree(ok(agent, "backup", source.toString(), "--json").out()).get("summary");
        JsonNode restoreJson = new ObjectMapper().readTree(ok(agent, "restore", "latest", "--target",
                tmp.resolve("again").toString(), "--json").out());
        assertThat(backupJson.get("totalFiles").asLong()).isEqualTo(restoreJson.get("files").asLong()).isEqualTo(4);
        assertThat(backupJson.get("symlinks").asLong()).isEqualTo(restoreJson.get("symlinks").asLong()).isEqualTo(1);
        assertThat(backupJson.get("dirs").asLong()).isEqualTo(restoreJson.get("dirs").asLong());
    }

    @Test
    void aSnapshotWithAHostileTreeFailsCheckAndRestoreWritesNothingOutsideTheTarget() throws IOException {
        ok(agent, "init");
        String id = HostileSnapshot.save(repo, "correct horse");
        Path parent = Files.createDirectories(tmp.resolve("restore-parent"));
        Path target = parent.resolve("target");

        AgentRunner.Result restore = agent.run("restore", id, "--target", target.toString());

        assertThat(restore.exitCode()).isEqualTo(ExitCodes.FATAL);
        assertThat(restore.err()).contains("snapshot " + id.substring(0, 8), "entry \"..\" is refused",
                "could not be restored");
        try (Stream<Path> files = Files.walk(tmp)) {
            assertThat(files.filter(p -> p.getFileName().toString().equals("escaped.txt"))).isEmpty();
        }
        try (Stream<Path> inParent = Files.list(parent)) {
            assertThat(inParent).containsExactly(target);
        }

        AgentRunner.Result check = agent.run("check");
        assertThat(check.exitCode()).isEqualTo(ExitCodes.FATAL);
        assertThat(check.err()).contains("snapshot " + id.substring(0, 8) + ", directory /", "\"..\"");
    }

    @Test
    void plainProgressGoesToStderrAndQuietSilencesIt() {
        ok(agent, "init");
        AgentRunner.Result quiet = ok(agent, "backup", source.toString(), "--quiet");
        assertThat(quiet.err()).isEmpty();
    }

    @Test
    void initTwiceExitsWith11() {
        ok(agent, "init");

        AgentRunner.Result again = agent.run("init");

        assertThat(again.exitCode()).isEqualTo(ExitCodes.REPOSITORY_EXISTS);
        assertThat(again.err().trim()).isEqualTo("error: a repository already exists at " + repo
                + ": back up to it with --repo " + repo + ", or choose an empty location");
    }

    @Test
    void wrongPassphraseExitsWith12WithoutAStackTrace() {
        ok(agent, "init");

        AgentRunner.Result wrong = agent.env("COFFER_PASSWORD", "wrong").run("snapshots");

        assertThat(wrong.exitCode()).isEqualTo(ExitCodes.WRONG_PASSPHRASE);
        assertThat(wrong.err().lines()).hasSize(1);
        assertThat(wrong.err()).contains("wrong passphrase", "COFFER_PASSWORD").doesNotContain("Exception");
        assertThat(wrong.out()).isEmpty();
    }

    @Test
    void verboseShowsTheStackTrace() {
        ok(agent, "init");

        AgentRunner.Result wrong = agent.env("COFFER_PASSWORD", "wrong").run("snapshots", "--verbose");

        assertThat(wrong.exitCode()).isEqualTo(ExitCodes.WRONG_PASSPHRASE);
        assertThat(wrong.err()).contains("WrongPassphraseException", "\tat ");
    }

    @Test
    void missingRepositoryExitsWith10AndSaysHowToCreateOne() {
        AgentRunner.Result missing = agent.run("snapshots");

        assertThat(missing.exitCode()).isEqualTo(ExitCodes.REPOSITORY_NOT_FOUND);
        assertThat(missing.err().trim()).isEqualTo("error: no repository at " + repo
                + ": create one with 'coffer-agent init --repo " + repo + "'");
    }

    @Test
    void noRepositoryGivenIsAUsageError() {
        AgentRunner.Result result = agent.withoutEnv("COFFER_REPO").run("snapshots");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).contains("--repo", "COFFER_REPO");
    }

    @Test
    void repoOptionAfterTheSubcommandOverridesTheEnvironment() {
        Path other = tmp.resolve("other");
        ok(agent, "init", "--repo", other.toString());

        assertThat(other.resolve("config")).exists();
        assertThat(repo).doesNotExist();
    }

    @Test
    void unknownSnapshotSaysHowToListThem() {
        ok(agent, "init");
        backup();

        AgentRunner.Result result = agent.run("ls", "ffffffffff");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.FATAL);
        assertThat(result.err()).contains("ffffffffff", "snapshots").doesNotContain("Exception");
    }

    @Test
    void backupOfAMissingPathFailsBeforeTouchingTheRepository() {
        ok(agent, "init");

        AgentRunner.Result result = agent.run("backup", tmp.resolve("nope").toString());

        assertThat(result.exitCode()).isEqualTo(ExitCodes.FATAL);
        assertThat(result.err()).contains("cannot back up", "nope", "no such file or directory");
        assertThat(ok(agent, "snapshots").out()).contains("no snapshots yet");
    }

    @Test
    void passphraseIsPromptedTwiceOnInitAndNeverPrinted() {
        AgentRunner prompting = new AgentRunner().env("COFFER_REPO", repo.toString()).typing("s3cret-typed",
                "s3cret-typed", "s3cret-typed");

        AgentRunner.Result init = prompting.run("init");
        AgentRunner.Result snapshots = prompting.run("snapshots");

        assertThat(init.exitCode()).isZero();
        assertThat(snapshots.exitCode()).isZero();
        assertThat(init.out() + init.err() + snapshots.out() + snapshots.err()).doesNotContain("s3cret-typed");
    }

    @Test
    void passwordFileOpensTheRepository() throws IOException {
        ok(agent, "init");
        Path file = Files.writeString(tmp.resolve("pw"), "correct horse\n");

        AgentRunner.Result result = agent.withoutEnv("COFFER_PASSWORD").run("snapshots", "--password-file",
                file.toString());

        assertThat(result.exitCode()).isZero();
    }

    @Test
    void keyAddAndPasswdChangeWhichPassphrasesWork() {
        ok(agent, "init");

        ok(agent.env("COFFER_NEW_PASSWORD", "second"), "key", "add");
        ok(new AgentRunner().env("COFFER_REPO", repo.toString()).env("COFFER_PASSWORD", "second"), "snapshots");

        ok(agent.env("COFFER_NEW_PASSWORD", "third"), "key", "passwd");
        assertThat(agent.run("snapshots").exitCode()).isEqualTo(ExitCodes.WRONG_PASSPHRASE);
        ok(new AgentRunner().env("COFFER_REPO", repo.toString()).env("COFFER_PASSWORD", "third"), "snapshots");
        ok(new AgentRunner().env("COFFER_REPO", repo.toString()).env("COFFER_PASSWORD", "second"), "snapshots");
    }

    @Test
    void excludedFilesAreNotBackedUp() {
        ok(agent, "init");
        backup("--exclude", "*.bin");

        AgentRunner.Result ls = ok(agent, "ls", "latest");

        assertThat(ls.out()).contains("notes.txt").doesNotContain("random.bin", "empty.bin");
    }

    @Test
    void checkPassesOnAHealthyRepository() {
        ok(agent, "init");
        backup();

        assertThat(ok(agent, "check").out()).contains("no errors were found");
        assertThat(ok(agent, "check", "--read-data").out()).contains("no errors were found", "read");
    }

    @Test
    void checkReadDataFindsAFlippedByteAndNamesTheAffectedFile() throws IOException {
        ok(agent, "init");
        backup();
        Path largest;
        try (Stream<Path> files = Files.walk(repo)) {
            largest = files.filter(Files::isRegularFile)
                    .max(java.util.Comparator.comparingLong(p -> p.toFile().length())).orElseThrow();
        }
        // The largest object is the pack holding random.bin's chunks (incompressible, over 3 MiB).
        byte[] bytes = Files.readAllBytes(largest);
        bytes[bytes.length / 2] ^= 0x01;
        Files.write(largest, bytes);

        AgentRunner.Result result = agent.run("check", "--read-data");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.FATAL);
        assertThat(result.err()).contains("random.bin", "the repository has").doesNotContain("Exception");
    }

    @Test
    void backupWithAnUnreadableEntryIsSavedAndExitsWith3() throws Exception {
        // A named pipe cannot be backed up: the engine warns and goes on (a file root cannot read is not possible
        // to make in a test that may run as root).
        Path pipe = source.resolve("pipe");
        Process mkfifo = new ProcessBuilder("mkfifo", pipe.toString()).start();
        assertThat(mkfifo.waitFor()).isZero();
        ok(agent, "init");

        AgentRunner.Result result = agent.run("backup", source.toString());

        assertThat(result.exitCode()).isEqualTo(ExitCodes.PARTIAL_BACKUP);
        assertThat(result.err()).contains("warning: " + pipe, "1 files could not be read");
        assertThat(result.out()).containsPattern("snapshot [0-9a-f]{8} saved");
        assertThat(ok(agent, "ls", "latest").out()).contains("notes.txt").doesNotContain("pipe");
    }

    @Test
    void forgetKeepsWhatThePolicySaysAndPruneFreesTheSpace() throws IOException {
        ok(agent, "init");
        backup();
        Files.writeString(source.resolve("docs/notes.txt"), "second version\n");
        backup();
        byte[] other = new byte[2 * 1024 * 1024];
        new Random(2).nextBytes(other);
        Files.write(source.resolve("random.bin"), other);
        String newest = backup();

        AgentRunner.Result dryRun = ok(agent, "forget", "--keep-last", "1", "--dry-run");
        assertThat(dryRun.out()).contains("keep 1 snapshots", newest, "would remove 2 snapshots");
        assertThat(ok(agent, "snapshots").out()).contains("3 snapshots");

        AgentRunner.Result forget = ok(agent, "forget", "--keep-last", "1");
        assertThat(forget.out()).contains("removed 2 snapshots", "coffer-agent prune");
        assertThat(ok(agent, "snapshots").out()).contains(newest, "1 snapshots");

        AgentRunner.Result prune = ok(agent, "prune");
        // The first random.bin (3 MiB, incompressible) is no longer used by any snapshot.
        assertThat(prune.out()).containsPattern("freed [3-9]\\.[0-9] MiB");
        assertThat(ok(agent, "check", "--read-data").out()).contains("no errors were found");

        Path target = tmp.resolve("after-prune");
        ok(agent, "restore", "latest", "--target", target.toString());
        assertSameTree(source, target.resolve(source.toString().substring(1)));
    }

    @Test
    void forgetWithPruneReportsBothAsJson() throws IOException {
        ok(agent, "init");
        backup();
        backup();

        AgentRunner.Result result = ok(agent, "forget", "--keep-last", "1", "--prune", "--json");

        JsonNode json = new ObjectMapper().readTree(result.out());
        assertThat(json.get("kept")).hasSize(1);
        assertThat(json.get("removed")).hasSize(1);
        assertThat(json.get("prune").has("bytesFreed")).isTrue();
    }

    @Test
    void forgetWithoutAPolicyRemovesNothing() {
        ok(agent, "init");
        backup();

        AgentRunner.Result result = ok(agent, "forget");

        assertThat(result.err()).contains("nothing was removed");
        assertThat(ok(agent, "snapshots").out()).contains("1 snapshots");
    }

    @Test
    void forgetRefusesToRemoveEverySnapshot() {
        ok(agent, "init");
        backup("--tag", "daily");

        AgentRunner.Result result = agent.run("forget", "--keep-tag", "release");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.FATAL);
        assertThat(result.err()).contains("remove all 1 snapshots", "nothing was removed");
        assertThat(ok(agent, "snapshots").out()).contains("1 snapshots");
    }

    @Test
    void forgetKeepTagKeepsTaggedSnapshots() {
        ok(agent, "init");
        String release = backup("--tag", "release");
        backup();
        String newest = backup();

        ok(agent, "forget", "--keep-last", "1", "--keep-tag", "release");

        assertThat(ok(agent, "snapshots").out()).contains(release, newest, "2 snapshots");
    }
}
