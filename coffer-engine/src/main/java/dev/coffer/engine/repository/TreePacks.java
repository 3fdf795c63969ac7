package dev.coffer.engine.repository;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * Whole tree packs kept in memory, for stores where every read is a round trip (a Coffer server, S3): the first
 * tree read from a pack reads the whole pack, and later trees of that pack are sliced out of it. A snapshot's trees
 * sit together in its tree packs (the packer keeps one pack per blob type), so walking a parent snapshot of 30,000
 * files costs one read per tree pack instead of one per directory. Packs larger than {@link #MAX_PACK} are not held;
 * at most {@link #MAX_BYTES} are held in all, the least recently used going first. Concurrent readers of one pack
 * share one read. Thread-safe.
 */
final class TreePacks {

    /** Larger packs are read by range, as on a local store. */
    static final long MAX_PACK = 32L << 20;
    /** Bytes held in all. */
    static final long MAX_BYTES = 64L << 20;

    private final Map<String, CompletableFuture<byte[]>> packs = new LinkedHashMap<>(16, 0.75f, true);
    private long held;

    /**
     * The pack's bytes, read by {@code read} unless held already. A failed read is not kept: its exception is
     * rethrown to every caller that waited for it, and the next call reads again.
     */
    byte[] get(String pack, Supplier<byte[]> read) {
        CompletableFuture<byte[]> future;
        boolean mine = false;
        synchronized (this) {
            future = packs.get(pack);
            if (future == null) {
                future = new CompletableFuture<>();
                packs.put(pack, future);
                mine = true;
            }
        }
        if (mine) {
            try {
                byte[] bytes = read.get();
                future.complete(bytes);
                held(bytes.length);
            } catch (RuntimeException e) {
                synchronized (this) {
                    packs.remove(pack, future);
                }
                future.completeExceptionally(e);
                throw e;
            }
        }
        try {
            return future.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    /** Forgets a pack (a prune removed it). */
    synchronized void forget(String pack) {
        CompletableFuture<byte[]> gone = packs.remove(pack);
        if (gone != null && gone.isDone() && !gone.isCompletedExceptionally()) {
            held -= gone.join().length;
        }
    }

    private synchronized void held(int bytes) {
        held += bytes;
        Iterator<Map.Entry<String, CompletableFuture<byte[]>>> oldest = packs.entrySet().iterator();
        while (held > MAX_BYTES && oldest.hasNext()) {
            CompletableFuture<byte[]> f = oldest.next().getValue();
            if (f.isDone() && !f.isCompletedExceptionally()) {
                held -= f.join().length;
                oldest.remove();
            }
        }
    }

    synchronized long heldBytes() {
        return held;
    }
}
