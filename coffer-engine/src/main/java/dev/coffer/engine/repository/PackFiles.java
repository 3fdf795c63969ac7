package dev.coffer.engine.repository;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import dev.coffer.engine.blob.BlobCodec;
import dev.coffer.engine.pack.Pack;
import dev.coffer.engine.pack.PackEntry;
import dev.coffer.engine.pack.PackFormat;
import dev.coffer.engine.pack.Packer;
import dev.coffer.engine.store.Store;
import dev.coffer.engine.store.StoreEntry;

/** The pack files of a repository ({@link RepositoryLayout#DATA}), addressed by pack name. Thread-safe. */
final class PackFiles {

    private final Store store;
    private final BlobCodec codec;
    private final int packSize;

    PackFiles(Store store, BlobCodec codec, int packSize) {
        this.store = store;
        this.codec = codec;
        this.packSize = packSize;
    }

    /** Every pack stored now: pack name to size in bytes, in the store's listing order. The one listing of {@link RepositoryLayout#DATA}. */
    Map<String, Long> stored() {
        Map<String, Long> stored = new LinkedHashMap<>();
        for (StoreEntry e : store.list(RepositoryLayout.DATA)) {
            stored.put(RepositoryLayout.packName(e.name()), e.size());
        }
        return stored;
    }

    byte[] read(String pack) {
        return store.get(RepositoryLayout.packObject(pack));
    }

    byte[] readRange(String pack, long offset, int length) {
        return store.getRange(RepositoryLayout.packObject(pack), offset, length);
    }

    void readRange(String pack, long offset, int length, byte[] into, int at) {
        store.readRange(RepositoryLayout.packObject(pack), offset, length, into, at);
    }

    /** The blobs a pack of {@code size} bytes lists in its trailer. */
    List<PackEntry> readTrailer(String pack, long size) {
        return PackFormat.readTrailer(store, RepositoryLayout.packObject(pack), size, codec);
    }

    void delete(String pack) {
        store.delete(RepositoryLayout.packObject(pack));
    }

    /** A packer committing packs of the configured size under {@link RepositoryLayout#packObject}. */
    Packer newPacker(int commitThreads, Consumer<Pack> committed) {
        return new Packer(store, codec, packSize, commitThreads, RepositoryLayout::packObject, committed);
    }
}
