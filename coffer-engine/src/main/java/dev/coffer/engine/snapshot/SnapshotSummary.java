package dev.coffer.engine.snapshot;

/** Totals of one backup run. {@code bytesAdded} is what the run stored after deduplication and compression. */
public record SnapshotSummary(long filesNew, long filesChanged, long filesUnmodified, long dirs, long bytesProcessed,
                              long bytesAdded, long totalFiles, long totalBytes) {
}
