package dev.coffer.engine.check;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import dev.coffer.engine.blob.BlobType;
import dev.coffer.engine.crypto.AuthenticationException;
import dev.coffer.engine.crypto.Hashes;
import dev.coffer.engine.index.IndexEntry;
import dev.coffer.engine.index.PackRecord;
import dev.coffer.engine.pack.PackEntry;
import dev.coffer.engine.progress.Progress;
import dev.coffer.engine.repository.CorruptDataException;
import dev.coffer.engine.repository.Repository;
import dev.coffer.engine.repository.RepositoryLayout;
import dev.coffer.engine.snapshot.Node;
import dev.coffer.engine.snapshot.NodeType;
import dev.coffer.engine.snapshot.Snapshot;
import dev.coffer.engine.snapshot.Tree;

/**
 * Checks a repository. Structure: every index file readable, every indexed pack stored with the indexed size, every
 * snapshot readable, every tree of every snapshot readable and every blob they reference indexed. With
 * {@code readData} every pack is downloaded, its name checked against the SHA-256 of its bytes, and every blob
 * decrypted, authenticated and re-hashed to its id. Damaged or missing blobs are then traced to the files that use
 * them, named "snapshotShortId:/path". Read-only; safe to run during a backup (whose new packs it may not see).
 */
public final class Checker {

    private final Repository repository;
    private final Progress progress;

    public Checker(Repository repository, Progress progress) {
        this.repository = repository;
        this.progress = progress;
    }

    public CheckResult check(boolean readData) {
        List<String> errors = Collections.synchronizedList(new ArrayList<>(repository.openProblems()));
        Map<String, String> badBlobs = new ConcurrentHashMap<>(); // blob id -> where (pack or "index")

        Map<String, Long> stored = repository.storedPacks();
        List<PackRecord> packs = new ArrayList<>(repository.indexedPacks());
        packs.sort((a, b) -> a.pack().compareTo(b.pack()));
        for (PackRecord p : packs) {
            Long size = stored.get(p.pack());
            if (size == null) {
                errors.add("pack " + p.pack() + " is listed in the index but missing from the store");
                p.blobs().forEach(b -> badBlobs.putIfAbsent(b.id(), "missing pack " + p.pack()));
            } else if (size != p.size()) {
                errors.add("pack " + p.pack() + " has " + size + " bytes, the index says " + p.size());
            }
        }

        List<Snapshot> snapshots = new ArrayList<>();
        for (String id : repository.snapshotIds()) {
            try {
                snapshots.add(repository.loadSnapshot(id));
            } catch (RuntimeException ex) {
                errors.add("snapshot " + RepositoryLayout.snapshotObject(id) + ": " + ex.getMessage());
            }
        }
        Set<String> seenTrees = new HashSet<>();
        Map<String, String> badTrees = new HashMap<>(); // tree id -> why it cannot be read
        for (Snapshot s : snapshots) {
            checkTree(s.treeId(), seenTrees, badBlobs, badTrees, errors);
        }

        AtomicLong blobsChecked = new AtomicLong();
        if (readData) {
            packs.parallelStream().filter(p -> stored.containsKey(p.pack()))
                    .forEach(p -> readPack(p, badBlobs, errors, blobsChecked));
        }

        List<String> affected = new ArrayList<>();
        if (!badBlobs.isEmpty()) {
            Set<String> names = new TreeSet<>();
            for (Snapshot s : snapshots) {
                traceDamage(s, s.treeId(), "", badBlobs, badTrees, names, errors);
            }
            affected.addAll(names);
        }
        List<String> sorted = new ArrayList<>(errors);
        return new CheckResult(sorted, affected, packs.size(), blobsChecked.get());
    }

    private void checkTree(String treeId, Set<String> seen, Map<String, String> badBlobs, Map<String, String> badTrees,
                           List<String> errors) {
        if (!seen.add(treeId)) {
            return;
        }
        if (repository.lookup(treeId).isEmpty()) {
            errors.add("tree " + treeId + " is not in the index");
            badBlobs.putIfAbsent(treeId, "index");
            return;
        }
        Tree tree;
        try {
            tree = repository.loadTree(treeId);
        } catch (RuntimeException e) {
            boolean refused = e instanceof CorruptDataException && ((CorruptDataException) e).objectName().equals("tree " + treeId);
            errors.add(refused ? e.getMessage() : "tree " + treeId + ": " + e.getMessage()); // the former names the tree
            badBlobs.putIfAbsent(treeId, where(treeId));
            if (refused) {
                // Read and authenticated, but refused when decoded (an entry named "..", a name twice): written so
                // by a buggy or hostile machine. traceDamage names the snapshots and directories that hold it.
                badTrees.put(treeId, e.getMessage());
            }
            return;
        }
        for (Node node : tree.nodes()) {
            if (node.type() == NodeType.DIRECTORY) {
                checkTree(node.subtreeId(), seen, badBlobs, badTrees, errors);
            } else if (node.type() == NodeType.FILE) {
                for (String id : node.chunkIds()) {
                    if (repository.lookup(id).isEmpty() && badBlobs.putIfAbsent(id, "index") == null) {
                        errors.add("data blob " + id + " is not in the index");
                    }
                }
            }
        }
    }

    private void readPack(PackRecord p, Map<String, String> badBlobs, List<String> errors, AtomicLong blobsChecked) {
        byte[] bytes;
        try {
            bytes = repository.readPack(p.pack());
        } catch (RuntimeException e) {
            errors.add("pack " + p.pack() + ": cannot read: " + e.getMessage());
            p.blobs().forEach(b -> badBlobs.putIfAbsent(b.id(), "pack " + p.pack()));
            return;
        }
        if (!Hashes.sha256(bytes).equals(p.pack())) {
            errors.add("pack " + p.pack() + ": content does not match its name (SHA-256); it was modified");
        }
        for (PackEntry e : p.blobs()) {
            blobsChecked.incrementAndGet();
            try {
                if (e.offset() + (long) e.length() > bytes.length) {
                    throw new AuthenticationException("blob lies outside the pack");
                }
                byte[] plain = repository.codec().decode(e.type(), bytes, e.offset(), e.length(), e.id());
                if (!repository.hashes().blobId(plain).equals(e.id())) {
                    throw new AuthenticationException("content does not hash to its id");
                }
            } catch (RuntimeException ex) {
                errors.add("pack " + p.pack() + ": " + e.type() + " blob " + e.id() + " is damaged: " + ex.getMessage());
                badBlobs.putIfAbsent(e.id(), "pack " + p.pack());
            }
        }
        progress.bytesProcessed(bytes.length);
    }

    /** Names every file and directory (all snapshots, no shortcut over shared trees) that uses a damaged blob. */
    private void traceDamage(Snapshot s, String treeId, String prefix, Map<String, String> badBlobs,
                             Map<String, String> badTrees, Set<String> names, List<String> errors) {
        if (badBlobs.containsKey(treeId)) {
            String name = s.shortId() + ":" + (prefix.isEmpty() ? "/" : prefix);
            if (names.add(name)) {
                String why = badTrees.get(treeId);
                errors.add(why == null ? badBlobs.get(treeId) + ": damaged tree " + treeId + " holds " + name
                        : "snapshot " + s.shortId() + ", directory " + (prefix.isEmpty() ? "/" : prefix) + " is damaged: " + why);
            }
            return;
        }
        Tree tree;
        try {
            tree = repository.loadTree(treeId);
        } catch (RuntimeException e) {
            return;
        }
        for (Node node : tree.nodes()) {
            String path = prefix + "/" + node.name();
            if (node.type() == NodeType.DIRECTORY) {
                traceDamage(s, node.subtreeId(), path, badBlobs, badTrees, names, errors);
            } else if (node.type() == NodeType.FILE) {
                for (String id : node.chunkIds()) {
                    String where = badBlobs.get(id);
                    if (where != null) {
                        String name = s.shortId() + ":" + path;
                        if (names.add(name)) {
                            errors.add(where + ": damaged data blob " + id + " is used by " + name);
                        }
                        break;
                    }
                }
            }
        }
    }

    private String where(String blobId) {
        return repository.lookup(blobId).map(IndexEntry::pack).map(p -> "pack " + p).orElse("index");
    }
}
