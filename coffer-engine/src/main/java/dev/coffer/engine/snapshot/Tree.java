package dev.coffer.engine.snapshot;

import java.util.List;

/** A directory's entries, sorted by name; stored as a JSON {@code TREE} blob whose id is the HMAC of that JSON. */
public record Tree(List<Node> nodes) {

    public Tree {
        nodes = List.copyOf(nodes);
    }
}
