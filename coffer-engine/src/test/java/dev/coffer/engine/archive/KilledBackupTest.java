package dev.coffer.engine.archive;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import dev.coffer.engine.check.Checker;
import dev.coffer.engine.progress.Progress;
import dev.coffer.engine.repository.Repository;
import dev.coffer.engine.repository.RepositoryLayout;
import dev.coffer.engine.repository.RepositoryOptions;
import dev.coffer.engine.restore.RestoreOptions;
import dev.coffer.engine.restore.Restorer;
import dev.coffer.engine.snapshot.Snapshot;
import dev.coffer.engine.store.local.LocalStore;
import dev.coffer.engine.testing.TestTrees;

/**
 * Real kills: backups of a local directory repository that already holds two snapshots run in their own JVM and are
 * killed (SIGKILL): while packs are uploaded (after a seeded random number of new packs), in the middle of writing an
 * index file, and in the middle of writing the snapshot. After every kill the repository passes check
 * with read-data, holds exactly the earlier snapshots, and restores them byte for byte; the final backup restores byte
 * for byte too. Where a mid-pack kill lands depends on timing; the asserted outcome must hold wherever it lands.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class KilledBackupTest {

    private static final String PASS = "pw";
    /** How long a backup process may take to reach the point where it is to be killed. */
    private static final Duration CHILD_DEADLINE = Duration.ofSeconds(90);

    private enum KillPoint { MID_PACK, INDEX_WRITE, SNAPSHOT_WRITE }

    @TempDir
    Path tmp;

    private Path repoDir;

    @Test
    void backupProcessesKilledWhileWritingPacksIndexFilesAndTheSnapshotLeaveARepositoryThatChecksAndRestores() throws Exception {
        Path first = tmp.resolve("first");
        Path second = tmp.resolve("second");
        TestTrees.createMixedTree(first, 13);
        TestTrees.createMixedTree(second, 14);
        Path src = tmp.resolve("src");
        TestTrees.createMixedTree(src, 13); // shares its content with the first snapshot, so the backups reuse its packs
        Files.write(src.resolve("big.bin"), TestTrees.randomBytes(new Random(13), 12_000_000));
        repoDir = tmp.resolve("repo");
        Repository initial = Repository.init(LocalStore.create(repoDir), PASS.toCharArray(), RepositoryOptions.forTests());
        List<Snapshot> earlier = List.of(backup(initial, first), backup(initial, second));
        List<Path> earlierSources = List.of(first, second);

        Random random = new Random(42);
        List<KillPoint> plan = List.of(KillPoint.MID_PACK, KillPoint.INDEX_WRITE, KillPoint.SNAPSHOT_WRITE);
        for (int i = 0; i < plan.size(); i++) {
            KillPoint point = plan.get(i);
            Path halted = tmp.resolve("halted-" + i);
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"), BackupProcessMain.class.getName(),
                    repoDir.toString(), src.toString(), PASS));
            switch (point) {
                case INDEX_WRITE -> command.addAll(List.of(RepositoryLayout.INDEX, "1", halted.toString()));
                case SNAPSHOT_WRITE -> command.addAll(List.of(RepositoryLayout.SNAPSHOTS, "1", halted.toString()));
                default -> { }
            }
            Path log = tmp.resolve("process-" + i + ".log");
            Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            try {
                if (point == KillPoint.MID_PACK) {
                    // Killed once it has stored a random number (1-10) of new packs: the 12 MB file alone needs about
                    // 50 and each run before the snapshot's stores at most 16, so the kill lands in the middle of the
                    // upload, whatever the machine's speed.
                    int target = countPacks() + 1 + random.nextInt(10);
                    awaitOrExit(p, () -> countPacks() >= target);
                    Thread.sleep(random.nextInt(20)); // vary where between two packs the kill lands
                } else {
                    awaitOrExit(p, () -> Files.exists(halted));
                }
                assertThat(p.isAlive()).as("backup %d (%s) still running when it is killed; its output: %s", i, point,
                        Files.readString(log)).isTrue();
            } finally {
                p.destroyForcibly();
                assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("killed backup process %d exited", i).isTrue();
            }
            assertIntact(earlier, earlierSources, "after kill " + i + " (" + point + ")");
        }

        Repository repo = Repository.open(new LocalStore(repoDir), PASS.toCharArray());
        Snapshot done = backup(repo, src);
        assertIntact(earlier, earlierSources, "after the final backup");
        Repository reopened = Repository.open(new LocalStore(repoDir), PASS.toCharArray());
        assertThat(reopened.snapshots()).extracting(Snapshot::id).endsWith(done.id());
        assertRestores(reopened, done, src, "final");
    }

    /** The repository checks with read-data, holds the earlier snapshots (and maybe a final one), which restore. */
    private void assertIntact(List<Snapshot> earlier, List<Path> sources, String when) throws IOException {
        Repository repo = Repository.open(new LocalStore(repoDir), PASS.toCharArray());
        assertThat(new Checker(repo, Progress.NONE).check(true).errors()).as(when).isEmpty();
        assertThat(repo.snapshots()).as(when).extracting(Snapshot::id)
                .startsWith(earlier.stream().map(Snapshot::id).toArray(String[]::new));
        for (int i = 0; i < earlier.size(); i++) {
            assertRestores(repo, earlier.get(i), sources.get(i), when.replace(' ', '-') + "-" + i);
        }
    }

    private void assertRestores(Repository repo, Snapshot snapshot, Path source, String name) throws IOException {
        Path target = tmp.resolve("restore-" + name.replaceAll("[^A-Za-z0-9-]", ""));
        assertThat(new Restorer(repo, Progress.NONE).restore(snapshot, target, RestoreOptions.defaults()).errors()).as(name).isEmpty();
        TestTrees.assertSameTree(source, target.resolve(source.toString().substring(1)));
    }

    private static Snapshot backup(Repository repo, Path src) {
        return new Archiver(repo, BackupOptions.defaults().withThreads(2), Progress.NONE).backup(List.of(src));
    }

    /** Waits until the condition holds or the process exits, failing after {@link #CHILD_DEADLINE}. */
    private static void awaitOrExit(Process p, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + CHILD_DEADLINE.toNanos();
        while (p.isAlive() && !condition.getAsBoolean()) {
            assertThat(System.nanoTime() - deadline).as("backup process reached its kill point within %s", CHILD_DEADLINE)
                    .isNegative();
            p.waitFor(2, TimeUnit.MILLISECONDS);
        }
    }

    private int countPacks() {
        Path data = repoDir.resolve(RepositoryLayout.DATA);
        if (!Files.exists(data)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(data)) {
            return (int) files.filter(Files::isRegularFile).count();
        } catch (UncheckedIOException | IOException raced) {
            return 0; // a directory appeared or went while walking: ask again
        }
    }
}
