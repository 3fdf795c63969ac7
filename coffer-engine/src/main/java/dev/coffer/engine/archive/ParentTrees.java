package dev.coffer.engine.archive;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

import dev.coffer.engine.snapshot.Node;
import dev.coffer.engine.snapshot.NodeType;
import dev.coffer.engine.snapshot.TreeSource;

/**
 * The parent snapshot's trees, for the files cache and tree reuse. Loading a tree (read, decrypt, parse) is the scan's
 * largest cost besides stat calls, so when a tree is used the trees of its subdirectories are loaded in the
 * background, one level ahead of the depth-first scan: they are held only until their directory is scanned. Used by
 * the scanning thread only.
 */
final class ParentTrees {

    /** One directory's tree in the parent snapshot: its id, its nodes in order, and the nodes by name. */
    record ParentTree(String id, List<Node> nodes, Map<String, Node> byName) {
    }

    private final TreeSource trees;
    private final Executor background;
    private final Map<String, CompletableFuture<List<Node>>> prefetched = new HashMap<>();

    ParentTrees(TreeSource trees, Executor background) {
        this.trees = trees;
        this.background = background;
    }

    /** The parent's tree of a directory, or null when the parent has no such directory. */
    ParentTree of(Node old) {
        return old != null && old.type() == NodeType.DIRECTORY && !old.subtreeId().isEmpty() ? load(old.subtreeId()) : null;
    }

    /** Loads one tree and starts loading its subdirectories' trees. */
    ParentTree load(String treeId) {
        CompletableFuture<List<Node>> ahead = prefetched.remove(treeId);
        List<Node> nodes = ahead != null ? FirstFailure.await(ahead) : trees.loadTree(treeId).nodes();
        Map<String, Node> map = new HashMap<>();
        for (Node node : nodes) {
            map.put(node.name(), node);
            if (node.type() == NodeType.DIRECTORY && !node.subtreeId().isEmpty()) {
                prefetched.computeIfAbsent(node.subtreeId(),
                        id -> CompletableFuture.supplyAsync(() -> trees.loadTree(id).nodes(), background));
            }
        }
        return new ParentTree(treeId, nodes, map);
    }
}
