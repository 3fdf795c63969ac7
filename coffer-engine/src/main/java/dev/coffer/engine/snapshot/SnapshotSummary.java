package dev.coffer.engine.snapshot;

/**
 * Totals of one backup run. {@code bytesAdded} is what the run stored after deduplication and compression.
 * {@code totalFiles} counts regular files ({@code filesNew + filesChanged + filesUnmodified}; a hard link as one file),
 * {@code symlinks} and {@code dirs} the rest, so that a restore of the snapshot reports the same three numbers.
 * Snapshots written before {@code symlinks} was recorded read it as 0.
 */
public record SnapshotSummary(long filesNew, long filesChanged, long filesUnmodified, long dirs, long bytesProcessed,
                              long bytesAdded, long totalFiles, long totalBytes, long symlinks) {
}
