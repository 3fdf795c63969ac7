package dev.coffer.server.backupaccount;

import java.util.Objects;

import dev.coffer.server.quota.Quotas;

/** What an admin sets on the Backup User Settings page (everything but the password). */
public record BackupSettings(String login, NotificationLevel notificationLevel, boolean quotaNotifications,
                             boolean manageOtherUsers, Quotas quotas) {

    /** What a new account gets unless the admin chooses otherwise (the reference product's "none" is a complaint). */
    public static final NotificationLevel DEFAULT_NOTIFICATION_LEVEL = NotificationLevel.ERRORS_AND_WARNINGS;
    public static final boolean DEFAULT_QUOTA_NOTIFICATIONS = true;

    public BackupSettings {
        Objects.requireNonNull(quotas, "quotas");
    }
}
