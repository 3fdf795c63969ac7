package dev.coffer.engine.retention;

/** Thrown when a retention policy would remove every item of a group: Coffer never forgets all snapshots at once. */
public final class RetentionRefusedException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public RetentionRefusedException(String message) {
        super(message);
    }
}
