package dev.coffer.engine.repository;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import dev.coffer.engine.blob.BlobCodec;
import dev.coffer.engine.blob.BlobType;
import dev.coffer.engine.chunk.Chunker;
import dev.coffer.engine.compress.Compressor;
import dev.coffer.engine.crypto.Aead;
import dev.coffer.engine.crypto.AuthenticationException;
import dev.coffer.engine.crypto.Hashes;
import dev.coffer.engine.crypto.KdfParams;
import dev.coffer.engine.crypto.MasterKey;
import dev.coffer.engine.index.IndexEntry;
import dev.coffer.engine.index.IndexFormat;
import dev.coffer.engine.index.MasterIndex;
import dev.coffer.engine.index.PackRecord;
import dev.coffer.engine.json.Json;
import dev.coffer.engine.pack.Pack;
import dev.coffer.engine.pack.PackEntry;
import dev.coffer.engine.pack.PackFormat;
import dev.coffer.engine.snapshot.Node;
import dev.coffer.engine.snapshot.Snapshot;
import dev.coffer.engine.snapshot.Tree;
import dev.coffer.engine.snapshot.TreeSource;
import dev.coffer.engine.snapshot.TreeWalker;
import dev.coffer.engine.store.ObjectNotFoundException;
import dev.coffer.engine.store.Store;
import dev.coffer.engine.store.StoreEntry;

/**
 * An open repository. Store layout:
 * <pre>
 *   config                 encrypted {@link RepositoryConfig}
 *   keys/&lt;id&gt;              {@link KeyFile}: the master key wrapped by a passphrase
 *   data/&lt;2 hex&gt;/&lt;sha256&gt;  pack files
 *   index/&lt;sha256&gt;         encrypted index files
 *   snapshots/&lt;sha256&gt;     encrypted snapshot JSON
 * </pre>
 * Opening loads every index file and also reads the trailers of packs that no index lists (left by an interrupted
 * backup), so that their blobs are reused; such packs are "pending" and go into the next index file written.
 * Thread-safe after opening.
 */
public final class Repository implements AutoCloseable, TreeSource {

    private static final byte[] KEY_AAD = "coffer-key-v1".getBytes(StandardCharsets.US_ASCII);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Store store;
    private final RepositoryConfig config;
    private final MasterKey masterKey;
    private volatile String keyName;
    private final BlobCodec codec;
    private final Hashes hashes;
    private final Chunker chunker;
    private final MasterIndex index = new MasterIndex();
    private final List<PackRecord> pending = new ArrayList<>();
    private final Set<String> indexFiles = ConcurrentHashMap.newKeySet();
    private final List<String> openProblems = java.util.Collections.synchronizedList(new ArrayList<>());

    private Repository(Store store, RepositoryConfig config, MasterKey masterKey, String keyName) {
        this.store = store;
        this.config = config;
        this.masterKey = masterKey;
        this.keyName = keyName;
        this.codec = new BlobCodec(Aead.of(masterKey), new Compressor(config.compressionLevel()));
        this.hashes = new Hashes(masterKey);
        this.chunker = new Chunker(config.chunkerParams(), Hashes.fromHex(config.gearSeed()));
    }

    /** Creates a new repository in an empty store: a random master key wrapped by a key derived from the passphrase. */
    public static Repository init(Store store, char[] passphrase) {
        return init(store, passphrase, RepositoryOptions.defaults());
    }

    public static Repository init(Store store, char[] passphrase, RepositoryOptions options) {
        checkPassphrase(passphrase);
        if (exists(store, "config") || !store.list("keys/").isEmpty()) {
            throw new RepositoryExistsException("a repository already exists here; open it instead of initialising it");
        }
        MasterKey key = MasterKey.random();
        byte[] seed = new byte[32];
        RANDOM.nextBytes(seed);
        RepositoryConfig config = new RepositoryConfig(RepositoryConfig.VERSION, Hashes.toHex(randomBytes(32)), "fastcdc",
                options.chunker().min(), options.chunker().avg(), options.chunker().max(), Hashes.toHex(seed),
                "aes-256-gcm", "hmac-sha256", "zstd", options.compressionLevel(), options.packSize());
        String keyName = writeKey(store, key, passphrase, options.kdf());
        Repository repo = new Repository(store, config, key, keyName);
        // The config is written last: a store with keys but no config is an init that did not finish.
        store.put("config", repo.codec.encode(BlobType.CONFIG, Json.write(config), ""));
        return repo;
    }

    /** Opens a repository, trying the passphrase on every key. */
    public static Repository open(Store store, char[] passphrase) {
        if (!exists(store, "config")) {
            throw new RepositoryNotFoundException("no repository found here (no config object); run init first or check the repository location");
        }
        List<StoreEntry> keys = store.list("keys/");
        for (StoreEntry entry : keys) {
            KeyFile file = Json.read(store.get(entry.name()), KeyFile.class);
            byte[] wrapping = new KdfParams(file.n(), file.r(), file.p()).derive(passphrase, Hashes.fromHex(file.salt()));
            MasterKey key;
            try {
                key = MasterKey.fromBytes(new Aead(wrapping).open(Hashes.fromHex(file.sealedMasterKey()), KEY_AAD));
            } catch (AuthenticationException e) {
                continue;
            }
            byte[] configBytes = store.get("config");
            Aead aead = Aead.of(key);
            RepositoryConfig config;
            try {
                config = Json.read(new BlobCodec(aead, new Compressor(1)).decode(BlobType.CONFIG, configBytes, ""), RepositoryConfig.class);
            } catch (AuthenticationException e) {
                throw new CorruptDataException("config", "the config does not authenticate with the master key: " + e.getMessage());
            }
            if (config.version() != RepositoryConfig.VERSION) {
                throw new RepositoryException("repository format version " + config.version() + " is not supported by this engine (supports "
                        + RepositoryConfig.VERSION + "); use a newer Coffer");
            }
            Repository repo = new Repository(store, config, key, entry.name());
            repo.loadIndex();
            return repo;
        }
        throw new WrongPassphraseException("wrong passphrase: none of the " + keys.size()
                + " key(s) of this repository opens with it; check the passphrase (e.g. COFFER_PASSWORD) and try again");
    }

    /** Adds a passphrase; every existing one keeps working. */
    public void addPassphrase(char[] newPassphrase) {
        checkPassphrase(newPassphrase);
        writeKey(store, masterKey, newPassphrase, KdfParams.DEFAULT);
    }

    /** Replaces the passphrase that opened this repository; the new key is written before the old one is deleted. */
    public synchronized void changePassphrase(char[] newPassphrase) {
        checkPassphrase(newPassphrase);
        KeyFile old = Json.read(store.get(keyName), KeyFile.class);
        String created = writeKey(store, masterKey, newPassphrase, new KdfParams(old.n(), old.r(), old.p()));
        store.delete(keyName);
        keyName = created;
    }

    public String id() {
        return config.id();
    }

    public Store store() {
        return store;
    }

    public RepositoryConfig config() {
        return config;
    }

    public BlobCodec codec() {
        return codec;
    }

    public Hashes hashes() {
        return hashes;
    }

    public Chunker chunker() {
        return chunker;
    }

    public MasterIndex index() {
        return index;
    }

    /** Problems met while opening (unreadable index files or pack trailers), for check to report. */
    public List<String> openProblems() {
        synchronized (openProblems) {
            return List.copyOf(openProblems);
        }
    }

    /** Names of the index objects this repository has read or written. */
    public Set<String> indexFiles() {
        return Set.copyOf(indexFiles);
    }

    // ---- blobs -------------------------------------------------------------------------------------------------

    /** Reads, authenticates and decompresses one blob. */
    public byte[] loadBlob(String id, BlobType type) {
        IndexEntry e = index.lookup(id).orElseThrow(() -> new CorruptDataException("blob " + id, "not in the index; run check"));
        String object = Pack.objectName(e.pack());
        byte[] encoded;
        try {
            encoded = store.getRange(object, e.offset(), e.length());
        } catch (ObjectNotFoundException missing) {
            // A prune may have rewritten the pack since this repository was opened: learn its new index and retry once.
            refreshAfterMissingPack(e.pack());
            e = index.lookup(id).orElseThrow(() -> new CorruptDataException(object, "pack is missing; run check"));
            if (Pack.objectName(e.pack()).equals(object)) {
                throw new CorruptDataException(object, "pack is missing; run check");
            }
            try {
                encoded = store.getRange(Pack.objectName(e.pack()), e.offset(), e.length());
            } catch (ObjectNotFoundException stillMissing) {
                throw new CorruptDataException(object, "pack is missing; run check");
            }
        }
        try {
            return codec.decode(type, encoded, id);
        } catch (AuthenticationException | IllegalArgumentException | IllegalStateException bad) {
            throw new CorruptDataException(object, "blob " + id + " at offset " + e.offset() + ": " + bad.getMessage());
        }
    }

    @Override
    public Tree loadTree(String id) {
        byte[] json = loadBlob(id, BlobType.TREE);
        try {
            return Json.read(json, Tree.class);
        } catch (IllegalArgumentException e) {
            throw new CorruptDataException("tree " + id, e.getMessage());
        }
    }

    /** Walks a snapshot's tree: every node with its absolute snapshot path, parents first. */
    public void walk(Snapshot snapshot, TreeWalker.Visitor visitor) {
        TreeWalker.walk(this, snapshot.treeId(), visitor);
    }

    /** Records a pack that was uploaded completely; it will be listed in the next index file written. */
    public void packUploaded(PackRecord pack) {
        index.add(pack);
        synchronized (pending) {
            pending.add(pack);
        }
    }

    /** Number of uploaded packs not yet listed in an index file. */
    public int pendingPacks() {
        synchronized (pending) {
            return pending.size();
        }
    }

    /**
     * Writes an index file listing the pending packs (if any). Called after packs are uploaded and before a snapshot
     * that uses them is saved, so an index never names a pack that is not stored.
     */
    public void writePendingIndex() {
        List<PackRecord> packs;
        synchronized (pending) {
            if (pending.isEmpty()) {
                return;
            }
            packs = new ArrayList<>(pending);
            pending.clear();
        }
        try {
            indexFiles.add(writeIndex(packs));
        } catch (RuntimeException e) {
            synchronized (pending) {
                pending.addAll(0, packs);
            }
            throw e;
        }
    }

    /** Writes one index file listing {@code packs}; returns its object name. */
    public String writeIndex(List<PackRecord> packs) {
        return saveObject("index/", BlobType.INDEX, IndexFormat.encode(packs, Instant.now()));
    }

    /** Reads one index file. */
    public IndexFormat.IndexFile readIndex(String objectName) {
        try {
            return IndexFormat.decode(codec.decode(BlobType.INDEX, store.get(objectName), ""));
        } catch (AuthenticationException | IllegalArgumentException | java.nio.BufferUnderflowException e) {
            throw new CorruptDataException(objectName, "unreadable index file: " + e.getMessage());
        }
    }

    /**
     * A pack went missing: a prune rewrote it. Reads the index files not seen yet, then swaps the pack for the new ones
     * in one step, so that other threads looking blobs up never find them missing in between.
     */
    private synchronized void refreshAfterMissingPack(String pack) {
        List<PackRecord> added = new ArrayList<>();
        for (StoreEntry entry : store.list("index/")) {
            if (!indexFiles.contains(entry.name())) {
                try {
                    added.addAll(readIndex(entry.name()).packs());
                    indexFiles.add(entry.name());
                } catch (CorruptDataException e) {
                    openProblems.add(e.getMessage());
                }
            }
        }
        index.replacePacks(List.of(pack), added);
    }
    private void loadIndex() {
        store.list("index/").parallelStream().forEach(entry -> {
            try {
                for (PackRecord p : readIndex(entry.name()).packs()) {
                    index.add(p);
                }
                indexFiles.add(entry.name());
            } catch (CorruptDataException e) {
                // The packs it listed are recovered below from their trailers; check reports the file.
                openProblems.add(e.getMessage());
            }
        });
        for (StoreEntry entry : store.list("data/")) {
            String pack = Pack.packName(entry.name());
            if (!index.hasPack(pack)) {
                try {
                    List<PackEntry> entries = PackFormat.readTrailer(store, entry.name(), entry.size(), codec);
                    packUploaded(new PackRecord(pack, entry.size(), entries));
                } catch (RuntimeException unreadable) {
                    // Not ours to fix here: check reports it. Its blobs are simply not reused.
                    openProblems.add("pack " + pack + " is listed in no index and its trailer is unreadable: " + unreadable.getMessage());
                }
            }
        }
    }

    // ---- objects and snapshots -----------------------------------------------------------------------------------

    /** Stores an encoded object under {@code prefix + sha256(bytes)}; returns the object name. */
    public String saveObject(String prefix, BlobType type, byte[] plain) {
        byte[] encoded = codec.encode(type, plain, "");
        String name = prefix + Hashes.sha256(encoded);
        store.put(name, encoded);
        return name;
    }

    /** Saves the snapshot (the last object a backup writes) and returns it with its id. */
    public Snapshot saveSnapshot(Snapshot snapshot) {
        String name = saveObject("snapshots/", BlobType.SNAPSHOT, Json.write(snapshot.withId("")));
        return snapshot.withId(name.substring("snapshots/".length()));
    }

    public Snapshot loadSnapshot(String id) {
        String name = "snapshots/" + id;
        byte[] encoded;
        try {
            encoded = store.get(name);
        } catch (ObjectNotFoundException e) {
            throw new SnapshotNotFoundException("no snapshot " + id + "; list them with 'snapshots'");
        }
        try {
            return Json.read(codec.decode(BlobType.SNAPSHOT, encoded, ""), Snapshot.class).withId(id);
        } catch (AuthenticationException | IllegalArgumentException e) {
            throw new CorruptDataException(name, "unreadable snapshot: " + e.getMessage());
        }
    }

    /** All snapshots, oldest first. */
    public List<Snapshot> snapshots() {
        List<Snapshot> all = new ArrayList<>();
        for (StoreEntry e : store.list("snapshots/")) {
            all.add(loadSnapshot(e.name().substring("snapshots/".length())));
        }
        all.sort(Comparator.comparing(Snapshot::startTime).thenComparing(Snapshot::id));
        return all;
    }

    /** "latest" or a unique id prefix. */
    public Snapshot findSnapshot(String idPrefixOrLatest) {
        if (idPrefixOrLatest.isEmpty()) {
            throw new IllegalArgumentException("snapshot: give an id, a unique prefix of one, or 'latest'");
        }
        List<Snapshot> all = snapshots();
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

    /** Removes a snapshot object (its data stays until prune). */
    public void deleteSnapshot(String id) {
        store.delete("snapshots/" + id);
    }

    /** Finds the node at an absolute snapshot path, for example {@code /home/a}. */
    public java.util.Optional<Node> findNode(Snapshot snapshot, String path) {
        String treeId = snapshot.treeId();
        Node found = null;
        for (String part : path.split("/")) {
            if (part.isEmpty()) {
                continue;
            }
            if (treeId.isEmpty()) {
                return java.util.Optional.empty();
            }
            found = loadTree(treeId).nodes().stream().filter(n -> n.name().equals(part)).findFirst().orElse(null);
            if (found == null) {
                return java.util.Optional.empty();
            }
            treeId = found.subtreeId();
        }
        return java.util.Optional.ofNullable(found);
    }

    // ---- backup markers ------------------------------------------------------------------------------------------

    /** How long a backup marker counts as a running backup; a backup that crashed leaves one that then expires. */
    public static final java.time.Duration MARKER_EXPIRY = java.time.Duration.ofHours(24);

    /**
     * Announces a running backup to prune with a {@code locks/<random>} object holding its start time. It excludes
     * nobody: prune only keeps the packs indexed since that time (see {@code Pruner}). Returns the object name.
     */
    public String startBackupMarker(Instant start) {
        String name = "locks/" + Hashes.toHex(randomBytes(16));
        store.put(name, codec.encode(BlobType.BACKUP_MARKER, Json.write(new BackupMarker(start, hostname())), ""));
        return name;
    }

    public void endBackupMarker(String name) {
        store.delete(name);
    }

    /** Start times of the backups running now (markers younger than {@link #MARKER_EXPIRY}). */
    public List<Instant> runningBackups(Instant now) {
        List<Instant> starts = new ArrayList<>();
        for (StoreEntry e : store.list("locks/")) {
            try {
                BackupMarker m = Json.read(codec.decode(BlobType.BACKUP_MARKER, store.get(e.name()), ""), BackupMarker.class);
                if (m.start().isAfter(now.minus(MARKER_EXPIRY))) {
                    starts.add(m.start());
                }
            } catch (RuntimeException gone) {
                // Deleted meanwhile (the backup finished) or unreadable: not a running backup.
            }
        }
        return starts;
    }

    /** Contents of a backup marker. */
    record BackupMarker(Instant start, String hostname) {
    }

    @Override
    public void close() {
        // Nothing buffered: packs, index files and snapshots are written by the operations that make them.
    }

    // ---- keys ------------------------------------------------------------------------------------------------------

    private static String writeKey(Store store, MasterKey key, char[] passphrase, KdfParams kdf) {
        byte[] salt = randomBytes(32);
        byte[] wrapping = kdf.derive(passphrase, salt);
        byte[] sealed = new Aead(wrapping).seal(key.toBytes(), KEY_AAD);
        KeyFile file = new KeyFile(KeyFile.VERSION, "scrypt", kdf.n(), kdf.r(), kdf.p(), Hashes.toHex(salt), Hashes.toHex(sealed),
                Instant.now(), hostname(), System.getProperty("user.name", ""));
        String name = "keys/" + Hashes.toHex(randomBytes(32));
        store.put(name, Json.write(file));
        return name;
    }

    private static void checkPassphrase(char[] passphrase) {
        if (passphrase.length == 0) {
            throw new IllegalArgumentException("passphrase must not be empty");
        }
    }

    private static boolean exists(Store store, String name) {
        try {
            store.size(name);
            return true;
        } catch (ObjectNotFoundException e) {
            return false;
        }
    }

    private static byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        RANDOM.nextBytes(b);
        return b;
    }

    /** The local host name, or "localhost" when it cannot be resolved. */
    public static String hostname() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            return "localhost";
        }
    }
}
