package dev.coffer.engine.snapshot;

import java.time.Instant;
import java.util.List;

/**
 * A saved backup: when, from where, what paths, and the id of its root tree. {@code id} is the SHA-256 of the stored
 * object (so it is "" before the snapshot is saved); {@code parentId} is "" when there was no parent snapshot.
 */
public record Snapshot(String id, Instant startTime, Instant endTime, String hostname, String username,
                       List<String> paths, List<String> tags, String treeId, String parentId, SnapshotSummary summary) {

    public Snapshot {
        paths = List.copyOf(paths);
        tags = List.copyOf(tags);
    }

    /** The first 8 hex digits of the id, as shown to users. */
    public String shortId() {
        return id.length() <= 8 ? id : id.substring(0, 8);
    }

    public Snapshot withId(String newId) {
        return new Snapshot(newId, startTime, endTime, hostname, username, paths, tags, treeId, parentId, summary);
    }
}
