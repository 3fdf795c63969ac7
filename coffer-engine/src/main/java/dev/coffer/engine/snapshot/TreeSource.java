package dev.coffer.engine.snapshot;

/** Loads trees by id (a repository does). Implementations are thread-safe. */
@FunctionalInterface
public interface TreeSource {
    Tree loadTree(String id);
}
