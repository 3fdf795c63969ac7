package dev.coffer.engine.snapshot;

/** Visits every node of a tree depth-first, parents before children, in name order. */
public final class TreeWalker {

    /** Receives each node with its absolute snapshot path ({@code /home/a/b.txt}). */
    @FunctionalInterface
    public interface Visitor {
        void visit(String path, Node node);
    }

    private TreeWalker() {
    }

    public static void walk(TreeSource source, String treeId, Visitor visitor) {
        walk(source, treeId, "", visitor);
    }

    private static void walk(TreeSource source, String treeId, String prefix, Visitor visitor) {
        for (Node node : source.loadTree(treeId).nodes()) {
            String path = prefix + "/" + node.name();
            visitor.visit(path, node);
            if (node.type() == NodeType.DIRECTORY && !node.subtreeId().isEmpty()) {
                walk(source, node.subtreeId(), path, visitor);
            }
        }
    }
}
