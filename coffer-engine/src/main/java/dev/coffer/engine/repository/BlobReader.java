package dev.coffer.engine.repository;

import java.util.Optional;

import dev.coffer.engine.blob.BlobCodec;
import dev.coffer.engine.blob.BlobType;
import dev.coffer.engine.crypto.AuthenticationException;
import dev.coffer.engine.index.IndexEntry;
import dev.coffer.engine.json.Json;
import dev.coffer.engine.snapshot.Node;
import dev.coffer.engine.snapshot.Snapshot;
import dev.coffer.engine.snapshot.Tree;
import dev.coffer.engine.store.ObjectNotFoundException;

/**
 * Reads blobs back through the index: one range read of the pack, then authentication and decompression. A pack
 * missing since opening (a concurrent prune rewrote it) makes it read the new index files and retry once. Thread-safe.
 */
final class BlobReader {

    private final IndexFiles indexFiles;
    private final PackFiles packs;
    private final BlobCodec codec;

    BlobReader(IndexFiles indexFiles, PackFiles packs, BlobCodec codec) {
        this.indexFiles = indexFiles;
        this.packs = packs;
        this.codec = codec;
    }

    byte[] loadBlob(String id, BlobType type) {
        IndexEntry e = lookup(id).orElseThrow(() -> new CorruptDataException("blob " + id, "not in the index; run check"));
        String object = RepositoryLayout.packObject(e.pack());
        byte[] encoded;
        try {
            encoded = packs.readRange(e.pack(), e.offset(), e.length());
        } catch (ObjectNotFoundException missing) {
            // A prune may have rewritten the pack since this repository was opened: learn its new index and retry once.
            indexFiles.refreshAfterMissingPack(e.pack());
            e = lookup(id).orElseThrow(() -> new CorruptDataException(object, "pack is missing; run check"));
            if (RepositoryLayout.packObject(e.pack()).equals(object)) {
                throw new CorruptDataException(object, "pack is missing; run check");
            }
            try {
                encoded = packs.readRange(e.pack(), e.offset(), e.length());
            } catch (ObjectNotFoundException stillMissing) {
                throw new CorruptDataException(object, "pack is missing; run check");
            }
        }
        try {
            return codec.decode(type, encoded, id);
        } catch (AuthenticationException | IllegalArgumentException | IllegalStateException bad) {
            throw new CorruptDataException(object, "blob " + id + " at offset " + e.offset() + ": " + bad.getMessage());
        }
    }

    Tree loadTree(String id) {
        byte[] json = loadBlob(id, BlobType.TREE);
        try {
            return Json.read(json, Tree.class);
        } catch (IllegalArgumentException e) {
            throw new CorruptDataException("tree " + id, e.getMessage());
        }
    }

    Optional<Node> findNode(Snapshot snapshot, String path) {
        String treeId = snapshot.treeId();
        Node found = null;
        for (String part : path.split("/")) {
            if (part.isEmpty()) {
                continue;
            }
            if (treeId.isEmpty()) {
                return Optional.empty();
            }
            found = loadTree(treeId).nodes().stream().filter(n -> n.name().equals(part)).findFirst().orElse(null);
            if (found == null) {
                return Optional.empty();
            }
            treeId = found.subtreeId();
        }
        return Optional.ofNullable(found);
    }

    private Optional<IndexEntry> lookup(String id) {
        return indexFiles.index().lookup(id);
    }
}
