package dev.coffer.engine.store;

/**
 * An {@linkplain Store#appendOnly() append-only} store refused to overwrite or delete an object; nothing was changed.
 * Never retriable: the same call would be refused again. The message says what to do instead (for a Coffer server:
 * the account's retention policy removes old snapshots).
 */
public class AppendOnlyException extends StoreException {

    private static final long serialVersionUID = 1L;

    public AppendOnlyException(String message) {
        super(message, false);
    }
}
