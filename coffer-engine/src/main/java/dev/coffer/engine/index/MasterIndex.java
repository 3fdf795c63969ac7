package dev.coffer.engine.index;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import dev.coffer.engine.pack.PackEntry;

/**
 * The in-memory union of all index files (and of packs recovered from their trailers): blob id to location, and
 * every known pack. Thread-safe; backups add packs while workers look blobs up. A blob stored in several packs (two
 * concurrent backups, or an interrupted prune) keeps the first location seen; any copy is valid.
 */
public final class MasterIndex {

    private final Map<String, IndexEntry> blobs = new ConcurrentHashMap<>();
    private final Map<String, PackRecord> packs = new ConcurrentHashMap<>();

    public void add(PackRecord pack) {
        packs.put(pack.pack(), pack);
        for (PackEntry e : pack.blobs()) {
            blobs.putIfAbsent(e.id(), new IndexEntry(e.id(), e.type(), pack.pack(), e.offset(), e.length()));
        }
    }

    public Optional<IndexEntry> lookup(String blobId) {
        return Optional.ofNullable(blobs.get(blobId));
    }

    public boolean has(String blobId) {
        return blobs.containsKey(blobId);
    }

    public boolean hasPack(String pack) {
        return packs.containsKey(pack);
    }

    public Collection<PackRecord> packs() {
        return List.copyOf(packs.values());
    }

    public int blobCount() {
        return blobs.size();
    }

    /** Forgets packs (after prune deleted them) and points their blobs at copies in other packs, if any. */
    public void removePacks(Collection<String> removed) {
        for (String p : removed) {
            packs.remove(p);
        }
        blobs.values().removeIf(e -> removed.contains(e.pack()));
        for (PackRecord p : new ArrayList<>(packs.values())) {
            for (PackEntry e : p.blobs()) {
                blobs.putIfAbsent(e.id(), new IndexEntry(e.id(), e.type(), p.pack(), e.offset(), e.length()));
            }
        }
    }
}
