package dev.coffer.engine.snapshot;

/** One difference between two snapshots, at a snapshot path such as {@code /home/a/b.txt}. */
public record Change(String path, Kind kind) {

    public enum Kind { ADDED, REMOVED, MODIFIED, METADATA }
}
