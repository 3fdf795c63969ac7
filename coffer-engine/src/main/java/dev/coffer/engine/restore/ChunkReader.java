package dev.coffer.engine.restore;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

import dev.coffer.engine.blob.BlobType;
import dev.coffer.engine.index.IndexEntry;
import dev.coffer.engine.repository.Repository;
import dev.coffer.engine.store.StoreException;

/**
 * Reads the data chunks of a known sequence (the chunks of the batches of files one restore thread writes, in file
 * order; the caller {@link #append appends} each batch's chunks before it asks for them) with few store calls:
 * when a chunk is not in memory yet, it reads one range of its pack that also covers the later chunks of the
 * sequence in the same pack around it, merging gaps below {@link #MAX_GAP} and stopping at {@link #MAX_RANGE} bytes.
 * It keeps the last {@link #RANGES} ranges it read, so a sequence that goes back and forth between packs reads each
 * part of them once. That is the usual layout: a backup encodes the chunks of a file on several threads and packs
 * them as they are done, so a file's chunks lie out of order in its packs, and across two packs where one ends.
 * Gaps are read through only when they are small: in a pack written by several backup threads, the chunks of other
 * files lie between those of a file, and reading through them read data that their own batch reads again (a
 * 0.5 GiB restore read 1.7 times the bytes it needed with one 16 MiB range and 1 MiB gaps, 1.03 times now).
 * Chunks are decoded out of these buffers one at a time.
 *
 * <p>With a read-ahead executor (for a remote store, where each read is a round trip), the next range is read on it
 * while the chunks already in memory are decoded and written: the ranges follow from the sequence, so the next one
 * is known as soon as the current one is. When the sequence holds nothing more to read, the reader asks its
 * {@code more} supplier for the chunks of the caller's next batch and reads that batch's first range ahead, so a new
 * batch does not start with a round trip either. The caller's thread then waits only when the network is slower
 * than restoring.
 *
 * <p>Memory: {@link #RANGES} reusable buffers of at most {@code max(MAX_RANGE, largest encoded chunk)} bytes (one more
 * with read-ahead) plus the one decoded chunk returned (at most the chunker's maximum chunk size, 4 MiB by default).
 * Not thread-safe: one reader per thread, {@link #close closed} before its buffers are used by another.
 *
 * <p>Anything unusual (a chunk not in the index, a missing pack, a blob that does not decode) falls back to
 * {@link Repository#loadBlob}, which re-reads the index after a concurrent prune and reports corruption with the
 * usual messages.
 */
final class ChunkReader implements AutoCloseable {

    /** Gaps between needed blobs smaller than this are read through rather than starting a new read. */
    static final int MAX_GAP = 64 << 10;
    /** Largest range read at once (a single larger blob is read alone). */
    static final int MAX_RANGE = 4 << 20;
    /** How many ranges a reader keeps in memory. */
    static final int RANGES = 4;

    /** How many later chunks one range read considers. */
    private static final int LOOKAHEAD = 8192;

    private final Repository repository;
    /** The sequence from the first chunk not yet taken on (see {@link #append}), and its index entries. */
    private final List<String> ids = new ArrayList<>();
    private final List<IndexEntry> entries = new ArrayList<>();
    private int next;
    /** The ranges in memory, least recently used first; a slot without a range has a null pack. */
    private final Slot[] slots = new Slot[RANGES];
    /** The buffer the range read ahead goes into (swapped with the slot it replaces), or null without read-ahead. */
    private Buffer spare;
    private final Executor readAhead;
    /** The chunks of the caller's next batch, which it then restores after the current one; null: no more. */
    private final Supplier<List<String>> more;
    private long clock;
    /** The range being read ahead and the index of the chunk it starts with, or null. */
    private CompletableFuture<Range> ahead;
    private int aheadFor = -1;

    /** A planned read of a pack. */
    private record Range(String pack, long start, int length) {
    }

    /** A range of a pack in one of the reader's buffers. */
    private static final class Slot {
        Buffer buffer;
        String pack;
        long start;
        int length;
        long used;

        boolean holds(IndexEntry e) {
            return pack != null && e.pack().equals(pack) && e.offset() >= start
                    && e.offset() + (long) e.length() <= start + length;
        }
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

    /** The buffers of one thread's readers: {@link #RANGES}, and one for reading ahead; each allocated when used. */
    static final class Buffers {
        private final Buffer[] held = new Buffer[RANGES + 1];

        Buffers() {
            for (int i = 0; i < held.length; i++) {
                held[i] = new Buffer();
            }
        }
    }

    /**
     * A reader of the chunks {@link #append appended} to its sequence. With {@code readAhead} the next range is read
     * on that executor while the ranges in memory are used, and when the sequence holds no further range,
     * {@code more} is asked for the chunks to append next (the caller's next batch; null when it has none, and the
     * caller then appends its next batch itself). Without: every range is read when it is needed.
     */
    ChunkReader(Repository repository, Buffers buffers, Executor readAhead, Supplier<List<String>> more) {
        this.repository = repository;
        this.readAhead = readAhead;
        this.more = more;
        for (int s = 0; s < RANGES; s++) {
            slots[s] = new Slot();
            slots[s].buffer = buffers.held[s];
        }
        this.spare = buffers.held[RANGES];
    }

    /** A reader of just {@code ids}, in that order. */
    ChunkReader(Repository repository, List<String> ids, Buffers buffers, Executor readAhead) {
        this(repository, buffers, readAhead, null);
        append(ids);
    }

    /**
     * Appends {@code more} to the sequence: the chunks the caller asks for after those it asked for so far. The
     * chunks already taken (returned or skipped) are forgotten, so the sequence holds no more than a batch or two
     * however long the reader lives; the ranges in memory stay.
     */
    void append(List<String> more) {
        forgetTaken();
        extend(more);
    }

    /** Forgets the chunks already taken; also between two batches the supplier already appended. */
    void forgetTaken() {
        if (next == 0) {
            return;
        }
        ids.subList(0, next).clear();
        entries.subList(0, next).clear();
        aheadFor -= next; // negative when the range read ahead was for a chunk that was skipped: never taken then
        next = 0;
    }

    private void extend(List<String> more) {
        ids.addAll(more);
        for (String id : more) {
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
        Slot slot = holding(e);
        if (slot == null) {
            try {
                slot = fill(i);
            } catch (StoreException failed) {
                return repository.loadBlob(id, BlobType.DATA);
            }
        }
        slot.used = ++clock;
        try {
            return repository.codec().decode(BlobType.DATA, slot.buffer.bytes, (int) (e.offset() - slot.start),
                    e.length(), id);
        } catch (RuntimeException bad) {
            return repository.loadBlob(id, BlobType.DATA);
        }
    }

    /** The slot whose range holds {@code e}, or null. */
    private Slot holding(IndexEntry e) {
        for (Slot s : slots) {
            if (s.holds(e)) {
                return s;
            }
        }
        return null;
    }

    /** Skips {@code count} chunks of the sequence (those of a file that could not be restored). */
    void skip(int count) {
        next += count;
    }

    /**
     * Puts the range around chunk {@code i} into the least recently used slot: the range read ahead when it is the
     * one, else read now. Then starts reading the next range ahead, when there is a read-ahead executor.
     */
    private Slot fill(int i) {
        Slot victim = slots[0];
        for (Slot s : slots) {
            if (s.pack == null || s.used < victim.used) {
                victim = s;
                if (s.pack == null) {
                    break;
                }
            }
        }
        Range r = takeAhead(i);
        if (r != null) {
            // the spare buffer holds the range read ahead; the victim's buffer becomes the next spare
            Buffer read = spare;
            spare = victim.buffer;
            victim.buffer = read;
        } else {
            victim.pack = null; // its buffer is overwritten now; a failed read leaves it empty
            r = plan(i);
            repository.readPack(r.pack(), r.start(), r.length(), victim.buffer.atLeast(r.length()), 0);
        }
        victim.pack = r.pack();
        victim.start = r.start();
        victim.length = r.length();
        startAhead(i);
        return victim;
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
        return mine ? r : null;
    }

    /**
     * Starts reading the range of the first chunk after {@code i} that no slot holds into the spare buffer, which
     * {@link #fill} swaps into the slot it replaces once that chunk is needed.
     */
    private void startAhead(int i) {
        if (readAhead == null) {
            return;
        }
        for (int j = i + 1; ; j++) {
            while (j == entries.size()) {
                List<String> following = more == null ? null : more.get();
                if (following == null) {
                    return;
                }
                extend(following);
            }
            IndexEntry e = entries.get(j);
            if (e != null && holding(e) == null) {
                Range r = plan(j);
                Buffer target = spare;
                aheadFor = j;
                ahead = CompletableFuture.supplyAsync(() -> {
                    repository.readPack(r.pack(), r.start(), r.length(), target.atLeast(r.length()), 0);
                    return r;
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
        return new Range(first.pack(), start, (int) (end - start));
    }
}
