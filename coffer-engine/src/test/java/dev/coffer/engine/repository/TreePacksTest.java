package dev.coffer.engine.repository;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import dev.coffer.engine.archive.Archiver;
import dev.coffer.engine.archive.BackupOptions;
import dev.coffer.engine.progress.Progress;
import dev.coffer.engine.snapshot.Node;
import dev.coffer.engine.snapshot.NodeType;
import dev.coffer.engine.snapshot.Snapshot;
import dev.coffer.engine.store.ForwardingStore;
import dev.coffer.engine.store.Store;
import dev.coffer.engine.store.memory.MemoryStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Trees on a remote store come out of whole tree packs: one read per pack, not one per directory. */
class TreePacksTest {

    private static final char[] PASS = "pw".toCharArray();

    @TempDir
    Path tmp;

    /** Counts the reads of pack data and says whether it is remote. */
    static final class Counting extends ForwardingStore {
        final AtomicInteger packReads = new AtomicInteger();
        private final boolean remote;

        Counting(Store delegate, boolean remote) {
            super(delegate);
            this.remote = remote;
        }

        @Override
        public byte[] getRange(String name, long offset, int length) {
            count(name);
            return super.getRange(name, offset, length);
        }

        @Override
        public void readRange(String name, long offset, int length, byte[] dst, int dstOff) {
            count(name);
            super.readRange(name, offset, length, dst, dstOff);
        }

        @Override
        public byte[] get(String name) {
            count(name);
            return super.get(name);
        }

        @Override
        public boolean remote() {
            return remote;
        }

        private void count(String name) {
            if (name.startsWith(RepositoryLayout.DATA)) {
                packReads.incrementAndGet();
            }
        }
    }

    @Test
    void walkingFortyDirectoriesOnARemoteStoreReadsTheirOneTreePackOnce() throws IOException {
        MemoryStore memory = new MemoryStore();
        Snapshot snapshot = backUpDirectories(memory, 40);

        Counting remote = new Counting(memory, true);
        int trees;
        try (Repository repo = Repository.open(remote, PASS)) {
            trees = walk(repo, snapshot.treeId());
        }
        // 40 directories, src, and the directories above it up to the snapshot's root
        assertThat(trees).isGreaterThan(41);
        assertThat(remote.packReads).as("one read of the whole tree pack").hasValue(1);

        Counting local = new Counting(memory, false);
        try (Repository repo = Repository.open(local, PASS)) {
            assertThat(walk(repo, snapshot.treeId())).isEqualTo(trees);
        }
        assertThat(local.packReads).as("a local store reads each tree by its range").hasValue(trees);
    }

    @Test
    void aFailedPackReadIsNotKeptAndTheNextReadTriesAgain() {
        TreePacks packs = new TreePacks();
        AtomicInteger reads = new AtomicInteger();
        assertThatThrownBy(() -> packs.get("p", () -> {
            reads.incrementAndGet();
            throw new IllegalStateException("down");
        })).hasMessage("down");
        assertThat(packs.get("p", () -> {
            reads.incrementAndGet();
            return new byte[] {1, 2, 3};
        })).containsExactly(1, 2, 3);
        assertThat(packs.get("p", () -> {
            throw new AssertionError("held: not read again");
        })).containsExactly(1, 2, 3);
        assertThat(reads).hasValue(2);
        assertThat(packs.heldBytes()).isEqualTo(3);
    }

    @Test
    void holdsAtMostItsLimitDroppingTheLeastRecentlyUsed() {
        TreePacks packs = new TreePacks();
        int size = (int) (TreePacks.MAX_BYTES / 4);
        for (int i = 0; i < 6; i++) {
            packs.get("p" + i, () -> new byte[size]);
        }
        assertThat(packs.heldBytes()).isLessThanOrEqualTo(TreePacks.MAX_BYTES);
        AtomicInteger reads = new AtomicInteger();
        packs.get("p5", () -> {
            reads.incrementAndGet();
            return new byte[size];
        });
        packs.get("p0", () -> {
            reads.incrementAndGet();
            return new byte[size];
        });
        assertThat(reads).as("the newest is held, the oldest was dropped").hasValue(1);
    }

    private Snapshot backUpDirectories(Store store, int directories) throws IOException {
        Path src = Files.createDirectories(tmp.resolve("src"));
        for (int i = 0; i < directories; i++) {
            Path dir = Files.createDirectories(src.resolve("d" + i));
            Files.writeString(dir.resolve("f.txt"), "file " + i);
        }
        try (Repository repo = Repository.init(store, PASS, RepositoryOptions.forTests())) {
            return new Archiver(repo, BackupOptions.defaults(), Progress.NONE).backup(List.of(src));
        }
    }

    /** Loads every tree under {@code root}; returns how many. */
    private static int walk(Repository repo, String root) {
        int trees = 0;
        Deque<String> todo = new ArrayDeque<>(List.of(root));
        while (!todo.isEmpty()) {
            trees++;
            for (Node n : repo.loadTree(todo.pop()).nodes()) {
                if (n.type() == NodeType.DIRECTORY) {
                    todo.push(n.subtreeId());
                }
            }
        }
        return trees;
    }
}
