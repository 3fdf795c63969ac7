package dev.coffer.engine.archive;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Supplier;

import dev.coffer.engine.blob.BlobCodec;
import dev.coffer.engine.blob.BlobType;
import dev.coffer.engine.crypto.Hashes;
import dev.coffer.engine.json.Json;
import dev.coffer.engine.snapshot.Node;
import dev.coffer.engine.snapshot.Tree;

/**
 * Saves the trees of scanned directories, oldest first, as soon as all their files are done (or when too many
 * directories wait, blocking on the oldest). A directory whose nodes equal the parent snapshot's tree of it keeps that
 * tree's id. Used by the scanning thread only.
 */
final class TreeSaver {

    private static final int MAX_FINISHED_DIRS = 2_000;

    private final Hashes hashes;
    private final BlobCodec codec;
    private final BlobSaver.BlobSink packer;
    private final Deduplicator dedup;
    private final BackupStats stats;
    private final Deque<PendingDirectory> finished = new ArrayDeque<>();

    TreeSaver(Hashes hashes, BlobCodec codec, BlobSaver.BlobSink packer, Deduplicator dedup, BackupStats stats) {
        this.hashes = hashes;
        this.codec = codec;
        this.packer = packer;
        this.dedup = dedup;
        this.stats = stats;
    }

    /** A directory is scanned: its tree is saved once its files are done. */
    void scanned(PendingDirectory dir) {
        finished.add(dir);
        drain(false);
    }

    /** Saves every waiting directory's tree, waiting for their files. */
    void drainAll() {
        drain(true);
    }

    /** Saves the tree of the given children (waiting for them); returns its id. */
    String save(List<Supplier<Node>> children, ParentTrees.ParentTree old) {
        return saveTree(resolve(children), old);
    }

    private void drain(boolean all) {
        while (!finished.isEmpty()) {
            PendingDirectory head = finished.peek();
            if (!all && !head.ready() && finished.size() < MAX_FINISHED_DIRS) {
                return;
            }
            head.subtreeId = saveTree(resolve(head.children), head.oldTree);
            finished.poll();
        }
    }

    private static List<Node> resolve(List<Supplier<Node>> children) {
        List<Node> nodes = new ArrayList<>(children.size());
        for (Supplier<Node> s : children) {
            Node node = s == null ? null : s.get();
            if (node != null) {
                nodes.add(node);
            }
        }
        return nodes;
    }

    /**
     * Saves a directory's tree, unless it equals the parent snapshot's tree of that directory (nothing in it changed):
     * the same nodes serialize to the same tree, so its id is reused without serializing and hashing it again, which
     * was a third of an unchanged backup's scan.
     */
    private String saveTree(List<Node> nodes, ParentTrees.ParentTree old) {
        if (old != null && nodes.equals(old.nodes()) && dedup.reuse(old.id())) {
            return old.id();
        }
        byte[] json = Json.write(new Tree(nodes));
        String id = hashes.blobId(json);
        if (dedup.isNew(id)) {
            byte[] encoded = codec.encode(BlobType.TREE, json, id);
            stats.bytesAdded(encoded.length);
            packer.add(id, BlobType.TREE, encoded, 0, encoded.length);
        }
        return id;
    }
}
