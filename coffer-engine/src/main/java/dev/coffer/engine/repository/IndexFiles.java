package dev.coffer.engine.repository;

import java.nio.BufferUnderflowException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import dev.coffer.engine.blob.BlobType;
import dev.coffer.engine.crypto.AuthenticationException;
import dev.coffer.engine.index.IndexFormat;
import dev.coffer.engine.index.MasterIndex;
import dev.coffer.engine.index.PackRecord;
import dev.coffer.engine.pack.PackEntry;
import dev.coffer.engine.store.StoreEntry;

/**
 * The index files of a repository ({@link RepositoryLayout#INDEX}) and the in-memory {@link MasterIndex} built from
 * them: which files were read or written, the uploaded packs no index file lists yet ("pending"), and the problems met
 * while reading. Thread-safe.
 */
final class IndexFiles {

    private final EncodedObjects objects;
    private final PackFiles packFiles;
    private final MasterIndex index = new MasterIndex();
    private final List<PackRecord> pending = new ArrayList<>();
    private final Set<String> known = ConcurrentHashMap.newKeySet();
    private final List<String> openProblems = Collections.synchronizedList(new ArrayList<>());

    IndexFiles(EncodedObjects objects, PackFiles packFiles) {
        this.objects = objects;
        this.packFiles = packFiles;
    }

    MasterIndex index() {
        return index;
    }

    List<String> openProblems() {
        synchronized (openProblems) {
            return List.copyOf(openProblems);
        }
    }

    /** The index files stored now. */
    List<String> stored() {
        List<String> names = new ArrayList<>();
        for (StoreEntry e : objects.list(RepositoryLayout.INDEX)) {
            names.add(e.name());
        }
        return names;
    }

    /**
     * Reads every index file, then the trailers of stored packs that none lists (left by an interrupted backup), so
     * that their blobs are reused; such packs are pending and go into the next index file written.
     */
    void load() {
        ConcurrentLoads.forEach(objects.list(RepositoryLayout.INDEX), entry -> {
            try {
                for (PackRecord p : read(entry.name()).packs()) {
                    index.add(p);
                }
                known.add(entry.name());
            } catch (CorruptDataException e) {
                // The packs it listed are recovered below from their trailers; check reports the file.
                openProblems.add(e.getMessage());
            }
        });
        for (Map.Entry<String, Long> stored : packFiles.stored().entrySet()) {
            String pack = stored.getKey();
            if (!index.hasPack(pack)) {
                try {
                    List<PackEntry> entries = packFiles.readTrailer(pack, stored.getValue());
                    packUploaded(new PackRecord(pack, stored.getValue(), entries));
                } catch (RuntimeException unreadable) {
                    // Not ours to fix here: check reports it. Its blobs are simply not reused.
                    openProblems.add("pack " + pack + " is listed in no index and its trailer is unreadable: " + unreadable.getMessage());
                }
            }
        }
    }

    void packUploaded(PackRecord pack) {
        index.add(pack);
        synchronized (pending) {
            pending.add(pack);
        }
    }

    int pendingPacks() {
        synchronized (pending) {
            return pending.size();
        }
    }

    /** Writes an index file listing the pending packs (if any); on failure they stay pending. */
    void writePending() {
        List<PackRecord> packs;
        synchronized (pending) {
            if (pending.isEmpty()) {
                return;
            }
            packs = new ArrayList<>(pending);
            pending.clear();
        }
        try {
            known.add(write(packs));
        } catch (RuntimeException e) {
            synchronized (pending) {
                pending.addAll(0, packs);
            }
            throw e;
        }
    }

    /** Writes one index file listing {@code packs}; returns its object name. */
    String write(List<PackRecord> packs) {
        return objects.saveContentAddressed(RepositoryLayout.INDEX, BlobType.INDEX, IndexFormat.encode(packs, Instant.now()));
    }

    IndexFormat.IndexFile read(String objectName) {
        try {
            return IndexFormat.decode(objects.load(objectName, BlobType.INDEX));
        } catch (AuthenticationException | IllegalArgumentException | BufferUnderflowException e) {
            throw new CorruptDataException(objectName, "unreadable index file: " + e.getMessage());
        }
    }

    void delete(String objectName) {
        objects.delete(objectName);
    }

    /**
     * A pack went missing: a prune rewrote it. Reads the index files not seen yet, then swaps the pack for the new ones
     * in one step, so that other threads looking blobs up never find them missing in between.
     */
    synchronized void refreshAfterMissingPack(String pack) {
        List<PackRecord> added = new ArrayList<>();
        for (StoreEntry entry : objects.list(RepositoryLayout.INDEX)) {
            if (!known.contains(entry.name())) {
                try {
                    added.addAll(read(entry.name()).packs());
                    known.add(entry.name());
                } catch (CorruptDataException e) {
                    openProblems.add(e.getMessage());
                }
            }
        }
        index.replacePacks(List.of(pack), added);
    }
}
