package dev.coffer.engine.store;

import java.util.List;

/**
 * Raw object storage under flat names such as {@code data/3f/3fa4...} or {@code config}: the lowest layer of a
 * repository. A store knows nothing of encryption, packing or deduplication.
 *
 * <p>Names are non-empty strings of the characters {@code [A-Za-z0-9._-]} separated by single {@code /}, with no
 * leading or trailing slash and no {@code .} or {@code ..} segment; any other name is refused with
 * {@link IllegalArgumentException}.
 *
 * <p>Contract shared by every implementation (checked by the one contract test suite):
 * <ul>
 *   <li>Implementations are safe for concurrent use by many threads.</li>
 *   <li>{@link #put} is atomic: a concurrent or later reader sees either no object or the complete data, never a
 *   partial object, also when the writer crashes mid-way.</li>
 *   <li>{@link #put} and {@link #delete} are idempotent, so callers (and {@code RetryingStore}) may repeat them.</li>
 *   <li>Failures are {@link StoreException}s; {@link StoreException#retriable()} says whether trying again may help.
 *   A missing object is always {@link ObjectNotFoundException}.</li>
 * </ul>
 */
public interface Store extends AutoCloseable {

    /** Stores {@code data} under {@code name}, replacing any object of that name. Atomic and idempotent. */
    void put(String name, byte[] data);

    /** Returns the whole object. Throws {@link ObjectNotFoundException} when there is none. */
    byte[] get(String name);

    /**
     * Returns {@code length} bytes from {@code offset}. Throws {@link ObjectNotFoundException} when there is no such
     * object and {@link StoreException} (not retriable) when the range reaches past its end.
     */
    byte[] getRange(String name, long offset, int length);

    /** Returns the size in bytes of the object, or throws {@link ObjectNotFoundException}. */
    long size(String name);

    /**
     * Lists the objects whose names start with {@code prefix} (use {@code ""} for all), in no particular order.
     * Objects put before the call started are listed; objects put or deleted during the call may or may not be.
     */
    List<StoreEntry> list(String prefix);

    /** Deletes the object. Deleting a missing object is not an error. Idempotent. */
    void delete(String name);

    /** Releases connections and threads. The store must not be used afterwards. */
    @Override
    default void close() {
    }

    /** Checks a name against the rules in the class comment. */
    static String checkName(String name) {
        if (name == null || name.isEmpty() || name.startsWith("/") || name.endsWith("/") || name.contains("//")) {
            throw new IllegalArgumentException("invalid object name: '" + name + "'");
        }
        for (String segment : name.split("/")) {
            if (segment.equals(".") || segment.equals("..") || !segment.matches("[A-Za-z0-9._-]+")) {
                throw new IllegalArgumentException("invalid object name: '" + name + "'");
            }
        }
        return name;
    }
}
