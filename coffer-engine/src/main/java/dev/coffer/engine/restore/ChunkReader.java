package dev.coffer.engine.restore;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

import dev.coffer.engine.blob.BlobType;
import dev.coffer.engine.index.IndexEntry;
import dev.coffer.engine.repository.Repository;
import dev.coffer.engine.store.StoreException;

/**
 * Reads the data chunks of a known sequence (the chunks of a batch of files, in file order) with few store calls:
 * when a chunk is not in the buffer yet, it reads one range of its pack that also covers the later chunks of the
 * sequence in the same pack lying after it, merging gaps below {@link #MAX_GAP} and stopping at {@link #MAX_RANGE}
 * bytes. Chunks are decoded out of that buffer one at a time.
 *
 * <p>With a read-ahead executor (for a remote store, where each read is a round trip), the next range is read on it
 * while the chunks of the current one are decoded and written: the ranges follow from the sequence, so the one after
 * the current range is known as soon as that is. The caller's thread then waits only when the network is slower than
 * restoring.
 *
 * <p>Memory: one reusable buffer of at most {@code max(MAX_RANGE, largest encoded chunk)} bytes (two with read-ahead)
 * plus the one decoded chunk returned (at most the chunker's maximum chunk size, 4 MiB by default). Not thread-safe:
 * one reader per thread, {@link #close closed} before its buffers are used by another.
 *
 * <p>Anything unusual (a chunk not in the index, a missing pack, a blob that does not decode) falls back to
 * {@link Repository#loadBlob}, which re-reads the index after a concurrent prune and reports corruption with the
 * usual messages.
 */
final class ChunkReader implements AutoCloseable {

    /** Gaps between needed blobs smaller than this are read through rather than starting a new read. */
    static final int MAX_GAP = 1 << 20;
    /** Largest range read at once (a single larger blob is read alone). */
    static final int MAX_RANGE = 16 << 20;

    /** How many later chunks one range read considers. */
    private static final int LOOKAHEAD = 8192;

    private final Repository repository;
    private final List<String> ids;
    private final List<IndexEntry> entries;
    private int next;
    private Buffer reusable;
    private Buffer spare;
    private final Executor readAhead;
    private String bufferPack;
    private long bufferStart;
    private int bufferLength;
    private byte[] buffer;
    /** The range being read ahead and the index of the chunk it starts with, or null. */
    private CompletableFuture<Range> ahead;
    private int aheadFor = -1;

    /** A planned read of a pack: {@code bytes} holds it once read. */
    private record Range(String pack, long start, int length, byte[] bytes) {
    }

    /**
     * A read buffer to reuse across readers (one per thread): a restore reads its data in ranges of up to
     * {@link #MAX_RANGE}, and a fresh array per range was garbage that outlived many young collections, so SerialGC
     * ran a full collection every few hundred megabytes (1 s of pauses in a 1 GiB restore).
     */
    static final class Buffer {
        private byte[] bytes = new byte[0];

        byte[] atLeast(int size) {
            if (bytes.length < size) {
                bytes = null; // let the old one go before allocating
                bytes = new byte[Math.max(size, MAX_RANGE)];
            }
            return bytes;
        }
    }

    /** {@code ids}: every chunk the caller will ask for, in the order it will ask for them. */
    ChunkReader(Repository repository, List<String> ids, Buffer reusable) {
        this(repository, ids, reusable, null, null);
    }

    /**
     * With {@code readAhead} (and its own {@code spare} buffer) the next range is read on that executor while the
     * current one is used; both null: every range is read when it is needed.
     */
    ChunkReader(Repository repository, List<String> ids, Buffer reusable, Buffer spare, Executor readAhead) {
        if ((spare == null) != (readAhead == null)) {
            throw new IllegalArgumentException("read-ahead needs both a spare buffer and an executor");
        }
        this.repository = repository;
        this.reusable = reusable;
        this.spare = spare;
        this.readAhead = readAhead;
        this.ids = ids;
        this.entries = new ArrayList<>(ids.size());
        for (String id : ids) {
            entries.add(repository.lookup(id).orElse(null));
        }
    }

    /** Returns the plaintext of the next chunk of the sequence given to the constructor. */
    byte[] next() {
        int i = next++;
        String id = ids.get(i);
        IndexEntry e = entries.get(i);
        if (e == null) {
            return repository.loadBlob(id, BlobType.DATA);
        }
        if (!inBuffer(e)) {
            try {
                fill(i);
            } catch (StoreException failed) {
                buffer = null;
                return repository.loadBlob(id, BlobType.DATA);
            }
        }
        try {
            return repository.codec().decode(BlobType.DATA, buffer, (int) (e.offset() - bufferStart), e.length(), id);
        } catch (RuntimeException bad) {
            return repository.loadBlob(id, BlobType.DATA);
        }
    }

    private boolean inBuffer(IndexEntry e) {
        return buffer != null && e.pack().equals(bufferPack) && e.offset() >= bufferStart
                && e.offset() + (long) e.length() <= bufferStart + bufferLength;
    }

    /** Skips {@code count} chunks of the sequence (those of a file that could not be restored). */
    void skip(int count) {
        next += count;
    }

    /**
     * Makes the range around chunk {@code i} the buffer: the range read ahead when it is the one, else read now. Then
     * starts reading the next range ahead, when there is a read-ahead executor.
     */
    private void fill(int i) {
        Range done = takeAhead(i);
        if (done == null) {
            buffer = null;
            Range r = plan(i);
            byte[] into = reusable.atLeast(r.length());
            repository.readPack(r.pack(), r.start(), r.length(), into, 0);
            done = new Range(r.pack(), r.start(), r.length(), into);
        }
        buffer = done.bytes();
        bufferPack = done.pack();
        bufferStart = done.start();
        bufferLength = done.length();
        startAhead(i);
    }

    /** The range read ahead if it starts with chunk {@code i} and was read; null otherwise (then none is pending). */
    private Range takeAhead(int i) {
        if (ahead == null) {
            return null;
        }
        CompletableFuture<Range> pending = ahead;
        boolean mine = aheadFor == i;
        ahead = null;
        aheadFor = -1;
        Range r;
        try {
            r = pending.join();
        } catch (RuntimeException failed) {
            return null; // read again on this thread, which reports what fails
        }
        if (!mine) {
            return null;
        }
        // the spare buffer now holds the current range; the old current one is free for the next read-ahead
        Buffer current = spare;
        spare = reusable;
        reusable = current;
        return r;
    }

    /** Starts reading the range of the first later chunk that the current buffer does not hold. */
    private void startAhead(int i) {
        if (readAhead == null) {
            return;
        }
        for (int j = i + 1; j < entries.size(); j++) {
            IndexEntry e = entries.get(j);
            if (e != null && !inBuffer(e)) {
                Range r = plan(j);
                Buffer target = spare;
                aheadFor = j;
                ahead = CompletableFuture.supplyAsync(() -> {
                    byte[] into = target.atLeast(r.length());
                    repository.readPack(r.pack(), r.start(), r.length(), into, 0);
                    return new Range(r.pack(), r.start(), r.length(), into);
                }, readAhead);
                return;
            }
        }
    }

    /** Waits for a read still running ahead, so that its buffer is free for the thread's next reader. */
    @Override
    public void close() {
        if (ahead != null) {
            try {
                ahead.join();
            } catch (RuntimeException ignored) {
                // nobody needs that range any more
            }
            ahead = null;
        }
    }

    /**
     * Plans one range around chunk {@code i}: from the offsets of the chunks of its pack that the sequence needs soon
     * (before or after it in the pack, since file order and pack order differ), as far as the limits allow.
     */
    private Range plan(int i) {
        IndexEntry first = entries.get(i);
        List<long[]> needed = new ArrayList<>();
        // Looking ahead a bounded number of chunks keeps planning linear in the number of chunks.
        for (int j = i + 1; j < Math.min(entries.size(), i + 1 + LOOKAHEAD); j++) {
            IndexEntry e = entries.get(j);
            if (e != null && e.pack().equals(first.pack())) {
                needed.add(new long[] {e.offset(), e.offset() + (long) e.length()});
            }
        }
        needed.sort((a, b) -> Long.compare(a[0], b[0]));
        long start = first.offset();
        long end = start + first.length();
        for (long[] r : needed) {
            if (r[0] >= first.offset() && r[0] - end < MAX_GAP && Math.max(end, r[1]) - start <= MAX_RANGE) {
                end = Math.max(end, r[1]);
            }
        }
        for (int k = needed.size() - 1; k >= 0; k--) {
            long[] r = needed.get(k);
            if (r[0] < first.offset() && start - r[1] < MAX_GAP && end - r[0] <= MAX_RANGE) {
                start = Math.min(start, r[0]);
            }
        }
        return new Range(first.pack(), start, (int) (end - start), null);
    }
}
