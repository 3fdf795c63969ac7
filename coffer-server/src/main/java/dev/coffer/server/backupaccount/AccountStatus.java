package dev.coffer.server.backupaccount;

/** Whether the backup service runs for an account; a disabled customer's accounts read as SUSPENDED. */
public enum AccountStatus {
    ACTIVE,
    SUSPENDED
}
