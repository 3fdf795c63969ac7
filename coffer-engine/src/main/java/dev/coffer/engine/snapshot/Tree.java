package dev.coffer.engine.snapshot;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A directory's entries, sorted by name; stored as a JSON {@code TREE} blob whose id is the HMAC of that JSON. No two
 * entries share a name (checked here, on writing and on decoding: a restore of a tree holding a symlink {@code a} and
 * a directory {@code a} would otherwise have to choose which one to follow).
 */
public record Tree(List<Node> nodes) {

    public Tree {
        nodes = List.copyOf(nodes);
        if (nodes.size() > 1) {
            Set<String> names = new HashSet<>(nodes.size() * 2);
            for (Node node : nodes) {
                if (!names.add(node.name())) {
                    throw new IllegalArgumentException("entry " + Node.quote(node.name())
                            + " is refused: a directory holds it twice");
                }
            }
        }
    }
}
