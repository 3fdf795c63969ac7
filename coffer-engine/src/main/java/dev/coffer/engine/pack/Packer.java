package dev.coffer.engine.pack;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionHandler;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Function;

import dev.coffer.engine.blob.BlobCodec;
import dev.coffer.engine.blob.BlobType;
import dev.coffer.engine.store.Store;

/**
 * Writes encoded blobs straight into packs in the store: one open pack per blob type, each a
 * {@linkplain Store#create() pending object} that is written blob by blob and hashed on the way. A pack that reaches
 * {@code packSize} gets its trailer and is committed under the object name the repository's layout gives it on a small pool of committer
 * threads; only then is {@code committed} told (so index entries never name a pack that is not stored). At most
 * {@code commitThreads} commits run and one more waits; beyond that the thread that filled a pack commits it itself,
 * which slows producers down while a slow store (S3) catches up. No pack is ever held in memory: a pack costs its
 * temporary file, which the store keeps on disk.
 *
 * <p>Thread-safe: blobs of different types are written concurrently, blobs of one type one after the other. The
 * first failure is kept: later {@link #add} calls and {@link #flush} rethrow it, and the packs then still open or
 * waiting are discarded.
 */
public final class Packer {

    private final Store store;
    private final BlobCodec codec;
    private final int packSize;
    private final Function<String, String> objectNames;
    private final Consumer<Pack> committed;
    /** One slot per blob type, each with its own lock, so that tree packs never wait for data packs. */
    private final Map<BlobType, Slot> slots = new EnumMap<>(BlobType.class);
    private final ThreadPoolExecutor commits;
    private final AtomicReference<RuntimeException> failure = new AtomicReference<>();

    private static final class Slot {
        PackFormat.Writer writer;
        boolean closed;
    }

    /**
     * {@code objectNames} gives the store object name to commit a pack under from its name (the repository's layout);
     * {@code committed} hears of each pack once it is stored.
     */
    public Packer(Store store, BlobCodec codec, int packSize, int commitThreads, Function<String, String> objectNames,
                  Consumer<Pack> committed) {
        this.store = store;
        this.objectNames = objectNames;
        this.codec = codec;
        this.packSize = packSize;
        this.committed = committed;
        for (BlobType type : BlobType.values()) {
            slots.put(type, new Slot());
        }
        RejectedExecutionHandler callerCommits = (task, pool) -> {
            if (pool.isShutdown()) {
                ((Commit) task).discard();
            } else {
                task.run();
            }
        };
        this.commits = new ThreadPoolExecutor(commitThreads, commitThreads, 1, TimeUnit.MINUTES, new ArrayBlockingQueue<>(1),
                r -> {
                    Thread t = new Thread(r, "coffer-commit");
                    t.setDaemon(true);
                    return t;
                }, callerCommits);
    }

    /** Adds one encoded blob; may commit a pack in the calling thread when the committers are busy. */
    public void add(String id, BlobType type, byte[] encoded) {
        add(id, type, encoded, 0, encoded.length);
    }

    /**
     * Adds the encoded blob {@code encoded[off, off+len)}, written to the pack before this returns (the caller may
     * reuse the array); may commit a pack in the calling thread when the committers are busy.
     */
    public void add(String id, BlobType type, byte[] encoded, int off, int len) {
        rethrow();
        Slot slot = slots.get(type);
        PackFormat.Writer full = null;
        synchronized (slot) {
            if (slot.closed) {
                throw new IllegalStateException("packer is closed");
            }
            try {
                if (slot.writer == null) {
                    slot.writer = new PackFormat.Writer(store.create());
                }
                slot.writer.add(id, type, encoded, off, len);
            } catch (RuntimeException e) {
                failure.compareAndSet(null, e);
                discard(slot);
                throw e;
            }
            if (slot.writer.size() >= packSize) {
                full = slot.writer;
                slot.writer = null;
            }
        }
        if (full != null) {
            submit(full);
        }
    }

    private void submit(PackFormat.Writer writer) {
        Pack pack;
        try {
            pack = writer.finish(codec);
        } catch (RuntimeException e) {
            failure.compareAndSet(null, e);
            writer.object().close();
            throw e;
        }
        commits.execute(new Commit(writer, pack));
    }

    /** Finishes the open packs, waits for every commit, and rethrows the first failure. The packer is then closed. */
    public void flush() {
        rethrow();
        for (Slot slot : slots.values()) {
            PackFormat.Writer last;
            synchronized (slot) {
                last = slot.writer;
                slot.writer = null;
                slot.closed = true;
            }
            if (last != null) {
                submit(last);
            }
        }
        commits.shutdown();
        try {
            while (!commits.awaitTermination(1, TimeUnit.SECONDS)) {
                // waiting for commits; they end on their own or by failing
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for packs to be stored", e);
        }
        rethrow();
    }

    /**
     * Discards open and waiting packs and interrupts the committer threads (after a failure elsewhere; harmless after
     * {@link #flush}). Waits a little for commits already running, so that a packer is quiet once aborted.
     */
    public void abort() {
        for (Slot slot : slots.values()) {
            synchronized (slot) {
                slot.closed = true;
                discard(slot);
            }
        }
        List<Runnable> waiting = commits.shutdownNow();
        waiting.forEach(task -> ((Commit) task).discard());
        try {
            commits.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void discard(Slot slot) {
        if (slot.writer != null) {
            slot.writer.object().close();
            slot.writer = null;
        }
    }

    private void rethrow() {
        RuntimeException e = failure.get();
        if (e != null) {
            throw e;
        }
    }

    /** Commits one finished pack and reports it; a pack left over after a failure is discarded instead. */
    private final class Commit implements Runnable {
        private final PackFormat.Writer writer;
        private final Pack pack;

        Commit(PackFormat.Writer writer, Pack pack) {
            this.writer = writer;
            this.pack = pack;
        }

        @Override
        public void run() {
            try (var object = writer.object()) {
                if (failure.get() == null) {
                    object.commit(objectNames.apply(pack.name()));
                    committed.accept(pack);
                }
            } catch (RuntimeException e) {
                failure.compareAndSet(null, e);
            }
        }

        void discard() {
            writer.object().close();
        }
    }
}
