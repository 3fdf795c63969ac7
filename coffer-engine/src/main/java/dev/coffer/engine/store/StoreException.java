package dev.coffer.engine.store;

/**
 * A store operation failed. The message names the operation and the object; {@link #retriable()} says whether the
 * same call may succeed when tried again (a network error, a throttled request) or not (bad credentials, a bad range).
 */
public class StoreException extends RuntimeException {

    private final boolean retriable;

    public StoreException(String message, boolean retriable, Throwable cause) {
        super(message, cause);
        this.retriable = retriable;
    }

    public StoreException(String message, boolean retriable) {
        this(message, retriable, null);
    }

    /** The failure of {@link Store#getRange} for a range that reaches past the end of an object of {@code size} bytes. */
    public static StoreException rangePastEnd(String name, long offset, int length, long size) {
        return new StoreException("getRange " + name + ": range " + offset + "+" + length + " reaches past the end of the object ("
                + size + " bytes)", false);
    }

    public boolean retriable() {
        return retriable;
    }
}
