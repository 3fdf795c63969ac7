package dev.coffer.engine.repository;

import java.util.List;

import dev.coffer.engine.blob.BlobCodec;
import dev.coffer.engine.blob.BlobType;
import dev.coffer.engine.crypto.Hashes;
import dev.coffer.engine.store.Store;
import dev.coffer.engine.store.StoreEntry;

/**
 * The repository's encrypted whole objects (index files, snapshots, markers): each is one blob, encoded with the
 * repository's codec, stored under a prefix of {@link RepositoryLayout}. Thread-safe.
 */
record EncodedObjects(Store store, BlobCodec codec) {

    /** Stores an encoded object under {@code prefix + sha256(encoded bytes)}; returns the object name. */
    String saveContentAddressed(String prefix, BlobType type, byte[] plain) {
        byte[] encoded = codec.encode(type, plain, "");
        String name = prefix + Hashes.sha256(encoded);
        store.put(name, encoded);
        return name;
    }

    /** Stores an encoded object under {@code name}. */
    void save(String name, BlobType type, byte[] plain) {
        store.put(name, codec.encode(type, plain, ""));
    }

    /**
     * Reads and decodes one object. Throws {@link dev.coffer.engine.store.ObjectNotFoundException} when it is absent
     * and {@link dev.coffer.engine.crypto.AuthenticationException} or {@link IllegalArgumentException} when it is
     * damaged.
     */
    byte[] load(String name, BlobType type) {
        return codec.decode(type, store.get(name), "");
    }

    /** The objects under one prefix of the layout. */
    List<StoreEntry> list(String prefix) {
        return store.list(prefix);
    }

    /** Deletes one object (idempotent). */
    void delete(String name) {
        store.delete(name);
    }
}
