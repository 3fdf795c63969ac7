package dev.coffer.engine.archive;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.coffer.engine.check.Checker;
import dev.coffer.engine.progress.Progress;
import dev.coffer.engine.repository.Repository;
import dev.coffer.engine.repository.RepositoryOptions;
import dev.coffer.engine.restore.RestoreOptions;
import dev.coffer.engine.restore.Restorer;
import dev.coffer.engine.snapshot.Snapshot;
import dev.coffer.engine.store.local.LocalStore;
import dev.coffer.engine.testing.TestTrees;

/**
 * Real kills: a backup runs in its own JVM against a local directory repository and is killed (SIGKILL) after a
 * random delay, several times; the repository then passes check and the final backup restores byte for byte.
 * The delays are seeded, but where the kill lands depends on timing; the asserted outcome must hold wherever it lands.
 */
class KilledBackupTest {

    private static final String PASS = "pw";

    @TempDir
    Path tmp;

    @Test
    void backupProcessesKilledMidwayLeaveARepositoryThatChecksAndTheRerunCompletes() throws Exception {
        Path src = tmp.resolve("src");
        TestTrees.createMixedTree(src, 13);
        Files.write(src.resolve("big.bin"), TestTrees.randomBytes(new Random(13), 24_000_000));
        Path repoDir = tmp.resolve("repo");
        Repository.init(LocalStore.create(repoDir), PASS.toCharArray(), RepositoryOptions.forTests());

        Random random = new Random(42);
        int kills = 0;
        for (int i = 0; i < 3; i++) {
            Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                    System.getProperty("java.class.path"), BackupProcessMain.class.getName(), repoDir.toString(), src.toString(), PASS)
                    .redirectErrorStream(true).redirectOutput(tmp.resolve("process-" + i + ".log").toFile()).start();
            // Killed once it has stored a random number (1-20) of new packs: the 24 MB file alone needs about 100, so
            // each kill lands in the middle of the upload, whatever the machine's speed.
            int packsAtStart = countPacks(repoDir);
            int killAfter = 1 + random.nextInt(20);
            while (p.isAlive() && countPacks(repoDir) < packsAtStart + killAfter) {
                Thread.sleep(2);
            }
            if (p.isAlive()) {
                Thread.sleep(random.nextInt(20));
                p.destroyForcibly().waitFor();
                kills++;
            }
            Repository afterKill = Repository.open(new LocalStore(repoDir), PASS.toCharArray());
            assertThat(new Checker(afterKill, Progress.NONE).check(false).errors()).as("after kill %d", i).isEmpty();
        }

        assertThat(kills).as("backup processes killed before they finished").isEqualTo(3);
        Repository repo = Repository.open(new LocalStore(repoDir), PASS.toCharArray());
        Snapshot done = new Archiver(repo, BackupOptions.defaults().withThreads(2), Progress.NONE).backup(List.of(src));
        Repository reopened = Repository.open(new LocalStore(repoDir), PASS.toCharArray());
        assertThat(new Checker(reopened, Progress.NONE).check(true).errors()).isEmpty();
        Path target = tmp.resolve("restore");
        assertThat(new Restorer(reopened, Progress.NONE).restore(done, target, RestoreOptions.defaults()).errors()).isEmpty();
        TestTrees.assertSameTree(src, target.resolve(src.toString().substring(1)));
    }

    private static int countPacks(Path repoDir) throws java.io.IOException {
        Path data = repoDir.resolve("data");
        if (!Files.exists(data)) {
            return 0;
        }
        try (java.util.stream.Stream<Path> files = Files.walk(data)) {
            return (int) files.filter(Files::isRegularFile).count();
        } catch (java.io.UncheckedIOException raced) {
            return 0; // a directory appeared or went while walking: ask again
        }
    }
}
