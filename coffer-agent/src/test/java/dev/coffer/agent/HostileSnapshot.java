package dev.coffer.agent;

import dev.coffer.engine.blob.BlobType;
import dev.coffer.engine.index.PackRecord;
import dev.coffer.engine.json.Json;
import dev.coffer.engine.pack.Packer;
import dev.coffer.engine.repository.Repository;
import dev.coffer.engine.snapshot.Snapshot;
import dev.coffer.engine.snapshot.SnapshotSummary;
import dev.coffer.engine.store.local.LocalStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Saves, with the repository key as a compromised machine would, a snapshot whose root tree holds a directory named
 * ".." holding a directory ".." holding {@code escaped.txt}. The tree JSON is built as plain maps, so the engine's
 * write-side checks do not stop it; every reader must.
 */
final class HostileSnapshot {

    private HostileSnapshot() {
    }

    /** Returns the snapshot's id. */
    static String save(Path repositoryPath, String password) {
        try (Repository repository = Repository.open(LocalStore.create(repositoryPath), password.toCharArray())) {
            Packer packer = repository.newPacker(1,
                    pack -> repository.packUploaded(new PackRecord(pack.name(), pack.size(), pack.entries())));
            byte[] data = "owned".getBytes(StandardCharsets.UTF_8);
            String dataId = repository.hashes().blobId(data);
            packer.add(dataId, BlobType.DATA, repository.codec().encode(BlobType.DATA, data, dataId));
            Map<String, Object> file = node("escaped.txt", "FILE");
            file.put("size", data.length);
            file.put("chunkIds", List.of(dataId));
            String inner = tree(repository, packer, file);
            Map<String, Object> up = node("..", "DIRECTORY");
            up.put("subtreeId", inner);
            Map<String, Object> upAgain = node("..", "DIRECTORY");
            upAgain.put("subtreeId", tree(repository, packer, up));
            String root = tree(repository, packer, upAgain);
            packer.flush();
            repository.writePendingIndex();
            Instant now = Instant.now();
            return repository.saveSnapshot(new Snapshot("", now, now, "attacker", "root", List.of("/"), List.of(), root, "",
                    new SnapshotSummary(0, 0, 0, 0, 0, 0, 0, 0, 0))).id();
        }
    }

    private static String tree(Repository repository, Packer packer, Map<String, Object> node) {
        byte[] json = Json.write(Map.of("nodes", List.of(node)));
        String id = repository.hashes().blobId(json);
        packer.add(id, BlobType.TREE, repository.codec().encode(BlobType.TREE, json, id));
        return id;
    }

    private static Map<String, Object> node(String name, String type) {
        Map<String, Object> node = new LinkedHashMap<>();
        node.put("name", name);
        node.put("type", type);
        node.put("size", 0);
        node.put("mode", type.equals("FILE") ? 0644 : 0777);
        node.put("mtime", "1622548800.000000000");
        node.put("ctime", "1622548800.000000000");
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
