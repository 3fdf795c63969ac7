package dev.coffer.engine.archive;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.function.Supplier;

import dev.coffer.engine.progress.Progress;
import dev.coffer.engine.snapshot.Node;
import dev.coffer.engine.snapshot.NodeType;

/**
 * Walks the paths depth-first on the calling thread: reads metadata, applies the excludes, decides per regular file
 * whether the files cache keeps it (no read) or the {@link FileSaver} reads it, and hands each directory to the
 * {@link TreeSaver} once its entries are scanned. Unreadable entries are reported to {@link Progress} and skipped.
 *
 * <p>Files cache: a file whose size, mtime, ctime and inode equal those recorded for the same path in the parent
 * snapshot keeps that snapshot's chunk list and is not read. It is decided here: handing tens of thousands of
 * unchanged files to the workers cost more than this.
 */
final class Scanner {

    private final FileMetadata metadata;
    private final Excludes excludes;
    private final ParentTrees parents;
    private final FileSaver files;
    private final TreeSaver trees;
    private final Deduplicator dedup;
    private final BackupStats stats;
    private final Progress progress;
    private final FirstFailure failure;

    Scanner(FileMetadata metadata, Excludes excludes, ParentTrees parents, FileSaver files, TreeSaver trees,
            Deduplicator dedup, BackupStats stats, Progress progress, FirstFailure failure) {
        this.metadata = metadata;
        this.excludes = excludes;
        this.parents = parents;
        this.files = files;
        this.trees = trees;
        this.dedup = dedup;
        this.stats = stats;
        this.progress = progress;
        this.failure = failure;
    }

    /** Scans the roots and saves every tree; returns the root tree's id. {@code parentRoot}: the parent's root, or null. */
    String scan(PathTrie roots, ParentTrees.ParentTree parentRoot) {
        Map<String, Node> parentNodes = parentRoot == null ? Map.of() : parentRoot.byName();
        List<Supplier<Node>> children = new ArrayList<>();
        if (roots.whole) {
            // Backing up "/" itself: the root tree is the listing of "/".
            for (Entry entry : list(Path.of("/"))) {
                children.add(scanEntry(entry.path(), entry.name(), parentNodes.get(entry.name()), null));
            }
        }
        for (Map.Entry<String, PathTrie> e : roots.children.entrySet()) {
            Path path = Path.of("/").resolve(e.getKey());
            children.add(scanEntry(path, e.getKey(), parentNodes.get(e.getKey()), e.getValue()));
        }
        trees.drainAll();
        return trees.save(children, parentRoot);
    }

    /** Returns a supplier of the finished node, or null when the entry is skipped. */
    private Supplier<Node> scanEntry(Path path, String name, Node old, PathTrie trie) {
        failure.rethrow();
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
                stats.symlinkScanned();
                return () -> meta;
            default:
                stats.fileScanned(meta.size());
                progress.scanned(stats.totalFiles(), stats.totalBytes());
                Node unchanged = unchanged(path, meta, old);
                if (unchanged != null) {
                    return () -> unchanged;
                }
                Future<Node> f = files.save(path, meta, old);
                return new PendingDirectory.PendingFile() {
                    @Override
                    public boolean isDone() {
                        return f.isDone();
                    }

                    @Override
                    public Node get() {
                        return FirstFailure.await(f);
                    }
                };
        }
    }

    private Supplier<Node> scanDirectory(Path dir, Node meta, Node old, PathTrie trie) {
        stats.directoryScanned();
        ParentTrees.ParentTree oldTree = parents.of(old);
        Map<String, Node> oldChildren = oldTree == null ? Map.of() : oldTree.byName();
        List<Supplier<Node>> children = new ArrayList<>();
        if (trie != null) {
            for (Map.Entry<String, PathTrie> e : trie.children.entrySet()) {
                children.add(scanEntry(dir.resolve(e.getKey()), e.getKey(), oldChildren.get(e.getKey()), e.getValue()));
            }
        } else {
            for (Entry entry : list(dir)) {
                children.add(scanEntry(entry.path(), entry.name(), oldChildren.get(entry.name()), null));
            }
        }
        PendingDirectory job = new PendingDirectory(meta, children, oldTree);
        trees.scanned(job);
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
                if (!excludes.excluded(p)) {
                    entries.add(new Entry(p.getFileName().toString(), p));
                }
            }
        } catch (IOException e) {
            progress.warning(dir.toString(), "cannot list directory: " + e);
        }
        entries.sort(Comparator.comparing(Entry::name));
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

    /**
     * The files cache: returns the file's node with the parent snapshot's chunk list when size, mtime, ctime and inode
     * are unchanged and every chunk is still in the index; null when the file must be read.
     */
    private Node unchanged(Path path, Node meta, Node old) {
        if (old == null || old.type() != NodeType.FILE || old.size() != meta.size() || !old.mtime().equals(meta.mtime())
                || !old.ctime().equals(meta.ctime()) || old.inode() != meta.inode()) {
            return null;
        }
        if (!old.chunkOffsetsKnown()) {
            return null; // from a tree without chunk sizes: read it once more to record them, for the restore
        }
        if (!dedup.reuseAll(old.chunkIds())) {
            return null; // a chunk was pruned since: read the file again
        }
        String name = path.toString();
        progress.fileStarted(name);
        stats.fileUnmodified();
        progress.bytesProcessed(meta.size());
        progress.fileFinished(name, meta.size());
        return meta.withChunks(old.chunkIds(), old.chunkSizes(), meta.size());
    }
}
