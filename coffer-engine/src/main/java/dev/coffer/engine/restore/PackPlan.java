package dev.coffer.engine.restore;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.coffer.engine.index.IndexEntry;
import dev.coffer.engine.repository.Repository;

/**
 * Plans the reads of a set of files to restore (a "wave" of files that come one after the other in the snapshot) in
 * pack order: every chunk of every file is placed at its offset in its file (known from the tree's chunk sizes), the
 * chunks are grouped by the pack that holds them, and each pack's chunks become ranges of that pack read with one
 * store call each, merging gaps below {@link #MAX_GAP} and up to {@link #MAX_RANGE} bytes (a single larger blob is
 * read alone). A chunk that several files (or one file several times) hold is decoded once and written to each place.
 * So a pack is read once for all the files of the wave it holds, whichever order the backup packed them in: a backup
 * packs chunks as its threads finish them, so the files of different directories share packs, finely interleaved.
 *
 * <p>A file whose tree does not give its chunks' sizes (trees written before they were recorded) is restored in
 * order, chunk by chunk, as one job; a chunk missing from the index is a job of its own, which reports why it is
 * missing.
 */
final class PackPlan {

    /** Gaps between needed blobs smaller than this are read through rather than starting a new read. */
    static final int MAX_GAP = 64 << 10;
    /** Largest range read at once (a single larger blob is read alone). */
    static final int MAX_RANGE = 8 << 20;

    /** Where one chunk goes: a file, the offset in it and its plaintext length by the tree. */
    record Spot(RestoreFile file, long offset, long length) {
    }

    /** One blob to decode once and write to each of its spots; {@code entry} null when the index does not hold it. */
    record Blob(String id, IndexEntry entry, List<Spot> spots) {
    }

    /**
     * One restore thread's unit of work: the range {@code start}, {@code length} of {@code pack} and the blobs in it;
     * or, without a pack, the blobs read one by one, or ({@code inOrder}) a whole file restored in order.
     */
    record Job(String pack, long start, int length, List<Blob> blobs, RestoreFile inOrder) {
    }

    private record Placed(IndexEntry entry, Spot spot) {
    }

    private PackPlan() {
    }

    static List<Job> plan(Repository repository, List<RestoreFile> files) {
        List<Job> jobs = new ArrayList<>();
        Map<String, List<Placed>> byPack = new LinkedHashMap<>();
        for (RestoreFile f : files) {
            long[] offsets = f.node.chunkOffsets();
            List<String> ids = f.node.chunkIds();
            if (offsets == null) {
                jobs.add(new Job(null, 0, 0, List.of(), f));
                continue;
            }
            List<Integer> sizes = f.node.chunkSizes();
            for (int k = 0; k < ids.size(); k++) {
                String id = ids.get(k);
                Spot spot = new Spot(f, offsets[k], sizes.size() == ids.size() ? sizes.get(k) : f.node.size());
                IndexEntry e = repository.lookup(id).orElse(null);
                if (e == null) {
                    jobs.add(new Job(null, 0, 0, List.of(new Blob(id, null, List.of(spot))), null));
                } else {
                    byPack.computeIfAbsent(e.pack(), p -> new ArrayList<>()).add(new Placed(e, spot));
                }
            }
        }
        for (List<Placed> placed : byPack.values()) {
            placed.sort(Comparator.comparingInt((Placed p) -> p.entry().offset()));
            ranges(placed, jobs);
        }
        return jobs;
    }

    /** Cuts one pack's placed chunks, sorted by offset, into ranges. */
    private static void ranges(List<Placed> placed, List<Job> jobs) {
        List<Blob> blobs = new ArrayList<>();
        String pack = placed.get(0).entry().pack();
        long start = 0;
        long end = 0;
        for (int i = 0; i < placed.size(); i++) {
            IndexEntry e = placed.get(i).entry();
            List<Spot> spots = new ArrayList<>();
            spots.add(placed.get(i).spot());
            while (i + 1 < placed.size() && placed.get(i + 1).entry().id().equals(e.id())) {
                spots.add(placed.get(++i).spot());
            }
            long blobEnd = e.offset() + (long) e.length();
            if (!blobs.isEmpty() && (e.offset() - end >= MAX_GAP || Math.max(end, blobEnd) - start > MAX_RANGE)) {
                jobs.add(new Job(pack, start, (int) (end - start), blobs, null));
                blobs = new ArrayList<>();
            }
            if (blobs.isEmpty()) {
                start = e.offset();
                end = blobEnd;
            }
            end = Math.max(end, blobEnd);
            blobs.add(new Blob(e.id(), e, spots));
        }
        jobs.add(new Job(pack, start, (int) (end - start), blobs, null));
    }
}
