package dev.coffer.server.notification;

/** How a backup run ended, as the agent reports it. */
public enum RunStatus {
    SUCCESS,
    /** Finished, but with unreadable files or other warnings. */
    WARNING,
    ERROR
}
