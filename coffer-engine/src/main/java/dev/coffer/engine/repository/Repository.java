package dev.coffer.engine.repository;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import dev.coffer.engine.blob.BlobCodec;
import dev.coffer.engine.blob.BlobType;
import dev.coffer.engine.chunk.Chunker;
import dev.coffer.engine.compress.Compressor;
import dev.coffer.engine.crypto.Aead;
import dev.coffer.engine.crypto.Hashes;
import dev.coffer.engine.crypto.KdfParams;
import dev.coffer.engine.crypto.MasterKey;
import dev.coffer.engine.index.IndexEntry;
import dev.coffer.engine.index.IndexFormat;
import dev.coffer.engine.index.PackRecord;
import dev.coffer.engine.pack.Pack;
import dev.coffer.engine.pack.Packer;
import dev.coffer.engine.snapshot.Node;
import dev.coffer.engine.snapshot.Snapshot;
import dev.coffer.engine.snapshot.Tree;
import dev.coffer.engine.snapshot.TreeSource;
import dev.coffer.engine.snapshot.TreeWalker;
import dev.coffer.engine.store.Store;
import dev.coffer.engine.store.StoreEntry;

/**
 * An open repository over a {@link Store} (object names: {@link RepositoryLayout}). The stages above get narrow
 * operations (blob lookup, stored packs, a new packer, index files, snapshots, backup markers), never the store, so a
 * store wrapper (remote, append-only, retrying) fits under it unseen. Parts: {@link Keys}, {@link ConfigFile},
 * {@link PackFiles}, {@link IndexFiles}, {@link BlobReader}, {@link Snapshots}, {@link BackupMarkers}.
 * Opening loads every index file and reads the trailers of packs that no index lists (left by an interrupted backup),
 * so that their blobs are reused; such packs are "pending" and go into the next index file written. Thread-safe.
 */
public final class Repository implements AutoCloseable, TreeSource {

    /** How long a backup marker counts as a running backup; a backup that crashed leaves one that then expires. */
    public static final Duration MARKER_EXPIRY = Duration.ofHours(24);

    private final RepositoryConfig config;
    private final MasterKey masterKey;
    private volatile String keyName;
    private final Keys keys;
    private final BlobCodec codec;
    private final Hashes hashes;
    private final Chunker chunker;
    private final PackFiles packs;
    private final IndexFiles indexFiles;
    private final Snapshots snapshots;
    private final BackupMarkers markers;
    private final BlobReader blobs;
    private final boolean remote;

    private Repository(Store store, RepositoryConfig config, MasterKey masterKey, String keyName) {
        this.config = config;
        this.masterKey = masterKey;
        this.keyName = keyName;
        this.keys = new Keys(store);
        this.codec = new BlobCodec(Aead.of(masterKey), new Compressor(config.compressionLevel()));
        this.hashes = new Hashes(masterKey);
        this.chunker = new Chunker(config.chunkerParams(), Hashes.fromHex(config.gearSeed()));
        EncodedObjects objects = new EncodedObjects(store, codec);
        this.packs = new PackFiles(store, codec, config.packSize());
        this.indexFiles = new IndexFiles(objects, packs);
        this.snapshots = new Snapshots(objects);
        this.markers = new BackupMarkers(objects);
        this.blobs = new BlobReader(indexFiles, packs, codec, store.remote());
        this.remote = store.remote();
    }

    /** Creates a new repository in an empty store: a random master key wrapped by a key derived from the passphrase. */
    public static Repository init(Store store, char[] passphrase) {
        return init(store, passphrase, RepositoryOptions.defaults());
    }

    public static Repository init(Store store, char[] passphrase, RepositoryOptions options) {
        Keys.checkPassphrase(passphrase);
        Keys keys = new Keys(store);
        if (ConfigFile.exists(store) || keys.any()) {
            throw new RepositoryExistsException("a repository already exists here; open it instead of initialising it");
        }
        MasterKey key = MasterKey.random();
        RepositoryConfig config = ConfigFile.create(options);
        String keyName = keys.add(key, passphrase, options.kdf());
        Repository repo = new Repository(store, config, key, keyName);
        // The config is written last: a store with keys but no config is an init that did not finish.
        ConfigFile.write(store, repo.codec, config);
        return repo;
    }

    /** Opens a repository, trying the passphrase on every key. */
    public static Repository open(Store store, char[] passphrase) {
        if (!ConfigFile.exists(store)) {
            throw new RepositoryNotFoundException("no repository found here (no config object); run init first or check the repository location");
        }
        Keys keys = new Keys(store);
        List<StoreEntry> keyFiles = keys.keyFiles();
        Keys.Unlocked unlocked = keys.unlock(keyFiles, passphrase).orElseThrow(() -> new WrongPassphraseException(
                "wrong passphrase: none of the " + keyFiles.size()
                + " key(s) of this repository opens with it; check the passphrase (e.g. COFFER_PASSWORD) and try again"));
        RepositoryConfig config = ConfigFile.read(store, unlocked.key());
        Repository repo = new Repository(store, config, unlocked.key(), unlocked.keyObject());
        repo.indexFiles.load();
        return repo;
    }

    /** Adds a passphrase; every existing one keeps working. */
    public void addPassphrase(char[] newPassphrase) {
        keys.add(masterKey, newPassphrase, KdfParams.DEFAULT);
    }

    /** Replaces the passphrase that opened this repository; the new key is written before the old one is deleted. */
    public synchronized void changePassphrase(char[] newPassphrase) {
        keyName = keys.replace(keyName, masterKey, newPassphrase);
    }

    public String id() {
        return config.id();
    }

    public RepositoryConfig config() {
        return config;
    }

    /** The repository's blob encoding (compression and encryption under its master key): a value, no storage access. */
    public BlobCodec codec() {
        return codec;
    }

    /** The repository's keyed blob ids. */
    public Hashes hashes() {
        return hashes;
    }

    /** The repository's content-defined chunker (its parameters and secret gear seed). */
    public Chunker chunker() {
        return chunker;
    }

    /** Problems met while opening (unreadable index files or pack trailers), for check to report. */
    public List<String> openProblems() {
        return indexFiles.openProblems();
    }

    /** Where the index says a blob is stored; empty when it is not stored (as far as this repository knows). */
    public Optional<IndexEntry> lookup(String blobId) {
        return indexFiles.index().lookup(blobId);
    }

    /** Every pack the index knows, with its blobs. */
    public Collection<PackRecord> indexedPacks() {
        return indexFiles.index().packs();
    }

    /** Reads, authenticates and decompresses one blob. */
    public byte[] loadBlob(String id, BlobType type) {
        return blobs.loadBlob(id, type);
    }

    @Override
    public Tree loadTree(String id) {
        return blobs.loadTree(id);
    }

    /** Walks a snapshot's tree: every node with its absolute snapshot path, parents first. */
    public void walk(Snapshot snapshot, TreeWalker.Visitor visitor) {
        TreeWalker.walk(this, snapshot.treeId(), visitor);
    }

    /** Finds the node at an absolute snapshot path, for example {@code /home/a}. */
    public Optional<Node> findNode(Snapshot snapshot, String path) {
        return blobs.findNode(snapshot, path);
    }

    /** Every pack stored now (whether indexed or not): pack name to size in bytes. Lists the store once. */
    public Map<String, Long> storedPacks() {
        return packs.stored();
    }

    /** Whether each store call is a network round trip ({@link Store#remote}): then read ahead, in few large reads. */
    public boolean remote() {
        return remote;
    }

    /** The whole pack, as stored. */
    public byte[] readPack(String pack) {
        return packs.read(pack);
    }

    /** Reads {@code length} bytes of a pack from {@code offset} into {@code into[at..]}. */
    public void readPack(String pack, long offset, int length, byte[] into, int at) {
        packs.readRange(pack, offset, length, into, at);
    }

    /** Deletes a pack (prune only, after no index file lists it any more). */
    public void deletePack(String pack) {
        packs.delete(pack);
    }

    /** A packer writing this repository's packs; {@code committed} hears of each pack once it is stored. */
    public Packer newPacker(int commitThreads, Consumer<Pack> committed) {
        return packs.newPacker(commitThreads, committed);
    }

    /** Records a pack that was uploaded completely; it will be listed in the next index file written. */
    public void packUploaded(PackRecord pack) {
        indexFiles.packUploaded(pack);
    }

    /** Number of uploaded packs not yet listed in an index file. */
    public int pendingPacks() {
        return indexFiles.pendingPacks();
    }

    /** Writes an index file listing the pending packs (if any), after they were stored and before a snapshot uses them. */
    public void writePendingIndex() {
        indexFiles.writePending();
    }

    /** Writes one index file listing {@code packs}; returns its object name. */
    public String writeIndex(List<PackRecord> packs) {
        return indexFiles.write(packs);
    }

    /** The object names of the index files stored now. */
    public List<String> storedIndexFiles() {
        return indexFiles.stored();
    }

    /** Reads one index file. */
    public IndexFormat.IndexFile readIndex(String objectName) {
        return indexFiles.read(objectName);
    }

    /** Deletes one index file (prune only, once a newer one lists what it listed). */
    public void deleteIndexFile(String objectName) {
        indexFiles.delete(objectName);
    }

    /** Tells the in-memory index that prune stored {@code written} and deleted {@code discarded}. */
    public void packsRewritten(List<PackRecord> written, List<String> discarded) {
        written.forEach(indexFiles.index()::add);
        indexFiles.index().removePacks(discarded);
    }

    /** Saves the snapshot (the last object a backup writes) and returns it with its id. */
    public Snapshot saveSnapshot(Snapshot snapshot) {
        return snapshots.save(snapshot);
    }

    public Snapshot loadSnapshot(String id) {
        return snapshots.load(id);
    }

    /** The ids of every stored snapshot, without reading them. */
    public List<String> snapshotIds() {
        return snapshots.ids();
    }

    /** All snapshots, oldest first. */
    public List<Snapshot> snapshots() {
        return snapshots.all();
    }

    /** "latest" or a unique id prefix. */
    public Snapshot findSnapshot(String idPrefixOrLatest) {
        return snapshots.find(idPrefixOrLatest);
    }

    /** Removes a snapshot object (its data stays until prune). */
    public void deleteSnapshot(String id) {
        snapshots.delete(id);
    }

    /**
     * Announces a running backup to prune with a marker holding its start time. It excludes nobody: prune only keeps
     * the packs indexed since that time (see {@code Pruner}). Returns the marker's name, for {@link #endBackupMarker}.
     */
    public String startBackupMarker(Instant start) {
        return markers.start(start);
    }

    public void endBackupMarker(String name) {
        markers.end(name);
    }

    /** Start times of the backups running now (markers younger than {@link #MARKER_EXPIRY}). */
    public List<Instant> runningBackups(Instant now) {
        return markers.running(now, MARKER_EXPIRY);
    }

    @Override
    public void close() {
        // Nothing buffered: packs, index files and snapshots are written by the operations that make them.
    }

    /** The local host name, or "localhost" when it cannot be resolved. */
    public static String hostname() {
        return Keys.hostname();
    }
}
