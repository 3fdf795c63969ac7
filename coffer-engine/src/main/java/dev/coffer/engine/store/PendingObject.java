package dev.coffer.engine.store;

/**
 * An object being written piecewise, whose name is known only when it is complete (a pack is named by the SHA-256
 * of its bytes). Made by {@link Store#create()}; used by one thread at a time, while any number of pending objects of
 * one store may be written concurrently.
 *
 * <p>Contract shared by every implementation (checked by {@code StoreContractTest}):
 * <ul>
 *   <li>{@link #write} appends; it copies or writes out the bytes before it returns, so the caller may reuse its
 *   array at once. Nothing written is visible in the store before {@link #commit}: no reader, no {@link Store#list}
 *   sees an uncommitted object, whatever happens to the writer (also when its process is killed).</li>
 *   <li>{@link #commit} stores everything written under {@code name}, replacing any object of that name, with the
 *   same atomicity as {@link Store#put}: a reader sees no object (or the previous one) or the whole new one. A name
 *   that breaks the rules of {@link Store} is refused with {@link IllegalArgumentException} before anything is
 *   stored, and the pending object stays usable. After a failed commit (retriable or not) the written bytes are
 *   kept, so commit may be called again; after a successful one, committing again under the same name does nothing
 *   (so {@code RetryingStore} may repeat it), under another name, or writing more, throws
 *   {@link IllegalStateException}.</li>
 *   <li>{@link #close} releases the pending object's resources and discards its data unless it was committed; it is
 *   idempotent and never throws. Every pending object must be closed, committed or not.</li>
 *   <li>Failures are {@link StoreException}s as for the other store operations.</li>
 * </ul>
 */
public interface PendingObject extends AutoCloseable {

    /** Appends {@code data[off, off+len)}. */
    void write(byte[] data, int off, int len);

    /** The number of bytes written so far. */
    long size();

    /** Stores the written bytes under {@code name}. Atomic; idempotent for the same name. */
    void commit(String name);

    /** Discards the data unless committed and releases resources. Idempotent, never throws. */
    @Override
    void close();

    /** Refuses a bad {@code off} or {@code len} for {@code data}. */
    static void checkSlice(byte[] data, int off, int len) {
        java.util.Objects.checkFromIndexSize(off, len, data.length);
    }

    /** For a repeated commit of an object committed as {@code committed}: allowed only under the same name. */
    static void checkCommittedAs(String committed, String name) {
        if (!committed.equals(name)) {
            throw new IllegalStateException("object already committed as " + committed + ", cannot commit it as " + name);
        }
    }
}
