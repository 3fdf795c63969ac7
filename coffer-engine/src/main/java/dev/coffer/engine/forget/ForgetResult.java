package dev.coffer.engine.forget;

import java.util.List;

import dev.coffer.engine.snapshot.Snapshot;

/** Snapshots a forget kept and removed (or would remove, in a dry run), oldest first. */
public record ForgetResult(List<Snapshot> kept, List<Snapshot> removed) {

    public ForgetResult {
        kept = List.copyOf(kept);
        removed = List.copyOf(removed);
    }
}
