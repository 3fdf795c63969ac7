package dev.coffer.server.backupaccount;

import java.time.Instant;

import dev.coffer.server.quota.Quotas;

/** The backup service of one user; {@code version} changes with every change (optimistic locking). */
public record BackupAccount(long id, long customerId, long userId, String login, NotificationLevel notificationLevel,
                            boolean quotaNotifications, boolean manageOtherUsers, Quotas quotas, AccountStatus status,
                            Instant createdAt, long version) {
}
