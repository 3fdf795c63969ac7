package dev.coffer.engine.archive;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The paths to back up as a tree of names, so that "/home/a" and "/home/b" share the node "home". */
final class PathTrie {

    /** Children by name, sorted. */
    final Map<String, PathTrie> children = new TreeMap<>();
    /** Whether everything below this node is backed up (it was given as a path). */
    boolean whole;

    /** Adds an absolute, normalized path. */
    void add(Path abs) {
        PathTrie t = this;
        for (Path part : abs) {
            if (t.whole) {
                return;
            }
            t = t.children.computeIfAbsent(part.toString(), k -> new PathTrie());
        }
        t.whole = true;
        t.children.clear();
    }

    /** Adds the paths backed up (the topmost given ones) to {@code out}. */
    void collect(String prefix, List<String> out) {
        if (whole) {
            out.add(prefix.isEmpty() ? "/" : prefix);
            return;
        }
        children.forEach((name, child) -> child.collect(prefix + "/" + name, out));
    }
}
