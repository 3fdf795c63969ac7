package dev.coffer.engine.archive;

import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import dev.coffer.engine.blob.BufferPool;
import dev.coffer.engine.index.PackRecord;
import dev.coffer.engine.pack.Pack;
import dev.coffer.engine.pack.Packer;
import dev.coffer.engine.progress.Progress;
import dev.coffer.engine.repository.Repository;
import dev.coffer.engine.snapshot.Snapshot;

/**
 * The backup pipeline, in stages wired here (as restic's archiver): the {@link Scanner} walks the paths depth-first on
 * the calling thread and applies the files cache; the {@link FileSaver} reads regular files on {@code N} file workers,
 * which read large blocks through a {@link FileChannel}, cut chunks, hash them and ask the {@link Deduplicator}
 * (index and the chunks already queued in this run); the {@link BlobSaver} encodes only new chunks (zstd + AES-GCM,
 * in one reused buffer per encoding thread, on {@code N} encoders) into the {@link Packer}, which writes them straight
 * into the store's pending pack objects (temporary files) and commits full packs on its committer threads; the
 * {@link TreeSaver} saves each directory's tree once every file in it is done, and {@link ParentTrees} loads the
 * parent snapshot's trees one level ahead. The counters live in {@link BackupStats}.
 *
 * <p>Every queue is bounded and a full queue makes the submitting thread do the work itself, so nothing piles up.
 * Memory held is therefore bounded independently of the data size by roughly
 * <pre>
 *   (N + 1) × 2 × maxChunk             read buffers of the file workers (and of the scanner when it helps out)
 * + (4N + 1) × 1.25 × maxChunk        copies of chunks waiting for or inside encoders (2N queued, N encoding, and
 *                                     one in each of the N + 1 reading threads when it encodes itself)
 * + (2N + 1) × 1.25 × maxChunk        encoding buffers of the threads encoding at once
 * + 4 × maxChunk + 16 MiB             idle recycled chunk copies and encoding buffers
 * </pre>
 * which with the defaults (N = 2, 4 MiB max chunk) is about 125 MiB in the worst case and 50-70 MiB for typical data
 * (1 MiB average chunks); plus the index (about 55 bytes per blob) and the trees of directories still open. No pack
 * is held in memory: open and committing packs are files of the store ({@code .tmp~} of a local repository,
 * {@code java.io.tmpdir} for S3): one open pack per blob type and the few being committed.
 *
 * <p>Crash safety: packs are complete objects (the store's commit is atomic); index files are written only after the packs
 * they list were uploaded (every {@value #INDEX_EVERY_PACKS} packs and at the end); the snapshot is written last. A run
 * interrupted at any point therefore leaves only complete packs and correct index files, and the next run reuses every
 * pack it finds (see {@link Repository#open}). Before the snapshot is written, every pack this run deduplicated
 * against must still be stored (a concurrent prune may have removed it; see {@link Deduplicator}).
 */
public final class Archiver {

    static final int INDEX_EVERY_PACKS = 16;

    private final Repository repository;
    private final BackupOptions options;
    private final Progress progress;
    private final FileMetadata metadata = new FileMetadata();
    private final Excludes excludes;

    public Archiver(Repository repository, BackupOptions options, Progress progress) {
        this.repository = repository;
        this.options = options;
        this.progress = progress;
        this.excludes = new Excludes(options.excludes());
    }

    /** Backs the paths up and returns the saved snapshot. Unreadable files are reported to Progress and skipped. */
    public Snapshot backup(List<Path> paths) {
        if (paths.isEmpty()) {
            throw new IllegalArgumentException("paths: give at least one path to back up");
        }
        Instant start = Instant.now();
        PathTrie roots = new PathTrie();
        List<String> snapshotPaths = new ArrayList<>();
        for (Path p : paths) {
            Path abs = p.toAbsolutePath().normalize();
            if (!Files.exists(abs, LinkOption.NOFOLLOW_LINKS)) {
                throw new IllegalArgumentException("paths: " + p + " does not exist");
            }
            roots.add(abs);
        }
        roots.collect("", snapshotPaths);
        Collections.sort(snapshotPaths);
        Snapshot parent = findParent(snapshotPaths);

        int n = options.threads() == 0 ? Runtime.getRuntime().availableProcessors() : options.threads();
        int maxChunk = repository.chunker().maxSize();
        FirstFailure failure = new FirstFailure();
        BackupStats stats = new BackupStats();
        ThreadPoolExecutor fileWorkers = pool(n, "coffer-file");
        ThreadPoolExecutor encoders = pool(n, "coffer-encode");
        Packer packer = repository.newPacker(2, this::packStored);
        Deduplicator dedup = new Deduplicator(repository::lookup);
        BlobSaver blobs = new BlobSaver(repository.codec(), packer::add, encoders, new BufferPool(maxChunk, 4L * maxChunk),
                stats, failure);
        FileSaver files = new FileSaver(repository.chunker(), repository.hashes(), dedup, blobs, fileWorkers, stats, progress,
                failure);
        TreeSaver trees = new TreeSaver(repository.hashes(), repository.codec(), packer::add, dedup, stats);
        ParentTrees parents = new ParentTrees(repository, fileWorkers);
        Scanner scanner = new Scanner(metadata, excludes, parents, files, trees, dedup, stats, progress, failure);
        String marker = "";
        try {
            marker = repository.startBackupMarker(start);
            String treeId = scanner.scan(roots, parent == null ? null : parents.load(parent.treeId()));
            progress.scanFinished(stats.totalFiles(), stats.totalBytes());
            failure.awaitShutdown(fileWorkers);
            failure.awaitShutdown(encoders);
            failure.rethrow();
            packer.flush();
            repository.writePendingIndex();
            dedup.checkReusedPacksExist(() -> repository.storedPacks().keySet());
            Snapshot snapshot = new Snapshot("", start, Instant.now(), options.hostname(), System.getProperty("user.name", ""),
                    snapshotPaths, options.tags(), treeId, parent == null ? "" : parent.id(), stats.summary());
            return repository.saveSnapshot(snapshot);
        } catch (RuntimeException e) {
            // Report the cause (a store failure, say), not the "aborted" of the threads that stopped because of it.
            Throwable first = failure.get();
            if (first != null && first != e) {
                RuntimeException cause = FirstFailure.asRuntime(first);
                cause.addSuppressed(e);
                throw cause;
            }
            throw e;
        } finally {
            fileWorkers.shutdownNow();
            encoders.shutdownNow();
            packer.abort();
            try {
                if (!marker.isEmpty()) {
                    repository.endBackupMarker(marker);
                }
            } catch (RuntimeException e) {
                // An expired marker only makes prune keep a few more packs for a while.
            }
        }
    }

    private Snapshot findParent(List<String> snapshotPaths) {
        if (options.parent().isPresent()) {
            return repository.findSnapshot(options.parent().get());
        }
        Snapshot latest = null;
        for (Snapshot s : repository.snapshots()) {
            if (s.hostname().equals(options.hostname()) && s.paths().equals(snapshotPaths)) {
                latest = s;
            }
        }
        return latest;
    }

    /** Called on a committer thread once a pack is stored: only now may the index name it. */
    private void packStored(Pack pack) {
        repository.packUploaded(new PackRecord(pack.name(), pack.size(), pack.entries()));
        if (repository.pendingPacks() >= INDEX_EVERY_PACKS) {
            repository.writePendingIndex();
        }
    }

    private static ThreadPoolExecutor pool(int n, String name) {
        return new ThreadPoolExecutor(n, n, 1, TimeUnit.MINUTES, new ArrayBlockingQueue<>(2 * n), r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        }, new ThreadPoolExecutor.CallerRunsPolicy());
    }
}
