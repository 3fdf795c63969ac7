package dev.coffer.engine.archive;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import dev.coffer.engine.blob.BlobType;
import dev.coffer.engine.blob.BufferPool;
import dev.coffer.engine.index.IndexEntry;
import dev.coffer.engine.index.PackRecord;
import dev.coffer.engine.json.Json;
import dev.coffer.engine.pack.Pack;
import dev.coffer.engine.pack.Packer;
import dev.coffer.engine.progress.Progress;
import dev.coffer.engine.repository.Repository;
import dev.coffer.engine.snapshot.Node;
import dev.coffer.engine.snapshot.NodeType;
import dev.coffer.engine.snapshot.Snapshot;
import dev.coffer.engine.snapshot.SnapshotSummary;
import dev.coffer.engine.snapshot.Tree;

/**
 * The backup pipeline. The calling thread scans the paths depth-first and, per directory, builds its tree once every
 * file in it is done. Regular files go to {@code N} file workers, which read large blocks through a
 * {@link FileChannel}, cut chunks, hash them and look them up in the index and in the set of chunks already queued in
 * this run; only new chunks go on to {@code N} encoders (zstd + AES-GCM, in one reused buffer per encoding thread)
 * and into the {@link Packer}, which writes them straight into the store's pending pack objects (temporary files) and
 * commits full packs on its committer threads. Every queue is bounded and a full queue makes the submitting thread do
 * the work itself, so nothing piles up. Memory held is therefore bounded independently of the data size by roughly
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
 * pack it finds (see {@link Repository#open}).
 *
 * <p>Files cache: a file whose size, mtime, ctime and inode equal those recorded for the same path in the parent
 * snapshot keeps that snapshot's chunk list and is not read.
 */
public final class Archiver {

    static final int INDEX_EVERY_PACKS = 16;
    /** Chunks shorter than this are encoded by the file worker that cut them (see processFile). */
    static final int INLINE_ENCODE_BELOW = 256 * 1024;
    private static final int MAX_FINISHED_DIRS = 2_000;

    private final Repository repository;
    private final BackupOptions options;
    private final Progress progress;
    private final FileMetadata metadata = new FileMetadata();
    private final List<PathMatcher> excludes = new ArrayList<>();
    private final List<Boolean> excludeByName = new ArrayList<>();

    private final Set<String> queued = ConcurrentHashMap.newKeySet();
    /**
     * Arrays for the copies of chunks on their way to an encoder, recycled: they would otherwise be most of the garbage
     * of a backup (all its new data), and at megabytes each would go straight to the old generation.
     */
    private BufferPool chunkCopies;
    /** Packs written before this run that hold blobs this snapshot uses: they must still exist at the end. */
    private final Set<String> reusedPacks = ConcurrentHashMap.newKeySet();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final AtomicLong filesNew = new AtomicLong();
    private final AtomicLong filesChanged = new AtomicLong();
    private final AtomicLong filesUnmodified = new AtomicLong();
    private final AtomicLong dirs = new AtomicLong();
    private final AtomicLong bytesProcessed = new AtomicLong();
    private final AtomicLong bytesAdded = new AtomicLong();
    private final AtomicLong totalFiles = new AtomicLong();
    private final AtomicLong symlinks = new AtomicLong();
    private final AtomicLong totalBytes = new AtomicLong();

    private ThreadPoolExecutor fileWorkers;
    private ThreadPoolExecutor encoders;
    private Packer packer;
    private ThreadLocal<byte[]> buffers;
    private final Deque<DirJob> finished = new ArrayDeque<>();
    private final Map<String, CompletableFuture<List<Node>>> prefetched = new java.util.HashMap<>();

    public Archiver(Repository repository, BackupOptions options, Progress progress) {
        this.repository = repository;
        this.options = options;
        this.progress = progress;
        for (String glob : options.excludes()) {
            excludes.add(FileSystems.getDefault().getPathMatcher("glob:" + glob));
            excludeByName.add(!glob.contains("/"));
        }
    }

    /** Backs the paths up and returns the saved snapshot. Unreadable files are reported to Progress and skipped. */
    public Snapshot backup(List<Path> paths) {
        if (paths.isEmpty()) {
            throw new IllegalArgumentException("paths: give at least one path to back up");
        }
        Instant start = Instant.now();
        Trie roots = new Trie();
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
        buffers = ThreadLocal.withInitial(() -> new byte[2 * maxChunk]);
        fileWorkers = pool(n, "coffer-file");
        encoders = pool(n, "coffer-encode");
        chunkCopies = new BufferPool(maxChunk, 4L * maxChunk);
        packer = new Packer(repository.store(), repository.codec(), repository.config().packSize(), 2, this::packStored);
        String marker = "";
        try {
            marker = repository.startBackupMarker(start);
            ParentTree parentTree = parent == null ? null : parentTree(parent.treeId());
            Map<String, Node> parentRoot = parentTree == null ? Map.of() : parentTree.byName();
            List<Supplier<Node>> children = new ArrayList<>();
            if (roots.whole) {
                // Backing up "/" itself: the root tree is the listing of "/".
                for (Entry entry : list(Path.of("/"))) {
                    children.add(scanEntry(entry.path(), entry.name(), parentRoot.get(entry.name()), null));
                }
            }
            for (Map.Entry<String, Trie> e : roots.children.entrySet()) {
                Path path = Path.of("/").resolve(e.getKey());
                children.add(scanEntry(path, e.getKey(), parentRoot.get(e.getKey()), e.getValue()));
            }
            drain(true);
            String treeId = saveTree(resolve(children), parentTree);
            progress.scanFinished(totalFiles.get(), totalBytes.get());
            shutdown(fileWorkers);
            shutdown(encoders);
            checkFailure();
            packer.flush();
            repository.writePendingIndex();
            checkReusedPacksExist();
            SnapshotSummary summary = new SnapshotSummary(filesNew.get(), filesChanged.get(), filesUnmodified.get(), dirs.get(),
                    bytesProcessed.get(), bytesAdded.get(), totalFiles.get(), totalBytes.get(), symlinks.get());
            Snapshot snapshot = new Snapshot("", start, Instant.now(), options.hostname(), System.getProperty("user.name", ""),
                    snapshotPaths, options.tags(), treeId, parent == null ? "" : parent.id(), summary);
            return repository.saveSnapshot(snapshot);
        } catch (RuntimeException e) {
            // Report the cause (a store failure, say), not the "aborted" of the threads that stopped because of it.
            Throwable first = failure.get();
            if (first != null && first != e) {
                RuntimeException cause = asRuntime(first);
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

    /**
     * A prune running at the same time may have judged a blob unused that this run deduplicated against (content that
     * reappeared). The snapshot must then not be written: it would reference lost data. Failing is safe, since the
     * rerun sees the blob missing from the index and uploads it again.
     */
    private void checkReusedPacksExist() {
        if (reusedPacks.isEmpty()) {
            return;
        }
        Set<String> stored = new java.util.HashSet<>();
        repository.store().list("data/").forEach(e -> stored.add(Pack.packName(e.name())));
        long missing = reusedPacks.stream().filter(p -> !stored.contains(p)).count();
        if (missing > 0) {
            throw new dev.coffer.engine.repository.RepositoryException("a prune running at the same time removed " + missing
                    + " pack(s) holding data this backup reuses; no snapshot was written and nothing was lost: run the backup again");
        }
    }

    /**
     * Whether the blob is stored already; if so, its pack is recorded as one this snapshot reuses. One index lookup
     * answers both, on the per-chunk path.
     */
    private boolean reuse(String blobId) {
        IndexEntry e = repository.index().lookup(blobId).orElse(null);
        if (e == null) {
            return false;
        }
        reusedPacks.add(e.pack());
        return true;
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

    // ---- scanning (calling thread) ---------------------------------------------------------------------------------

    /** Returns a supplier of the finished node, or null when the entry is skipped. */
    private Supplier<Node> scanEntry(Path path, String name, Node old, Trie trie) {
        checkFailure();
        Node meta;
        try {
            meta = metadata.read(path, name);
        } catch (IOException e) {
            progress.warning(path.toString(), "cannot read metadata: " + e);
            return null;
        }
        if (meta == null) {
            progress.warning(path.toString(), "skipped: not a regular file, directory or symlink");
            return null;
        }
        if (trie != null && !trie.children.isEmpty() && meta.type() == NodeType.DIRECTORY) {
            return scanDirectory(path, meta, old, trie);
        }
        switch (meta.type()) {
            case DIRECTORY:
                return scanDirectory(path, meta, old, null);
            case SYMLINK:
                symlinks.incrementAndGet();
                return () -> meta;
            default:
                totalFiles.incrementAndGet();
                totalBytes.addAndGet(meta.size());
                progress.scanned(totalFiles.get(), totalBytes.get());
                Node unchanged = unchanged(path, meta, old);
                if (unchanged != null) {
                    // Decided here: handing tens of thousands of unchanged files to the workers cost more than this.
                    return () -> unchanged;
                }
                Future<Node> f = submitFile(path, meta, old);
                return new FutureSupplier() {
                    @Override
                    public boolean isDone() {
                        return f.isDone();
                    }

                    @Override
                    public Node get() {
                        return Archiver.this.get(f);
                    }
                };
        }
    }

    private Supplier<Node> scanDirectory(Path dir, Node meta, Node old, Trie trie) {
        dirs.incrementAndGet();
        ParentTree oldTree = old != null && old.type() == NodeType.DIRECTORY && !old.subtreeId().isEmpty()
                ? parentTree(old.subtreeId()) : null;
        Map<String, Node> oldChildren = oldTree == null ? Map.of() : oldTree.byName();
        List<Supplier<Node>> children = new ArrayList<>();
        if (trie != null) {
            for (Map.Entry<String, Trie> e : trie.children.entrySet()) {
                children.add(scanEntry(dir.resolve(e.getKey()), e.getKey(), oldChildren.get(e.getKey()), e.getValue()));
            }
        } else {
            for (Entry entry : list(dir)) {
                children.add(scanEntry(entry.path(), entry.name(), oldChildren.get(entry.name()), null));
            }
        }
        DirJob job = new DirJob(meta, children, oldTree);
        finished.add(job);
        drain(false);
        return job::node;
    }

    /** A directory entry: its name (computed once, sorting compares it often) and path. */
    private record Entry(String name, Path path) {
    }

    /** The directory's entries that are not excluded, sorted by name; a warning and none when unreadable. */
    private List<Entry> list(Path dir) {
        List<Entry> entries = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
            for (Path p : stream) {
                if (!excluded(p)) {
                    entries.add(new Entry(p.getFileName().toString(), p));
                }
            }
        } catch (IOException e) {
            progress.warning(dir.toString(), "cannot list directory: " + e);
        }
        entries.sort(java.util.Comparator.comparing(Entry::name));
        // Two names that differ only in bytes the platform charset cannot decode read as the same name; a tree may
        // hold a name once (Tree), so the second is skipped and reported.
        for (int i = entries.size() - 1; i > 0; i--) {
            if (entries.get(i).name().equals(entries.get(i - 1).name())) {
                progress.warning(entries.get(i).path().toString(), "skipped: its name reads the same as another's in "
                        + dir + " (undecodable bytes in the name?)");
                entries.remove(i);
            }
        }
        return entries;
    }

    /** Saves the trees of finished directories, oldest first, as soon as all their files are done. */
    private void drain(boolean all) {
        while (!finished.isEmpty()) {
            DirJob head = finished.peek();
            if (!all && !head.ready() && finished.size() < MAX_FINISHED_DIRS) {
                return;
            }
            head.subtreeId = saveTree(resolve(head.children), head.oldTree);
            finished.poll();
        }
    }

    private List<Node> resolve(List<Supplier<Node>> children) {
        List<Node> nodes = new ArrayList<>(children.size());
        for (Supplier<Node> s : children) {
            Node node = s == null ? null : s.get();
            if (node != null) {
                nodes.add(node);
            }
        }
        return nodes;
    }

    /**
     * Saves a directory's tree, unless it equals the parent snapshot's tree of that directory (nothing in it changed):
     * the same nodes serialize to the same tree, so its id is reused without serializing and hashing it again, which
     * was a third of an unchanged backup's scan.
     */
    private String saveTree(List<Node> nodes, ParentTree old) {
        if (old != null && nodes.equals(old.nodes()) && reuse(old.id())) {
            return old.id();
        }
        return saveTree(nodes);
    }

    private String saveTree(List<Node> nodes) {
        byte[] json = Json.write(new Tree(nodes));
        String id = repository.hashes().blobId(json);
        if (!reuse(id) && queued.add(id)) {
            byte[] encoded = repository.codec().encode(BlobType.TREE, json, id);
            bytesAdded.addAndGet(encoded.length);
            packer.add(id, BlobType.TREE, encoded);
        }
        return id;
    }

    private boolean excluded(Path p) {
        for (int i = 0; i < excludes.size(); i++) {
            Path subject = excludeByName.get(i) ? p.getFileName() : p;
            if (excludes.get(i).matches(subject)) {
                return true;
            }
        }
        return false;
    }

    /** One directory's tree in the parent snapshot: its id, its nodes in order, and the nodes by name. */
    private record ParentTree(String id, List<Node> nodes, Map<String, Node> byName) {
    }

    /**
     * Loads one directory's tree of the parent snapshot. Loading a tree (read, decrypt, parse) is the scan's largest
     * cost besides stat calls, so when a tree is used the trees of its subdirectories are loaded in the background,
     * one level ahead of the depth-first scan: they are held only until their directory is scanned.
     */
    private ParentTree parentTree(String treeId) {
        CompletableFuture<List<Node>> ahead = prefetched.remove(treeId);
        List<Node> nodes = ahead != null ? get(ahead) : repository.loadTree(treeId).nodes();
        Map<String, Node> map = new java.util.HashMap<>();
        for (Node node : nodes) {
            map.put(node.name(), node);
            if (node.type() == NodeType.DIRECTORY && !node.subtreeId().isEmpty()) {
                prefetched.computeIfAbsent(node.subtreeId(),
                        id -> CompletableFuture.supplyAsync(() -> repository.loadTree(id).nodes(), fileWorkers));
            }
        }
        return new ParentTree(treeId, nodes, map);
    }

    // ---- files (file workers) --------------------------------------------------------------------------------------

    private Future<Node> submitFile(Path path, Node meta, Node old) {
        CompletableFuture<Node> result = new CompletableFuture<>();
        fileWorkers.execute(() -> {
            try {
                result.complete(processFile(path, meta, old));
            } catch (Throwable t) {
                failure.compareAndSet(null, t);
                result.completeExceptionally(t);
            }
        });
        return result;
    }

    private Node processFile(Path path, Node meta, Node old) {
        if (failure.get() != null) {
            throw new IllegalStateException("backup aborted");
        }
        String name = path.toString();
        progress.fileStarted(name);
        List<String> ids = new ArrayList<>();
        long size;
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            size = repository.chunker().split(channel, buffers.get(), (buf, off, len) -> {
                String id = repository.hashes().blobId(buf, off, len);
                ids.add(id);
                bytesProcessed.addAndGet(len);
                progress.bytesProcessed(len);
                if (!reuse(id) && queued.add(id)) {
                    if (len < INLINE_ENCODE_BELOW) {
                        // Small chunks (small files, ends of files) are encoded right here: handing each to an
                        // encoder thread cost more in wake-ups than encoding it, and file workers keep every core busy.
                        encode(id, buf, off, len);
                    } else {
                        // the one copy per new chunk: buf is refilled while encoders work
                        byte[] plain = chunkCopies.take(len);
                        System.arraycopy(buf, off, plain, 0, len);
                        encoders.execute(() -> {
                            try {
                                encode(id, plain, 0, len);
                            } finally {
                                chunkCopies.give(plain);
                            }
                        });
                    }
                }
            });
        } catch (IOException e) {
            progress.warning(name, "cannot read file, skipped: " + e);
            return null;
        }
        (old == null ? filesNew : filesChanged).incrementAndGet();
        progress.fileFinished(name, size);
        Node node = meta.withChunks(ids);
        return size == meta.size() ? node : new Node(node.name(), node.type(), size, node.mode(), node.mtime(), node.ctime(),
                node.user(), node.group(), node.uid(), node.gid(), node.inode(), node.device(), node.links(), node.linkTarget(),
                ids, node.subtreeId());
    }

    /**
     * The files cache: a file whose size, mtime, ctime and inode equal those of the same path in the parent snapshot
     * keeps that snapshot's chunk list (when every chunk is still in the index) and is not read. Returns the node then,
     * and null when the file must be read.
     */
    private Node unchanged(Path path, Node meta, Node old) {
        if (old == null || old.type() != NodeType.FILE || old.size() != meta.size() || !old.mtime().equals(meta.mtime())
                || !old.ctime().equals(meta.ctime()) || old.inode() != meta.inode()) {
            return null;
        }
        List<String> packs = new ArrayList<>(old.chunkIds().size());
        for (String id : old.chunkIds()) {
            IndexEntry e = repository.index().lookup(id).orElse(null);
            if (e == null) {
                return null; // a chunk was pruned since: read the file again
            }
            packs.add(e.pack());
        }
        reusedPacks.addAll(packs);
        String name = path.toString();
        progress.fileStarted(name);
        filesUnmodified.incrementAndGet();
        progress.bytesProcessed(meta.size());
        progress.fileFinished(name, meta.size());
        return meta.withChunks(old.chunkIds());
    }

    private void encode(String id, byte[] plain, int plainOff, int len) {
        try {
            if (failure.get() != null) {
                return;
            }
            repository.codec().encode(BlobType.DATA, plain, plainOff, len, id, (encoded, off, n) -> {
                bytesAdded.addAndGet(n);
                packer.add(id, BlobType.DATA, encoded, off, n);
            });
        } catch (Throwable t) {
            failure.compareAndSet(null, t);
        }
    }

    // ---- stored packs (committer threads) ---------------------------------------------------------------------------

    /** Called once a pack is stored: only now may the index name it. */
    private void packStored(Pack pack) {
        repository.packUploaded(new PackRecord(pack.name(), pack.size(), pack.entries()));
        if (repository.pendingPacks() >= INDEX_EVERY_PACKS) {
            repository.writePendingIndex();
        }
    }

    // ---- plumbing --------------------------------------------------------------------------------------------------

    private static ThreadPoolExecutor pool(int n, String name) {
        return new ThreadPoolExecutor(n, n, 1, TimeUnit.MINUTES, new ArrayBlockingQueue<>(2 * n), r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        }, new ThreadPoolExecutor.CallerRunsPolicy());
    }

    private void shutdown(ExecutorService pool) {
        pool.shutdown();
        try {
            while (!pool.awaitTermination(1, TimeUnit.SECONDS)) {
                checkFailure();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("backup interrupted", e);
        }
    }

    private void checkFailure() {
        Throwable t = failure.get();
        if (t != null) {
            throw asRuntime(t);
        }
    }

    private <T> T get(Future<T> f) {
        try {
            return f.get();
        } catch (ExecutionException e) {
            throw asRuntime(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("backup interrupted", e);
        }
    }

    private static RuntimeException asRuntime(Throwable t) {
        if (t instanceof RuntimeException) {
            return (RuntimeException) t;
        }
        if (t instanceof Error) {
            throw (Error) t;
        }
        return new IllegalStateException(t);
    }

    /** A directory whose entries are all scanned; its tree is saved once its files are done. */
    private static final class DirJob {
        final Node meta;
        final List<Supplier<Node>> children;
        final ParentTree oldTree;
        volatile String subtreeId;

        DirJob(Node meta, List<Supplier<Node>> children, ParentTree oldTree) {
            this.meta = meta;
            this.children = children;
            this.oldTree = oldTree;
        }

        boolean ready() {
            // Children that are files report done through their futures; checking by resolving would block.
            for (Supplier<Node> s : children) {
                if (s instanceof FutureSupplier && !((FutureSupplier) s).isDone()) {
                    return false;
                }
            }
            return true;
        }

        Node node() {
            if (subtreeId == null) {
                throw new IllegalStateException("tree of " + meta.name() + " not saved yet");
            }
            return meta.withSubtree(subtreeId);
        }
    }

    private interface FutureSupplier extends Supplier<Node> {
        boolean isDone();
    }

    /** The paths to back up as a tree of names, so that "/home/a" and "/home/b" share the node "home". */
    private static final class Trie {
        final Map<String, Trie> children = new TreeMap<>();
        boolean whole;

        void add(Path abs) {
            Trie t = this;
            for (Path part : abs) {
                if (t.whole) {
                    return;
                }
                t = t.children.computeIfAbsent(part.toString(), k -> new Trie());
            }
            t.whole = true;
            t.children.clear();
        }

        void collect(String prefix, List<String> out) {
            if (whole) {
                out.add(prefix.isEmpty() ? "/" : prefix);
                return;
            }
            children.forEach((name, child) -> child.collect(prefix + "/" + name, out));
        }
    }
}
