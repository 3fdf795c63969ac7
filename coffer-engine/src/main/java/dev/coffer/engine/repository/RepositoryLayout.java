package dev.coffer.engine.repository;

/**
 * Where a repository keeps what in its {@link dev.coffer.engine.store.Store}: the one place that spells the object
 * names. A store only holds named objects; this layout gives the names their meaning:
 * <pre>
 *   config                 encrypted {@link RepositoryConfig}
 *   keys/&lt;id&gt;              {@link KeyFile}: the master key wrapped by a passphrase
 *   data/&lt;2 hex&gt;/&lt;sha256&gt;  pack files (named by the SHA-256 of their bytes, fanned out by its first two digits)
 *   index/&lt;sha256&gt;         encrypted index files
 *   snapshots/&lt;sha256&gt;     encrypted snapshot JSON
 *   locks/&lt;random&gt;         encrypted backup markers of running backups
 * </pre>
 * Every prefix ends with {@code /}, so listing one never returns objects of another.
 */
public final class RepositoryLayout {

    /** The repository's encrypted config; written last by init, so its absence means "no repository here". */
    public static final String CONFIG = "config";
    /** Prefix of the key files, one per passphrase. */
    public static final String KEYS = "keys/";
    /** Prefix of the pack files. */
    public static final String DATA = "data/";
    /** Prefix of the index files. */
    public static final String INDEX = "index/";
    /** Prefix of the snapshots. */
    public static final String SNAPSHOTS = "snapshots/";
    /** Prefix of the backup markers. */
    public static final String LOCKS = "locks/";

    private RepositoryLayout() {
    }

    /** The object name of the pack {@code packName}: {@code data/<first two hex digits>/<packName>}. */
    public static String packObject(String packName) {
        return DATA + packName.substring(0, 2) + "/" + packName;
    }

    /** The pack name of an object name listed under {@link #DATA} (written by {@link #packObject}). */
    public static String packName(String packObject) {
        return packObject.substring(packObject.lastIndexOf('/') + 1);
    }

    /** The object name of the snapshot with id {@code id}. */
    public static String snapshotObject(String id) {
        return SNAPSHOTS + id;
    }

    /** The snapshot id of an object name listed under {@link #SNAPSHOTS}. */
    public static String snapshotId(String snapshotObject) {
        return snapshotObject.substring(SNAPSHOTS.length());
    }

    /** The object name of the key file with (random, hex) id {@code id}. */
    static String keyObject(String id) {
        return KEYS + id;
    }

    /** The object name of the backup marker with (random, hex) id {@code id}. */
    static String lockObject(String id) {
        return LOCKS + id;
    }
}
