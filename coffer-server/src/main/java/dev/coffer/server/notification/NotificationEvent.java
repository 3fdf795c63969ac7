package dev.coffer.server.notification;

/**
 * Something that happened to a backup account or a customer and may cause notifications. Implementations are
 * values; publishing the same value twice notifies once.
 */
public sealed interface NotificationEvent permits BackupRunFinished, QuotaRefused, DeviceMissedSchedule, UsageChanged {

    /** The event's name in the outbox and in webhook bodies, e.g. {@code backup-run-finished}. */
    String type();
}
