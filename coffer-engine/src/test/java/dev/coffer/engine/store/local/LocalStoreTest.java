package dev.coffer.engine.store.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.coffer.engine.store.ObjectNotFoundException;
import dev.coffer.engine.store.PendingObject;
import dev.coffer.engine.store.Store;
import dev.coffer.engine.store.StoreContractTest;
import dev.coffer.engine.store.StoreEntry;
import dev.coffer.engine.store.StoreException;

class LocalStoreTest extends StoreContractTest {

    @TempDir
    Path root;

    @Override
    protected Store newStore() {
        return new LocalStore(root.resolve("repo"));
    }

    @Test
    void constructorCreatesNothingAndFirstPutCreatesTheDirectories() {
        Path dir = root.resolve("not/yet/there");
        LocalStore lazy = new LocalStore(dir);
        assertThat(dir).doesNotExist();
        assertThat(lazy.list("")).isEmpty();

        lazy.put("data/3f/3fa4", new byte[] {7});

        assertThat(dir.resolve("data/3f/3fa4")).hasBinaryContent(new byte[] {7});
    }

    @Test
    void createMakesTheDirectoryAtOnceAndFailsClearlyWhenItCannot() throws IOException {
        assertThat(LocalStore.create(root.resolve("made")).directory()).isDirectory();

        Files.write(root.resolve("a-file"), new byte[1]);
        assertThatThrownBy(() -> LocalStore.create(root.resolve("a-file/repo")))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("create directory")
                .hasMessageContaining("a-file");
    }

    @Test
    void reopenedStoreSeesTheData() {
        store.put("config", new byte[] {1, 2, 3});
        store.put("data/00/p", new byte[] {4});

        LocalStore reopened = new LocalStore(root.resolve("repo"));

        assertThat(reopened.get("config")).containsExactly(1, 2, 3);
        assertThat(reopened.list("")).containsExactlyInAnyOrder(new StoreEntry("config", 3), new StoreEntry("data/00/p", 1));
    }

    @Test
    void interruptedPutStoresNothingAndLeavesNoTemporaryFile() throws IOException {
        store.put("data/00/old", new byte[] {1});

        Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(() -> store.put("data/00/new", new byte[1 << 20]))
                    .isInstanceOf(StoreException.class)
                    .hasMessageContaining("put data/00/new");
        } finally {
            Thread.interrupted();
        }

        assertThatThrownBy(() -> store.get("data/00/new")).isInstanceOf(ObjectNotFoundException.class);
        assertThat(store.list("")).containsExactly(new StoreEntry("data/00/old", 1));
        assertThat(filesIn(root.resolve("repo").resolve(LocalStore.TEMP_DIR))).isZero();
    }

    @Test
    void crashLeftoversAreNeverListedAndStaleOnesAreRemovedByTheNextPut() throws IOException {
        Path repo = root.resolve("repo");
        Path tempDir = Files.createDirectories(repo.resolve(LocalStore.TEMP_DIR));
        Path stale = Files.write(tempDir.resolve("put-crashed"), new byte[100]);
        Files.setLastModifiedTime(stale, FileTime.from(Instant.now().minus(Duration.ofHours(2))));
        Path running = Files.write(tempDir.resolve("put-running-elsewhere"), new byte[100]);

        LocalStore reopened = new LocalStore(repo);
        assertThat(reopened.list("")).isEmpty();

        reopened.put("config", new byte[] {1});

        assertThat(stale).doesNotExist();
        assertThat(running).as("a fresh temporary file may belong to a put in another process").exists();
        assertThat(reopened.list("")).containsExactly(new StoreEntry("config", 1));
    }

    @Test
    void pendingObjectsLeaveNoTemporaryFileOnceClosedOrCommitted() throws IOException {
        Path tempDir = root.resolve("repo").resolve(LocalStore.TEMP_DIR);
        PendingObject discarded = store.create();
        discarded.write(new byte[1000], 0, 1000);
        try (PendingObject committed = store.create()) {
            committed.write(new byte[] {9}, 0, 1);
            assertThat(filesIn(tempDir)).isEqualTo(2);
            committed.commit("data/00/p");
        }
        discarded.close();

        assertThat(filesIn(tempDir)).isZero();
        assertThat(store.list("")).containsExactly(new StoreEntry("data/00/p", 1));
    }

    @Test
    void anOldTemporaryFileOfARunningProcessIsKept() throws IOException {
        Path repo = root.resolve("repo");
        Path tempDir = Files.createDirectories(repo.resolve(LocalStore.TEMP_DIR));
        Path ours = Files.write(tempDir.resolve("new-" + ProcessHandle.current().pid() + "-1234"), new byte[10]);
        Path dead = Files.write(tempDir.resolve("new-" + Long.MAX_VALUE + "-1234"), new byte[10]);
        for (Path p : new Path[] {ours, dead}) {
            Files.setLastModifiedTime(p, FileTime.from(Instant.now().minus(Duration.ofHours(5))));
        }

        try (PendingObject object = new LocalStore(repo).create()) {
            object.commit("config");
        }

        assertThat(ours).as("a tree pack may stay open for hours in a long backup").exists();
        assertThat(dead).doesNotExist();
    }

    @Test
    void filesWithNamesNoObjectCanHaveAreNotListed() throws IOException {
        Path repo = Files.createDirectories(root.resolve("repo/data"));
        Files.write(repo.resolve("notes~"), new byte[1]);
        Files.write(repo.resolve("with space"), new byte[1]);
        store.put("data/ok", new byte[2]);

        assertThat(store.list("")).containsExactly(new StoreEntry("data/ok", 2));
    }

    private static long filesIn(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.count();
        }
    }
}
