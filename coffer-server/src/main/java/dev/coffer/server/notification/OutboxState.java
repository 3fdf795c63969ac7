package dev.coffer.server.notification;

/** Where a message in the outbox is: waiting (first try or a retry), being sent, delivered, or given up. */
public enum OutboxState {
    QUEUED,
    SENDING,
    SENT,
    FAILED
}
