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
import dev.coffer.engine.store.Store;

/**
 * Reads blobs back through the index: one range read of the pack, then authentication and decompression. A pack
 * missing since opening (a concurrent prune rewrote it) makes it read the new index files and retry once. On a
 * {@linkplain Store#remote() remote} store, trees come out of whole tree packs read once ({@link TreePacks}).
 * Thread-safe.
 */
final class BlobReader {

    private final IndexFiles indexFiles;
    private final PackFiles packs;
    private final BlobCodec codec;
    /** Present for stores where each read is a round trip (see {@link Store#remote()}). */
    private final TreePacks treePacks;

    BlobReader(IndexFiles indexFiles, PackFiles packs, BlobCodec codec, boolean remote) {
        this.indexFiles = indexFiles;
        this.packs = packs;
        this.codec = codec;
        this.treePacks = remote ? new TreePacks() : null;
    }

    byte[] loadBlob(String id, BlobType type) {
        IndexEntry e = lookup(id).orElseThrow(() -> new CorruptDataException("blob " + id, "not in the index; run check"));
        if (type == BlobType.TREE && e.type() == BlobType.TREE && treePacks != null) {
            Optional<byte[]> tree = fromWholePack(e, id);
            if (tree.isPresent()) {
                return tree.get();
            }
        }
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

    /**
     * The tree sliced out of its whole pack, read once per pack; empty when the pack is too large to hold, or its read
     * or the blob failed, so that the range read below (which handles a concurrent prune and names corruption) runs.
     */
    private Optional<byte[]> fromWholePack(IndexEntry e, String id) {
        long size = indexFiles.index().packSize(e.pack());
        if (size <= 0 || size > TreePacks.MAX_PACK || e.offset() + (long) e.length() > size) {
            return Optional.empty();
        }
        try {
            byte[] pack = treePacks.get(e.pack(), () -> packs.readRange(e.pack(), 0, (int) size));
            return Optional.of(codec.decode(BlobType.TREE, pack, e.offset(), e.length(), id));
        } catch (RuntimeException failed) {
            treePacks.forget(e.pack());
            return Optional.empty();
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
