package dev.coffer.server.backupaccount;

import java.time.Instant;

/** A removed backup account: its stored backups are kept until {@code deleteBackupsAfter}, then deleted. */
public record RemovedAccount(String login, Instant removedAt, Instant deleteBackupsAfter) {
}
