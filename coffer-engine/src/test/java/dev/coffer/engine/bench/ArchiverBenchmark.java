package dev.coffer.engine.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import dev.coffer.engine.archive.Archiver;
import dev.coffer.engine.archive.BackupOptions;
import dev.coffer.engine.progress.Progress;
import dev.coffer.engine.repository.Repository;
import dev.coffer.engine.restore.RestoreOptions;
import dev.coffer.engine.restore.RestoreResult;
import dev.coffer.engine.restore.Restorer;
import dev.coffer.engine.snapshot.Snapshot;
import dev.coffer.engine.store.local.LocalStore;

/**
 * Backs a directory up into a fresh local repository twice (second run unchanged) and restores it, printing wall
 * time and throughput. Usage: {@code ArchiverBenchmark DATA_DIR WORK_DIR [RESTORE_THREADS]}; WORK_DIR must not exist.
 */
public final class ArchiverBenchmark {

    private ArchiverBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        Path data = Path.of(args[0]).toAbsolutePath();
        Path work = Path.of(args[1]).toAbsolutePath();
        char[] pass = "benchmark".toCharArray();
        Repository repo = Repository.init(LocalStore.create(work.resolve("repo")), pass);
        lastCpu = ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
        long t0 = System.nanoTime();
        Snapshot first = new Archiver(repo, BackupOptions.defaults(), Progress.NONE).backup(List.of(data));
        report("first backup", first.summary().totalBytes(), t0);
        System.out.printf("  files %d, stored %.1f MB, repository %.1f MB%n", first.summary().totalFiles(),
                first.summary().bytesAdded() / 1e6, size(work.resolve("repo")) / 1e6);
        t0 = System.nanoTime();
        Snapshot second = new Archiver(Repository.open(LocalStore.create(work.resolve("repo")), pass), BackupOptions.defaults(),
                Progress.NONE).backup(List.of(data));
        report("unchanged second backup (incl. open)", second.summary().totalBytes(), t0);
        t0 = System.nanoTime();
        Repository reopened = Repository.open(LocalStore.create(work.resolve("repo")), pass);
        RestoreResult restored = new Restorer(reopened, Progress.NONE).restore(second, work.resolve("restore"),
                new RestoreOptions(List.of(), false, args.length > 2 ? Integer.parseInt(args[2]) : 0));
        report("restore (incl. open)", restored.bytes(), t0);
        System.out.println("  restore errors: " + restored.errors().size());
    }

    private static long lastCpu;

    /** Wall time and process CPU time of the phase: on a shared machine, MB per CPU second is the stable figure. */
    private static void report(String what, long bytes, long startNanos) {
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        long cpu = ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
        double cpuSeconds = (cpu - lastCpu) / 1e9;
        lastCpu = cpu;
        System.out.printf("%-38s %7.2f s wall %8.1f MB/s | %6.2f s CPU %8.1f MB/CPU-s  (%.1f MB)%n", what, seconds,
                bytes / 1e6 / seconds, cpuSeconds, bytes / 1e6 / cpuSeconds, bytes / 1e6);
    }

    private static long size(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }
}
