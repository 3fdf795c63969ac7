package dev.coffer.engine.snapshot;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Differences between two snapshots; identical subtrees (same tree id) are skipped without being read. */
public final class SnapshotDiff {

    private SnapshotDiff() {
    }

    /** The changes from {@code a} to {@code b}, sorted by path. */
    public static List<Change> diff(TreeSource source, Snapshot a, Snapshot b) {
        List<Change> changes = new ArrayList<>();
        diffTrees(source, a.treeId(), b.treeId(), "", changes);
        changes.sort((x, y) -> x.path().compareTo(y.path()));
        return changes;
    }

    private static void diffTrees(TreeSource source, String treeA, String treeB, String prefix, List<Change> out) {
        if (treeA.equals(treeB)) {
            return;
        }
        Map<String, Node> left = byName(source, treeA);
        Map<String, Node> right = byName(source, treeB);
        for (Node l : left.values()) {
            Node r = right.get(l.name());
            String path = prefix + "/" + l.name();
            if (r == null) {
                all(source, l, path, Change.Kind.REMOVED, out);
            } else if (l.type() != r.type()) {
                all(source, l, path, Change.Kind.REMOVED, out);
                all(source, r, path, Change.Kind.ADDED, out);
            } else if (l.type() == NodeType.DIRECTORY) {
                if (!l.sameMetadata(r)) {
                    out.add(new Change(path, Change.Kind.METADATA));
                }
                diffTrees(source, l.subtreeId(), r.subtreeId(), path, out);
            } else if (!l.sameContent(r)) {
                out.add(new Change(path, Change.Kind.MODIFIED));
            } else if (!l.sameMetadata(r)) {
                out.add(new Change(path, Change.Kind.METADATA));
            }
        }
        for (Node r : right.values()) {
            if (!left.containsKey(r.name())) {
                all(source, r, prefix + "/" + r.name(), Change.Kind.ADDED, out);
            }
        }
    }

    private static void all(TreeSource source, Node node, String path, Change.Kind kind, List<Change> out) {
        out.add(new Change(path, kind));
        if (node.type() == NodeType.DIRECTORY && !node.subtreeId().isEmpty()) {
            TreeWalker.walk(source, node.subtreeId(), (p, n) -> out.add(new Change(path + p, kind)));
        }
    }

    private static Map<String, Node> byName(TreeSource source, String treeId) {
        if (treeId.isEmpty()) {
            return Collections.emptyMap();
        }
        Map<String, Node> map = new TreeMap<>();
        for (Node n : source.loadTree(treeId).nodes()) {
            map.put(n.name(), n);
        }
        return map;
    }
}
