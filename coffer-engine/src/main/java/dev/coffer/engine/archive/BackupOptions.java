package dev.coffer.engine.archive;

import java.util.List;
import java.util.Optional;

/**
 * Options of one backup. {@code parentSnapshotId} empty means: the latest snapshot of the same host and paths (its
 * files are not read again when unchanged). {@code threads} 0 means one per core. {@code excludes} are globs; one
 * without '/' matches a file name anywhere, one with '/' matches the absolute path.
 */
public record BackupOptions(String hostname, List<String> tags, String parentSnapshotId, int threads, List<String> excludes) {

    public BackupOptions {
        if (hostname.isBlank()) {
            throw new IllegalArgumentException("hostname must not be blank");
        }
        if (threads < 0) {
            throw new IllegalArgumentException("threads must be 0 (one per core) or more, got " + threads);
        }
        tags = List.copyOf(tags);
        excludes = List.copyOf(excludes);
    }

    public static BackupOptions defaults() {
        return new BackupOptions(dev.coffer.engine.repository.Repository.hostname(), List.of(), "", 0, List.of());
    }

    public Optional<String> parent() {
        return parentSnapshotId.isEmpty() ? Optional.empty() : Optional.of(parentSnapshotId);
    }

    public BackupOptions withTags(List<String> newTags) {
        return new BackupOptions(hostname, newTags, parentSnapshotId, threads, excludes);
    }

    public BackupOptions withParent(String parent) {
        return new BackupOptions(hostname, tags, parent, threads, excludes);
    }

    public BackupOptions withThreads(int n) {
        return new BackupOptions(hostname, tags, parentSnapshotId, n, excludes);
    }

    public BackupOptions withExcludes(List<String> globs) {
        return new BackupOptions(hostname, tags, parentSnapshotId, threads, globs);
    }

    public BackupOptions withHostname(String host) {
        return new BackupOptions(host, tags, parentSnapshotId, threads, excludes);
    }
}
