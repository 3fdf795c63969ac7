package dev.coffer.engine.prune;

/** What prune did (or would do, in a dry run). {@code bytesFreed} counts deleted packs minus the rewritten data. */
public record PruneResult(long packsDeleted, long packsRewritten, long bytesFreed, long blobsRemoved) {
}
