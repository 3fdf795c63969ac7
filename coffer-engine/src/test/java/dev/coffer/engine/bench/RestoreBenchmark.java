package dev.coffer.engine.bench;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.List;

import dev.coffer.engine.progress.Progress;
import dev.coffer.engine.repository.Repository;
import dev.coffer.engine.restore.RestoreOptions;
import dev.coffer.engine.restore.RestoreResult;
import dev.coffer.engine.restore.Restorer;
import dev.coffer.engine.store.local.LocalStore;

/**
 * Restores the latest snapshot of a local repository (passphrase "benchmark", as {@link ArchiverBenchmark} makes it)
 * and prints wall and CPU time; alone, so that it can run under {@code strace -c -f} or {@code perf}. Usage:
 * {@code RestoreBenchmark REPO_DIR TARGET_DIR [THREADS]}; TARGET_DIR must not exist.
 */
public final class RestoreBenchmark {

    private RestoreBenchmark() {
    }

    public static void main(String[] args) {
        Repository repo = Repository.open(LocalStore.create(Path.of(args[0])), "benchmark".toCharArray());
        com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long cpu0 = os.getProcessCpuTime();
        long t0 = System.nanoTime();
        RestoreResult result = new Restorer(repo, Progress.NONE).restore(repo.findSnapshot("latest"), Path.of(args[1]),
                new RestoreOptions(List.of(), false, args.length > 2 ? Integer.parseInt(args[2]) : 0));
        double seconds = (System.nanoTime() - t0) / 1e9;
        double cpuSeconds = (os.getProcessCpuTime() - cpu0) / 1e9;
        System.out.printf("restore %7.2f s wall %8.1f MB/s | %6.2f s CPU %8.1f MB/CPU-s  (%.1f MB, %d errors)%n", seconds,
                result.bytes() / 1e6 / seconds, cpuSeconds, result.bytes() / 1e6 / cpuSeconds, result.bytes() / 1e6,
                result.errors().size());
    }
}
