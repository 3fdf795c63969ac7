package dev.coffer.engine.prune;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import dev.coffer.engine.index.IndexFormat;
import dev.coffer.engine.index.PackRecord;
import dev.coffer.engine.pack.PackEntry;
import dev.coffer.engine.pack.Packer;
import dev.coffer.engine.progress.Progress;
import dev.coffer.engine.repository.Repository;
import dev.coffer.engine.snapshot.Node;
import dev.coffer.engine.snapshot.NodeType;
import dev.coffer.engine.snapshot.Snapshot;

/**
 * Reclaims space: deletes packs that hold no blob any snapshot uses, and rewrites packs whose unused share exceeds
 * {@link PruneOptions#maxUnusedFraction()} (their used blobs are copied, still encrypted, into new packs).
 *
 * <p>No lock stops backups while prune runs. Why that is safe:
 * <ol>
 *   <li>Order of writes: new packs first, then one new index file listing every pack that stays plus the new ones,
 *   then the index files prune read are deleted, and only then the packs it discards. At every moment each stored
 *   blob that a snapshot uses is listed by some index file or recoverable from its pack's trailer, so an
 *   interruption leaves a consistent repository (at worst with extra packs, reclaimed by the next prune).</li>
 *   <li>Packs that no index file listed when prune started are not touched: they belong to a backup that is running
 *   (or died), whose snapshot is not written yet. The next backup indexes leftovers of a dead one.</li>
 *   <li>A running backup also writes index files every few packs before its snapshot exists, so their blobs look
 *   unused. Every backup therefore puts a marker ({@code locks/<id>}, its start time) while it runs, and prune leaves
 *   alone every pack indexed after the start of the oldest running backup, and after now minus the safety window.
 *   Markers exclude nobody: they only make prune keep more.</li>
 *   <li>Index files and snapshots written after prune started are read again just before deleting: packs they list
 *   or use are not deleted.</li>
 *   <li>What remains is a backup that deduplicates against an old, unused blob (content that reappears) while prune
 *   deletes its pack. The archiver checks, before writing its snapshot, that every pack it reused still exists and
 *   otherwise fails without writing the snapshot; the rerun uploads the blob again. Nothing is lost.</li>
 * </ol>
 */
public final class Pruner {

    private final Repository repository;
    private final Progress progress;
    private final Clock clock;
    private final Function<String, Optional<Instant>> indexTime;

    /** Prune by this machine's clock and the times the index files state (a repository of one's own). */
    public Pruner(Repository repository, Progress progress) {
        this(repository, progress, Clock.systemUTC(), name -> Optional.empty());
    }

    /**
     * Prune as a server runs it on repositories its devices write: {@code clock} is the server's and
     * {@code indexTime} says when the server received each index file (by object name), so that a device whose
     * clock is wrong cannot make its packs look old (pruned under a running backup) or young forever (never
     * reclaimed). Where {@code indexTime} answers empty, the time the index file states is used.
     */
    public Pruner(Repository repository, Progress progress, Clock clock,
                  Function<String, Optional<Instant>> indexTime) {
        this.repository = repository;
        this.progress = progress;
        this.clock = clock;
        this.indexTime = indexTime;
    }

    public PruneResult prune(PruneOptions options) {
        Instant start = clock.instant();
        Instant cutoff = start.minus(options.safetyWindow());
        for (Instant running : repository.runningBackups(start)) {
            if (running.isBefore(cutoff)) {
                cutoff = running;
            }
        }

        // 1. Every index file as of now, with the time it was written.
        Map<String, PackRecord> packs = new HashMap<>();
        Map<String, Instant> indexedAt = new HashMap<>();
        List<String> oldIndexFiles = new ArrayList<>();
        for (String name : repository.storedIndexFiles()) {
            IndexFormat.IndexFile file = repository.readIndex(name);
            oldIndexFiles.add(name);
            Instant written = indexTime.apply(name).orElse(file.created());
            for (PackRecord p : file.packs()) {
                packs.put(p.pack(), p);
                indexedAt.merge(p.pack(), written, (a, b) -> a.isAfter(b) ? a : b);
            }
        }

        // 2. Blobs used by any snapshot.
        Set<String> used = new HashSet<>();
        Set<String> seenSnapshots = new HashSet<>();
        for (Snapshot s : repository.snapshots()) {
            seenSnapshots.add(s.id());
            markUsed(s.treeId(), used);
        }

        // 3. Decide per pack.
        Set<String> stored = repository.storedPacks().keySet();
        List<PackRecord> delete = new ArrayList<>();
        List<PackRecord> rewrite = new ArrayList<>();
        List<PackRecord> keep = new ArrayList<>();
        long blobsRemoved = 0;
        for (PackRecord p : packs.values()) {
            long unusedBytes = 0;
            long unusedBlobs = 0;
            for (PackEntry b : p.blobs()) {
                if (!used.contains(b.id())) {
                    unusedBytes += b.length();
                    unusedBlobs++;
                }
            }
            boolean young = !indexedAt.get(p.pack()).isBefore(cutoff);
            if (young || unusedBlobs == 0 || !stored.contains(p.pack())) {
                keep.add(p);
            } else if (unusedBlobs == p.blobs().size()) {
                delete.add(p);
                blobsRemoved += unusedBlobs;
            } else if ((double) unusedBytes / p.size() > options.maxUnusedFraction()) {
                rewrite.add(p);
                blobsRemoved += unusedBlobs;
            } else {
                keep.add(p);
            }
        }
        long rewrittenBytes = 0;
        for (PackRecord p : rewrite) {
            for (PackEntry b : p.blobs()) {
                if (used.contains(b.id())) {
                    rewrittenBytes += b.length();
                }
            }
        }
        long discardedBytes = 0;
        for (PackRecord p : delete) {
            discardedBytes += p.size();
        }
        for (PackRecord p : rewrite) {
            discardedBytes += p.size();
        }
        PruneResult result = new PruneResult(delete.size(), rewrite.size(), discardedBytes - rewrittenBytes, blobsRemoved);
        if (options.dryRun() || (delete.isEmpty() && rewrite.isEmpty())) {
            return result;
        }

        // 4. Copy used blobs of rewritten packs into new packs (blobs stay encrypted: their encoding does not depend on
        //    the pack), then write one index listing everything that stays.
        List<PackRecord> written = Collections.synchronizedList(new ArrayList<>());
        Packer packer = repository.newPacker(2, pack -> written.add(new PackRecord(pack.name(), pack.size(), pack.entries())));
        try {
            Set<String> copied = new HashSet<>();
            for (PackRecord p : rewrite) {
                byte[] bytes = repository.readPack(p.pack());
                for (PackEntry b : p.blobs()) {
                    if (used.contains(b.id()) && copied.add(b.id())) {
                        packer.add(b.id(), b.type(), bytes, b.offset(), b.length());
                    }
                }
                progress.bytesProcessed(bytes.length);
            }
            packer.flush();
        } finally {
            packer.abort();
        }
        List<PackRecord> remaining = new ArrayList<>(keep);
        remaining.addAll(written);
        String newIndex = repository.writeIndex(remaining);

        // 5. Protect what appeared meanwhile: packs in index files and blobs of snapshots written after we started.
        Set<String> protectedPacks = new HashSet<>();
        for (String name : repository.storedIndexFiles()) {
            if (!oldIndexFiles.contains(name) && !name.equals(newIndex)) {
                repository.readIndex(name).packs().forEach(p -> protectedPacks.add(p.pack()));
            }
        }
        Set<String> lateUsed = new HashSet<>();
        for (Snapshot s : repository.snapshots()) {
            if (!seenSnapshots.contains(s.id())) {
                markUsed(s.treeId(), lateUsed);
            }
        }
        List<String> discard = new ArrayList<>();
        for (PackRecord p : concat(delete, rewrite)) {
            boolean late = protectedPacks.contains(p.pack()) || p.blobs().stream().anyMatch(b -> lateUsed.contains(b.id()));
            if (!late) {
                discard.add(p.pack());
            }
        }

        // 6. Delete: index files first (what they listed is in the new index or discarded), then the packs.
        for (String name : oldIndexFiles) {
            repository.deleteIndexFile(name);
        }
        for (String pack : discard) {
            repository.deletePack(pack);
        }
        repository.packsRewritten(written, discard);
        return result;
    }

    private void markUsed(String treeId, Set<String> used) {
        if (!used.add(treeId)) {
            return;
        }
        for (Node node : repository.loadTree(treeId).nodes()) {
            if (node.type() == NodeType.DIRECTORY) {
                markUsed(node.subtreeId(), used);
            } else if (node.type() == NodeType.FILE) {
                used.addAll(node.chunkIds());
            }
        }
    }

    private static List<PackRecord> concat(List<PackRecord> a, List<PackRecord> b) {
        List<PackRecord> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
