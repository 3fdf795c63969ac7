package dev.coffer.engine.archive;

import java.nio.file.Path;
import java.util.List;

import dev.coffer.engine.progress.Progress;
import dev.coffer.engine.repository.Repository;
import dev.coffer.engine.store.Store;
import dev.coffer.engine.store.local.LocalStore;

/**
 * Runs one backup in its own JVM so that {@link KilledBackupTest} can kill it:
 * {@code REPO_DIR SOURCE_DIR PASSPHRASE [HALT_PREFIX HALT_NTH HALTED_FILE]}; with the last three, the backup halts in
 * the middle of its {@code HALT_NTH}th put under {@code HALT_PREFIX} (see {@link HaltingStore}).
 */
public final class BackupProcessMain {

    private BackupProcessMain() {
    }

    public static void main(String[] args) {
        Store store = new LocalStore(Path.of(args[0]));
        if (args.length > 3) {
            store = new HaltingStore(store, args[3], Integer.parseInt(args[4]), Path.of(args[5]));
        }
        Repository repo = Repository.open(store, args[2].toCharArray());
        new Archiver(repo, BackupOptions.defaults().withThreads(2), Progress.NONE).backup(List.of(Path.of(args[1])));
        System.out.println("done");
    }
}
