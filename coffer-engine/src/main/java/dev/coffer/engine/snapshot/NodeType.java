package dev.coffer.engine.snapshot;

/** Kinds of entries in a tree. */
public enum NodeType {
    FILE, DIRECTORY, SYMLINK
}
