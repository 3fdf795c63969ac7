package dev.coffer.engine.store;

import java.util.List;

/**
 * Raw object storage under flat names such as {@code data/3f/3fa4...} or {@code config}: the lowest layer of a
 * repository. A store knows nothing of encryption, packing or deduplication.
 *
 * <p>Names are non-empty strings of the characters {@code [A-Za-z0-9._-]} separated by single {@code /}, with no
 * leading or trailing slash and no {@code .} or {@code ..} segment; any other name is refused with
 * {@link IllegalArgumentException} before the store is touched. A name must not also be the "directory" of another
 * name (both {@code a} and {@code a/b}): stores on a file system cannot hold both.
 *
 * <p>Contract shared by every implementation (checked by the one contract test suite, {@code StoreContractTest}):
 * <ul>
 *   <li>Implementations are safe for concurrent use by many threads.</li>
 *   <li>{@link #put} is atomic: a concurrent or later reader sees either no object (or the previous one) or the
 *   complete new data, never a partial object, also when the writer crashes mid-way.</li>
 *   <li>{@link #put} copies or writes out {@code data} before it returns: changing the array afterwards does not
 *   change the stored object; arrays returned by {@link #get} and {@link #getRange} belong to the caller.</li>
 *   <li>{@link #create} starts an object written piecewise and named at the end ({@link PendingObject#commit}),
 *   with the same atomicity as put and without an object-sized array; {@link PendingObject} states its contract.</li>
 *   <li>{@link #put} and {@link #delete} are idempotent, so callers (and {@code RetryingStore}) may repeat them; all
 *   other methods only read.</li>
 *   <li>Failures are {@link StoreException}s whose message names the operation and the object;
 *   {@link StoreException#retriable()} says whether trying again may help. A missing object is always
 *   {@link ObjectNotFoundException}, never retriable.</li>
 *   <li>An {@linkplain #appendOnly() append-only} store (a device's view of its repository on a Coffer server) keeps
 *   everything else above but never loses data: {@link #put} or a commit under the name of an existing object with
 *   other bytes, and {@link #delete} of anything outside {@code locks/}, fail with {@link AppendOnlyException} (not
 *   retriable) and change nothing; repeating a put or commit with identical bytes succeeds (checked by
 *   {@code AppendOnlyStoreContractTest}).</li>
 * </ul>
 */
public interface Store extends AutoCloseable {

    /** Stores {@code data} under {@code name}, replacing any object of that name. Atomic and idempotent. */
    void put(String name, byte[] data);

    /**
     * Starts an object that is written piecewise and stored under a name given when it is complete; see
     * {@link PendingObject} for the contract. The caller must close it. This default collects the bytes in memory and
     * {@linkplain #put puts} them on commit; stores on disks or networks spool to a temporary file instead.
     */
    default PendingObject create() {
        return new BufferedPendingObject(this);
    }

    /** Returns the whole object. Throws {@link ObjectNotFoundException} when there is none. */
    byte[] get(String name);

    /**
     * Returns the {@code length} bytes that start at {@code offset}; {@code length} may be 0. Throws
     * {@link ObjectNotFoundException} when there is no such object, a non-retriable {@link StoreException} when the
     * range reaches past the object's end, and {@link IllegalArgumentException} when {@code offset} or
     * {@code length} is negative.
     */
    byte[] getRange(String name, long offset, int length);

    /**
     * Reads like {@link #getRange} but into {@code dst[dstOff, dstOff+length)}, so that a caller reading many ranges
     * (a restore) reuses one buffer instead of allocating one per read. Same failures as {@code getRange}; after a
     * failure that part of {@code dst} holds unspecified bytes. Throws {@link IndexOutOfBoundsException} when
     * {@code dst} has no room for the range. The default copies the result of {@code getRange}; stores that can read
     * straight into the array override it.
     */
    default void readRange(String name, long offset, int length, byte[] dst, int dstOff) {
        java.util.Objects.checkFromIndexSize(dstOff, length, dst.length);
        byte[] data = getRange(name, offset, length);
        System.arraycopy(data, 0, dst, dstOff, length);
    }

    /** Returns the size in bytes of the object, or throws {@link ObjectNotFoundException}. */
    long size(String name);

    /**
     * Lists the objects whose names start with {@code prefix} (a plain string prefix such as {@code "data/3f"};
     * {@code ""} for all), in no particular order. Objects put before the call started are listed; objects put or
     * deleted during the call may or may not be. A prefix that no valid name can start with gives an empty list.
     */
    List<StoreEntry> list(String prefix);

    /** Deletes the object. Deleting a missing object is not an error. Idempotent. */
    void delete(String name);

    /**
     * Whether this store refuses overwrites and deletes (except of {@code locks/} objects) as the class comment says.
     * False for stores the caller owns (local, S3, memory); wrappers answer for the store they wrap.
     */
    default boolean appendOnly() {
        return false;
    }

    /**
     * Whether each call is a network round trip (a Coffer server, S3), so that callers should prefer a few large reads
     * to many small ones (the repository then reads whole tree packs). Answers nothing about the contract; default
     * false.
     */
    default boolean remote() {
        return false;
    }

    /** Releases connections and threads. The store must not be used afterwards. */
    @Override
    default void close() {
    }

    /** Checks a name against the rules in the class comment and returns it. */
    static String checkName(String name) {
        if (!isValidName(name)) {
            throw new IllegalArgumentException("invalid object name: '" + name
                    + "' (segments of [A-Za-z0-9._-] separated by single '/', no '.' or '..' segment)");
        }
        return name;
    }

    /** Refuses a negative offset or length for {@link #getRange}. */
    static void checkRange(long offset, int length) {
        if (offset < 0 || length < 0) {
            throw new IllegalArgumentException("invalid range: offset " + offset + " and length " + length
                    + " must not be negative");
        }
    }

    /** Whether {@code name} follows the rules in the class comment. */
    static boolean isValidName(String name) {
        if (name == null || name.isEmpty()) {
            return false;
        }
        int segmentStart = 0;
        for (int i = 0; i <= name.length(); i++) {
            if (i == name.length() || name.charAt(i) == '/') {
                if (!isValidSegment(name, segmentStart, i)) {
                    return false;
                }
                segmentStart = i + 1;
            } else if (!isNameChar(name.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isValidSegment(String name, int start, int end) {
        int length = end - start;
        if (length == 0) {
            return false;
        }
        boolean dots = name.charAt(start) == '.' && (length == 1 || length == 2 && name.charAt(start + 1) == '.');
        return !dots;
    }

    private static boolean isNameChar(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '_' || c == '-';
    }
}
