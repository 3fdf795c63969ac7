package dev.coffer.engine.testing;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.coffer.engine.blob.BlobType;
import dev.coffer.engine.index.PackRecord;
import dev.coffer.engine.json.Json;
import dev.coffer.engine.pack.Packer;
import dev.coffer.engine.repository.Repository;
import dev.coffer.engine.snapshot.Snapshot;
import dev.coffer.engine.snapshot.SnapshotSummary;

/**
 * Writes snapshots whose trees a backup would never write (entries named "..", "a/b", a name twice...), the way a
 * compromised machine holding the repository key could: the tree JSON is built here as plain maps, so neither
 * {@code Node} nor {@code Tree} checks it, and stored as authentic, encrypted tree blobs. What reads the snapshot must
 * refuse it. Entries are kept in the order given (a hostile tree need not be sorted).
 */
public final class HostileTrees {

    /** A fixed mtime for every entry: a test compares the times of what lies outside the target. */
    public static final Instant MTIME = Instant.parse("2021-06-01T12:00:00Z");

    private final Repository repository;
    private Packer packer;

    public HostileTrees(Repository repository) {
        this.repository = repository;
        this.packer = newPacker();
    }

    private Packer newPacker() {
        return repository.newPacker(1, pack -> repository.packUploaded(new PackRecord(pack.name(), pack.size(), pack.entries())));
    }

    /** A regular file entry holding {@code content} in one chunk. */
    public Map<String, Object> file(String name, String content, int mode) {
        byte[] data = content.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        String id = repository.hashes().blobId(data);
        packer.add(id, BlobType.DATA, repository.codec().encode(BlobType.DATA, data, id));
        Map<String, Object> node = node(name, "FILE", mode);
        node.put("size", data.length);
        node.put("chunkIds", List.of(id));
        return node;
    }

    /**
     * A regular file entry of several chunks, one per string of {@code chunks}; with {@code sizes} as the tree's chunk
     * sizes (whatever they are), or without (null) as trees written before chunk sizes were recorded.
     */
    public Map<String, Object> file(String name, List<String> chunks, List<Integer> sizes, int mode) {
        List<String> ids = new ArrayList<>();
        long size = 0;
        for (String chunk : chunks) {
            byte[] data = chunk.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            String id = repository.hashes().blobId(data);
            if (!ids.contains(id)) {
                packer.add(id, BlobType.DATA, repository.codec().encode(BlobType.DATA, data, id));
            }
            ids.add(id);
            size += data.length;
        }
        Map<String, Object> node = node(name, "FILE", mode);
        node.put("size", size);
        node.put("chunkIds", ids);
        if (sizes != null) {
            node.put("chunkSizes", sizes);
        }
        return node;
    }

    public Map<String, Object> symlink(String name, String target) {
        Map<String, Object> node = node(name, "SYMLINK", 0777);
        node.put("linkTarget", target);
        return node;
    }

    /** A directory entry whose tree (saved now) holds {@code children}. */
    @SafeVarargs
    public final Map<String, Object> dir(String name, int mode, Map<String, Object>... children) {
        Map<String, Object> node = node(name, "DIRECTORY", mode);
        node.put("subtreeId", saveTree(List.of(children)));
        return node;
    }

    /** Saves the root tree holding {@code children} and a snapshot of it; the packs and their index are written. */
    @SafeVarargs
    public final Snapshot snapshot(Map<String, Object>... children) {
        String root = saveTree(List.of(children));
        packer.flush();
        packer = newPacker(); // a flushed packer is closed
        repository.writePendingIndex();
        Instant now = Instant.now();
        return repository.saveSnapshot(new Snapshot("", now, now, "attacker", "root", List.of("/"), List.of(), root, "",
                new SnapshotSummary(0, 0, 0, 0, 0, 0, 0, 0, 0)));
    }

    /**
     * A copy of {@code snapshot} whose trees hold no chunk sizes, as trees written before they were recorded (same
     * paths, host and times, so that a backup takes it as its parent); the packs and their index are written.
     */
    public Snapshot withoutChunkSizes(Snapshot snapshot) {
        String root = copyWithoutChunkSizes(snapshot.treeId());
        packer.flush();
        packer = newPacker();
        repository.writePendingIndex();
        return repository.saveSnapshot(new Snapshot("", snapshot.startTime(), snapshot.endTime(), snapshot.hostname(),
                snapshot.username(), snapshot.paths(), snapshot.tags(), root, "", snapshot.summary()));
    }

    @SuppressWarnings("unchecked")
    private String copyWithoutChunkSizes(String treeId) {
        List<Map<String, Object>> nodes = new ArrayList<>();
        for (dev.coffer.engine.snapshot.Node n : repository.loadTree(treeId).nodes()) {
            Map<String, Object> node = Json.read(Json.write(n), Map.class);
            node.remove("chunkSizes");
            if (!n.subtreeId().isEmpty()) {
                node.put("subtreeId", copyWithoutChunkSizes(n.subtreeId()));
            }
            nodes.add(node);
        }
        return saveTree(nodes);
    }

    private String saveTree(List<Map<String, Object>> nodes) {
        Map<String, Object> tree = new LinkedHashMap<>();
        tree.put("nodes", new ArrayList<>(nodes));
        byte[] json = Json.write(tree);
        String id = repository.hashes().blobId(json);
        packer.add(id, BlobType.TREE, repository.codec().encode(BlobType.TREE, json, id));
        return id;
    }

    private static Map<String, Object> node(String name, String type, int mode) {
        Map<String, Object> node = new LinkedHashMap<>();
        String time = MTIME.getEpochSecond() + ".000000000";
        node.put("name", name);
        node.put("type", type);
        node.put("size", 0);
        node.put("mode", mode);
        node.put("mtime", time);
        node.put("ctime", time);
        node.put("user", "root");
        node.put("group", "root");
        node.put("uid", 0);
        node.put("gid", 0);
        node.put("inode", 0);
        node.put("device", 0);
        node.put("links", 1);
        node.put("linkTarget", "");
        node.put("chunkIds", List.of());
        node.put("subtreeId", "");
        return node;
    }
}
