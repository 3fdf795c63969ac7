package dev.coffer.engine.archive;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import dev.coffer.engine.index.IndexEntry;
import dev.coffer.engine.repository.RepositoryException;

/**
 * Decides which blobs a backup run must store: those neither in the index nor already queued by this run. It also
 * remembers the packs written before this run that hold blobs the new snapshot uses, which must still exist at the end
 * (a concurrent prune may have removed them). Thread-safe; on the per-chunk path.
 */
final class Deduplicator {

    /** Where the repository's index says a blob is stored. */
    interface BlobIndex {
        Optional<IndexEntry> lookup(String blobId);
    }

    private final BlobIndex index;
    private final Set<String> queued = ConcurrentHashMap.newKeySet();
    /** Packs written before this run that hold blobs this snapshot uses: they must still exist at the end. */
    private final Set<String> reusedPacks = ConcurrentHashMap.newKeySet();

    Deduplicator(BlobIndex index) {
        this.index = index;
    }

    /**
     * Whether the blob is stored already; if so, its pack is recorded as one this snapshot reuses. One index lookup
     * answers both.
     */
    boolean reuse(String blobId) {
        IndexEntry e = index.lookup(blobId).orElse(null);
        if (e == null) {
            return false;
        }
        reusedPacks.add(e.pack());
        return true;
    }

    /** Whether this run must store the blob: true exactly once per blob that is not stored yet. */
    boolean isNew(String blobId) {
        return !reuse(blobId) && queued.add(blobId);
    }

    /**
     * For the files cache: when every chunk is still in the index, records their packs as reused and returns true;
     * otherwise (a chunk was pruned since) records nothing and returns false.
     */
    boolean reuseAll(List<String> chunkIds) {
        List<String> packs = new ArrayList<>(chunkIds.size());
        for (String id : chunkIds) {
            IndexEntry e = index.lookup(id).orElse(null);
            if (e == null) {
                return false;
            }
            packs.add(e.pack());
        }
        reusedPacks.addAll(packs);
        return true;
    }

    /**
     * A prune running at the same time may have judged a blob unused that this run deduplicated against (content that
     * reappeared). The snapshot must then not be written: it would reference lost data. Failing is safe, since the
     * rerun sees the blob missing from the index and uploads it again. {@code storedPacks} is asked only when needed.
     */
    void checkReusedPacksExist(Supplier<Set<String>> storedPacks) {
        if (reusedPacks.isEmpty()) {
            return;
        }
        Set<String> stored = storedPacks.get();
        long missing = reusedPacks.stream().filter(p -> !stored.contains(p)).count();
        if (missing > 0) {
            throw new RepositoryException("a prune running at the same time removed " + missing
                    + " pack(s) holding data this backup reuses; no snapshot was written and nothing was lost: run the backup again");
        }
    }
}
