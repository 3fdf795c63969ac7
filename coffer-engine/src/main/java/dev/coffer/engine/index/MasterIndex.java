package dev.coffer.engine.index;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

import dev.coffer.engine.blob.BlobType;
import dev.coffer.engine.pack.PackEntry;

/**
 * The in-memory union of all index files (and of packs recovered from their trailers): blob id to location, and
 * every known pack. Thread-safe; backups add packs while workers look blobs up. A blob stored in several packs (two
 * concurrent backups, or an interrupted prune) keeps the first location seen; any copy is valid.
 *
 * <p>Memory: a repository holds about a million blobs per terabyte of unique data, so blobs are kept in flat arrays
 * rather than as objects: the 32-byte id as four longs, pack number, offset, length and type, about 45 bytes per blob
 * plus an open-addressing table of ints (as Strings and records in hash maps they took about 200 bytes, which also
 * made every full garbage collection walk them). {@link IndexEntry} and {@link PackRecord} objects are made on demand.
 */
public final class MasterIndex {

    private static final int ID_LONGS = 4;
    private static final HexFormat HEX = HexFormat.of();

    private final ReadWriteLock lock = new ReentrantReadWriteLock();

    /** Packs by name; their numbers index {@link #packNames} and {@link #packSizes}. */
    private final Map<String, Integer> packNumbers = new HashMap<>();
    private final List<String> packNames = new ArrayList<>();
    private long[] packSizes = new long[16];

    /** Every (blob, pack) pair added, in order: several pairs per blob when it is stored in several packs. */
    private long[] ids = new long[0];
    private int[] packOf = new int[0];
    private int[] offsets = new int[0];
    private int[] lengths = new int[0];
    private byte[] types = new byte[0];
    private int count;

    /** Open addressing: 1 + the number of the first pair of each blob, 0 for a free slot. */
    private int[] table = new int[16];
    private int distinct;

    public void add(PackRecord pack) {
        lock.writeLock().lock();
        try {
            if (packNumbers.containsKey(pack.pack())) {
                return; // packs never change: a second index file listing it lists the same blobs
            }
            int number = packNames.size();
            packNumbers.put(pack.pack(), number);
            packNames.add(pack.pack());
            if (number == packSizes.length) {
                packSizes = Arrays.copyOf(packSizes, number * 2);
            }
            packSizes[number] = pack.size();
            ensureCapacity(count + pack.blobs().size());
            for (PackEntry e : pack.blobs()) {
                append(e, number);
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    public Optional<IndexEntry> lookup(String blobId) {
        long[] key = parse(blobId);
        if (key == null) {
            return Optional.empty();
        }
        lock.readLock().lock();
        try {
            int i = find(key);
            return i < 0 ? Optional.empty()
                    : Optional.of(new IndexEntry(blobId, BlobType.of(types[i]), packNames.get(packOf[i]), offsets[i], lengths[i]));
        } finally {
            lock.readLock().unlock();
        }
    }

    public boolean has(String blobId) {
        long[] key = parse(blobId);
        if (key == null) {
            return false;
        }
        lock.readLock().lock();
        try {
            return find(key) >= 0;
        } finally {
            lock.readLock().unlock();
        }
    }

    public boolean hasPack(String pack) {
        lock.readLock().lock();
        try {
            return packNumbers.containsKey(pack);
        } finally {
            lock.readLock().unlock();
        }
    }

    /** The size of the pack object as its index records it, or -1 for a pack the index does not know. */
    public long packSize(String pack) {
        lock.readLock().lock();
        try {
            Integer p = packNumbers.get(pack);
            return p == null ? -1 : packSizes[p];
        } finally {
            lock.readLock().unlock();
        }
    }

    /** The known packs with their blobs, in the order the blobs were added (their order in the pack). */
    public Collection<PackRecord> packs() {
        lock.readLock().lock();
        try {
            List<List<PackEntry>> blobs = new ArrayList<>(packNames.size());
            for (int p = 0; p < packNames.size(); p++) {
                blobs.add(new ArrayList<>());
            }
            for (int i = 0; i < count; i++) {
                blobs.get(packOf[i]).add(new PackEntry(hex(i), BlobType.of(types[i]), offsets[i], lengths[i]));
            }
            List<PackRecord> packs = new ArrayList<>(packNumbers.size());
            for (int p = 0; p < packNames.size(); p++) {
                if (packNames.get(p) != null) {
                    packs.add(new PackRecord(packNames.get(p), packSizes[p], List.copyOf(blobs.get(p))));
                }
            }
            return packs;
        } finally {
            lock.readLock().unlock();
        }
    }

    public int blobCount() {
        lock.readLock().lock();
        try {
            return distinct;
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Forgets packs (after prune deleted them) and points their blobs at copies in other packs, if any. */
    public void removePacks(Collection<String> removed) {
        replacePacks(removed, List.of());
    }

    /**
     * Forgets {@code removed} and adds {@code added} as one step: a concurrent lookup sees the index before or after,
     * never a blob missing in between (a prune rewrote its pack into one of {@code added}).
     */
    public void replacePacks(Collection<String> removed, Collection<PackRecord> added) {
        lock.writeLock().lock();
        try {
            forget(removed);
            added.forEach(this::add); // the write lock is reentrant
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Drops the packs and their blobs; then the first remaining copy of each blob is the one found. Caller locks. */
    private void forget(Collection<String> removed) {
        Set<Integer> gone = new HashSet<>();
        for (String p : removed) {
            Integer number = packNumbers.remove(p);
            if (number != null) {
                gone.add(number);
                packNames.set(number, null);
            }
        }
        if (gone.isEmpty()) {
            return;
        }
        int kept = 0;
        for (int i = 0; i < count; i++) {
            if (!gone.contains(packOf[i])) {
                System.arraycopy(ids, i * ID_LONGS, ids, kept * ID_LONGS, ID_LONGS);
                packOf[kept] = packOf[i];
                offsets[kept] = offsets[i];
                lengths[kept] = lengths[i];
                types[kept] = types[i];
                kept++;
            }
        }
        count = kept;
        rebuildTable(Math.max(16, tableSizeFor(kept)));
    }

    // ---- internals (callers hold the lock) -------------------------------------------------------------------------

    private void append(PackEntry e, int pack) {
        long[] key = parse(e.id());
        if (key == null) {
            throw new IllegalArgumentException("blob id must be 64 hex digits: '" + e.id() + "'");
        }
        int i = count++;
        System.arraycopy(key, 0, ids, i * ID_LONGS, ID_LONGS);
        packOf[i] = pack;
        offsets[i] = e.offset();
        lengths[i] = e.length();
        types[i] = e.type().code();
        insertIfAbsent(i);
    }

    private void ensureCapacity(int pairs) {
        if (pairs > packOf.length) {
            int capacity = Math.max(pairs, Math.max(1024, packOf.length + (packOf.length >> 1)));
            ids = Arrays.copyOf(ids, capacity * ID_LONGS);
            packOf = Arrays.copyOf(packOf, capacity);
            offsets = Arrays.copyOf(offsets, capacity);
            lengths = Arrays.copyOf(lengths, capacity);
            types = Arrays.copyOf(types, capacity);
        }
        if (tableSizeFor(pairs) > table.length) {
            rebuildTable(tableSizeFor(pairs));
        }
    }

    /** A power of two that keeps the table at most 2/3 full with {@code pairs} entries. */
    private static int tableSizeFor(int pairs) {
        long needed = (long) pairs * 3 / 2 + 1;
        return (int) Math.min(1 << 30, Long.highestOneBit(Math.max(needed, 8)) << 1);
    }

    private void rebuildTable(int size) {
        table = new int[size];
        distinct = 0;
        for (int i = 0; i < count; i++) {
            insertIfAbsent(i);
        }
    }

    private void insertIfAbsent(int pair) {
        int mask = table.length - 1;
        int slot = (int) mix(ids[pair * ID_LONGS]) & mask;
        while (table[slot] != 0) {
            if (sameId(table[slot] - 1, ids, pair * ID_LONGS)) {
                return; // the first location seen stays
            }
            slot = (slot + 1) & mask;
        }
        table[slot] = pair + 1;
        distinct++;
    }

    /** The number of the first pair of the blob, or -1. */
    private int find(long[] key) {
        int mask = table.length - 1;
        int slot = (int) mix(key[0]) & mask;
        while (table[slot] != 0) {
            int pair = table[slot] - 1;
            if (sameId(pair, key, 0)) {
                return pair;
            }
            slot = (slot + 1) & mask;
        }
        return -1;
    }

    private boolean sameId(int pair, long[] key, int keyOff) {
        int at = pair * ID_LONGS;
        return ids[at] == key[keyOff] && ids[at + 1] == key[keyOff + 1] && ids[at + 2] == key[keyOff + 2]
                && ids[at + 3] == key[keyOff + 3];
    }

    /** Ids are HMAC outputs and already uniform; mixing only guards against ids that are not. */
    private static long mix(long x) {
        x ^= x >>> 33;
        x *= 0xff51afd7ed558ccdL;
        return x ^ (x >>> 33);
    }

    private String hex(int pair) {
        int at = pair * ID_LONGS;
        return HEX.toHexDigits(ids[at]) + HEX.toHexDigits(ids[at + 1]) + HEX.toHexDigits(ids[at + 2])
                + HEX.toHexDigits(ids[at + 3]);
    }

    /** The id's 64 lower-case hex digits as four big-endian longs, or null when it is not such an id. */
    private static long[] parse(String id) {
        if (id == null || id.length() != 64) {
            return null;
        }
        for (int c = 0; c < 64; c++) {
            char ch = id.charAt(c);
            if ((ch < '0' || ch > '9') && (ch < 'a' || ch > 'f')) {
                return null;
            }
        }
        long[] key = new long[ID_LONGS];
        for (int k = 0; k < ID_LONGS; k++) {
            key[k] = HexFormat.fromHexDigitsToLong(id, k * 16, k * 16 + 16);
        }
        return key;
    }
}
