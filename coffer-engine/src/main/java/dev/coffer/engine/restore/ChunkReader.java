package dev.coffer.engine.restore;

import java.util.ArrayList;
import java.util.List;

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
 * <p>Memory: one reusable buffer of at most {@code max(MAX_RANGE, largest encoded chunk)} bytes plus the one decoded chunk
 * returned (at most the chunker's maximum chunk size, 4 MiB by default). Not thread-safe: one reader per thread.
 *
 * <p>Anything unusual (a chunk not in the index, a missing pack, a blob that does not decode) falls back to
 * {@link Repository#loadBlob}, which re-reads the index after a concurrent prune and reports corruption with the
 * usual messages.
 */
final class ChunkReader {

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
    private final Buffer reusable;
    private String bufferPack;
    private long bufferStart;
    private int bufferLength;
    private byte[] buffer;

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
        this.repository = repository;
        this.reusable = reusable;
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
     * Reads one range around chunk {@code i}: from the offsets of the chunks of its pack that the sequence needs soon
     * (before or after it in the pack, since file order and pack order differ), as far as the limits allow.
     */
    private void fill(int i) {
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
        buffer = null;
        int length = (int) (end - start);
        byte[] into = reusable.atLeast(length);
        repository.readPack(first.pack(), start, length, into, 0);
        buffer = into;
        bufferPack = first.pack();
        bufferStart = start;
        bufferLength = length;
    }
}
