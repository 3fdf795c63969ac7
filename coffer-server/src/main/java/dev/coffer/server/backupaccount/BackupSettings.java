package dev.coffer.server.backupaccount;

import java.util.Objects;

import dev.coffer.server.quota.Quotas;

/** What an admin sets on the Backup User Settings page (everything but the password). */
public record BackupSettings(String login, NotificationLevel notificationLevel, boolean quotaNotifications,
                             boolean manageOtherUsers, Quotas quotas) {

    public BackupSettings {
        Objects.requireNonNull(quotas, "quotas");
    }
}
