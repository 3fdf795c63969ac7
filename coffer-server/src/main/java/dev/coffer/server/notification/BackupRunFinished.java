package dev.coffer.server.notification;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

import dev.coffer.server.quota.DeviceType;

/**
 * A device reported the end of a backup run. {@code runId} is the server's id of the run (unique per account); it
 * makes the notification idempotent. {@code message} is the agent's summary or error (may be empty).
 * {@code quotaStopped}: a hard quota refused one of the run's uploads. Such a run mails nobody: its error mail is the
 * {@link QuotaRefused} alert ("stopped"), so that one stopped backup makes one error mail, not two; and while the
 * account stays at its quota, later stopped runs add none (the console lists each run, the webhook gets each).
 */
public record BackupRunFinished(long accountId, String runId, String deviceName, DeviceType deviceType,
                                RunStatus status, Instant startedAt, Instant finishedAt, long files, long bytesAdded,
                                String message, List<String> unreadablePaths, boolean quotaStopped)
        implements NotificationEvent {

    /** A run that no quota stopped. */
    public BackupRunFinished(long accountId, String runId, String deviceName, DeviceType deviceType, RunStatus status,
                             Instant startedAt, Instant finishedAt, long files, long bytesAdded, String message,
                             List<String> unreadablePaths) {
        this(accountId, runId, deviceName, deviceType, status, startedAt, finishedAt, files, bytesAdded, message,
                unreadablePaths, false);
    }

    public BackupRunFinished {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(deviceName, "deviceName");
        Objects.requireNonNull(deviceType, "deviceType");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(finishedAt, "finishedAt");
        message = message == null ? "" : message;
        unreadablePaths = unreadablePaths == null ? List.of() : List.copyOf(unreadablePaths);
    }

    public Duration duration() {
        return Duration.between(startedAt, finishedAt);
    }

    @Override
    public String type() {
        return "backup-run-finished";
    }
}
