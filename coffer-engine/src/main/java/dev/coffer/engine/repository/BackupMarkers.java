package dev.coffer.engine.repository;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import dev.coffer.engine.blob.BlobType;
import dev.coffer.engine.crypto.Hashes;
import dev.coffer.engine.json.Json;
import dev.coffer.engine.store.StoreEntry;

/**
 * Markers of running backups ({@link RepositoryLayout#LOCKS}): each holds a backup's start time. They exclude nobody;
 * prune only keeps the packs indexed since the oldest running backup started (see {@code Pruner}). Thread-safe.
 */
final class BackupMarkers {

    /** Contents of a backup marker. */
    record BackupMarker(Instant start, String hostname) {
    }

    private final EncodedObjects objects;

    BackupMarkers(EncodedObjects objects) {
        this.objects = objects;
    }

    /** Puts a marker holding {@code start}; returns its object name. */
    String start(Instant start) {
        String name = RepositoryLayout.lockObject(Hashes.toHex(Keys.randomBytes(16)));
        objects.save(name, BlobType.BACKUP_MARKER, Json.write(new BackupMarker(start, Repository.hostname())));
        return name;
    }

    void end(String name) {
        objects.delete(name);
    }

    /** Start times of the backups running now (markers younger than {@code expiry}). */
    List<Instant> running(Instant now, Duration expiry) {
        List<Instant> starts = new ArrayList<>();
        for (StoreEntry e : objects.list(RepositoryLayout.LOCKS)) {
            try {
                BackupMarker m = Json.read(objects.load(e.name(), BlobType.BACKUP_MARKER), BackupMarker.class);
                if (m.start().isAfter(now.minus(expiry))) {
                    starts.add(m.start());
                }
            } catch (RuntimeException gone) {
                // Deleted meanwhile (the backup finished) or unreadable: not a running backup.
            }
        }
        return starts;
    }
}
