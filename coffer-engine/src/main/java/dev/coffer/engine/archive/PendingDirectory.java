package dev.coffer.engine.archive;

import java.util.List;
import java.util.function.Supplier;

import dev.coffer.engine.snapshot.Node;

/**
 * A directory whose entries are all scanned; its tree is saved by the {@link TreeSaver} once its files are done, and
 * only then is its node (with the tree's id) known. Children are suppliers of their nodes: files being saved report
 * whether they are done through {@link PendingFile}, so that checking does not block.
 */
final class PendingDirectory {

    /** A file being saved: its node once done. */
    interface PendingFile extends Supplier<Node> {
        boolean isDone();
    }

    final Node meta;
    /** Suppliers of the children's nodes, in name order; a null supplier or a null node is a skipped entry. */
    final List<Supplier<Node>> children;
    final ParentTrees.ParentTree oldTree;
    volatile String subtreeId;

    PendingDirectory(Node meta, List<Supplier<Node>> children, ParentTrees.ParentTree oldTree) {
        this.meta = meta;
        this.children = children;
        this.oldTree = oldTree;
    }

    boolean ready() {
        // Children that are files report done through their futures; checking by resolving would block.
        for (Supplier<Node> s : children) {
            if (s instanceof PendingFile && !((PendingFile) s).isDone()) {
                return false;
            }
        }
        return true;
    }

    Node node() {
        if (subtreeId == null) {
            throw new IllegalStateException("tree of " + meta.name() + " not saved yet");
        }
        return meta.withSubtree(subtreeId);
    }
}
