package dev.coffer.engine.repository;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import dev.coffer.engine.blob.BlobType;
import dev.coffer.engine.crypto.AuthenticationException;
import dev.coffer.engine.json.Json;
import dev.coffer.engine.snapshot.Snapshot;
import dev.coffer.engine.store.ObjectNotFoundException;
import dev.coffer.engine.store.StoreEntry;

/** The snapshots of a repository ({@link RepositoryLayout#SNAPSHOTS}), each named by the SHA-256 of its encoding. */
final class Snapshots {

    private final EncodedObjects objects;

    Snapshots(EncodedObjects objects) {
        this.objects = objects;
    }

    Snapshot save(Snapshot snapshot) {
        String name = objects.saveContentAddressed(RepositoryLayout.SNAPSHOTS, BlobType.SNAPSHOT, Json.write(snapshot.withId("")));
        return snapshot.withId(RepositoryLayout.snapshotId(name));
    }

    Snapshot load(String id) {
        String name = RepositoryLayout.snapshotObject(id);
        byte[] plain;
        try {
            plain = objects.load(name, BlobType.SNAPSHOT);
        } catch (ObjectNotFoundException e) {
            throw new SnapshotNotFoundException("no snapshot " + id + "; list them with 'snapshots'");
        } catch (AuthenticationException | IllegalArgumentException e) {
            throw new CorruptDataException(name, "unreadable snapshot: " + e.getMessage());
        }
        try {
            return Json.read(plain, Snapshot.class).withId(id);
        } catch (IllegalArgumentException e) {
            throw new CorruptDataException(name, "unreadable snapshot: " + e.getMessage());
        }
    }

    /** The ids of the stored snapshots, in no particular order. */
    List<String> ids() {
        List<String> ids = new ArrayList<>();
        for (StoreEntry e : objects.list(RepositoryLayout.SNAPSHOTS)) {
            ids.add(RepositoryLayout.snapshotId(e.name()));
        }
        return ids;
    }

    /** All snapshots, oldest first (loaded with several requests in flight, see {@link ConcurrentLoads}). */
    List<Snapshot> all() {
        List<Snapshot> all = new ArrayList<>(ConcurrentLoads.map(ids(), this::load));
        all.sort(Comparator.comparing(Snapshot::startTime).thenComparing(Snapshot::id));
        return all;
    }

    /** "latest" or a unique id prefix. */
    Snapshot find(String idPrefixOrLatest) {
        if (idPrefixOrLatest.isEmpty()) {
            throw new IllegalArgumentException("snapshot: give an id, a unique prefix of one, or 'latest'");
        }
        List<Snapshot> all = all();
        if (idPrefixOrLatest.equals("latest")) {
            if (all.isEmpty()) {
                throw new SnapshotNotFoundException("the repository has no snapshots yet; run a backup first");
            }
            return all.get(all.size() - 1);
        }
        List<Snapshot> matches = all.stream().filter(s -> s.id().startsWith(idPrefixOrLatest)).toList();
        if (matches.isEmpty()) {
            throw new SnapshotNotFoundException("no snapshot id starts with '" + idPrefixOrLatest + "'; list them with 'snapshots'");
        }
        if (matches.size() > 1) {
            throw new AmbiguousSnapshotException("'" + idPrefixOrLatest + "' matches " + matches.size()
                    + " snapshots; give more characters of the id");
        }
        return matches.get(0);
    }

    void delete(String id) {
        objects.delete(RepositoryLayout.snapshotObject(id));
    }
}
