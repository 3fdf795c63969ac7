package dev.coffer.engine.archive;

import java.nio.file.Path;
import java.util.List;

import dev.coffer.engine.progress.Progress;
import dev.coffer.engine.repository.Repository;
import dev.coffer.engine.store.local.LocalStore;

/** Runs one backup in its own JVM so that {@link KilledBackupTest} can kill it: {@code REPO_DIR SOURCE_DIR PASSPHRASE}. */
public final class BackupProcessMain {

    private BackupProcessMain() {
    }

    public static void main(String[] args) {
        Repository repo = Repository.open(new LocalStore(Path.of(args[0])), args[2].toCharArray());
        new Archiver(repo, BackupOptions.defaults().withThreads(2), Progress.NONE).backup(List.of(Path.of(args[1])));
        System.out.println("done");
    }
}
