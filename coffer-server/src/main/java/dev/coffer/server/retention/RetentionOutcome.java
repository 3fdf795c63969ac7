package dev.coffer.server.retention;

/**
 * What one run of the retention job did on one account: {@code snapshotsRemoved} forgotten and {@code bytesFreed}
 * (the drop of the account's usage), or why it did nothing this round.
 */
public record RetentionOutcome(long accountId, Status status, int snapshotsRemoved, long bytesFreed, String message) {

    public enum Status {
        /** The policy was applied (possibly removing nothing). */
        APPLIED,
        /** A backup of the account is running: skipped this round, tried again at the next. */
        BACKUP_RUNNING,
        /** Another server instance is applying the account's policy now. */
        BUSY,
        /** The account has no repository (no device registered yet) or is gone. */
        NO_REPOSITORY,
        /** Forget or prune failed; the next round prunes again. */
        FAILED
    }
}
