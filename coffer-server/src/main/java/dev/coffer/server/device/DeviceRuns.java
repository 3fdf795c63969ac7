package dev.coffer.server.device;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import dev.coffer.server.notification.BackupRunFinished;
import dev.coffer.server.notification.Notifications;
import dev.coffer.server.system.FieldProblem;
import dev.coffer.server.system.NotFoundException;
import dev.coffer.server.system.Sql;
import dev.coffer.server.system.ValidationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The runs devices report: started, then finished with a status. A device sees and finishes only its own runs. The
 * server stamps when it received each report; the times the device sends are kept as reported. A finished backup
 * run is published as a {@link BackupRunFinished} in the transaction that records its end.
 */
@Service
public class DeviceRuns {

    static final int MAX_MESSAGE = 2000;
    static final int MAX_PATHS = 1000;
    private static final List<String> KINDS = List.of("BACKUP", "RESTORE", "CHECK");

    private final JdbcClient jdbc;
    private final Clock clock;
    private final Notifications notifications;
    private final TransactionTemplate transaction;
    private final BackupRequests requests;

    public DeviceRuns(JdbcClient jdbc, Clock clock, Notifications notifications,
                      PlatformTransactionManager transactions, BackupRequests requests) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.notifications = notifications;
        this.transaction = new TransactionTemplate(transactions);
        this.requests = requests;
    }

    /** What a device reports at the end of a run; null fields were not sent. */
    public record Finish(String status, Instant finishedAt, Long files, Long bytesAdded, Long bytesRead,
                         String snapshotId, String message, List<String> unreadablePaths) {
    }

    /**
     * Starts a run of {@code kind} (BACKUP, RESTORE or CHECK); a BACKUP run serves the device's pending "back up now"
     * request. @throws ValidationException naming kind or startedAt
     */
    public UUID start(DevicePrincipal device, String kind, Instant startedAt) {
        List<FieldProblem> problems = new ArrayList<>();
        if (kind == null || !KINDS.contains(kind)) {
            problems.add(new FieldProblem("kind", "must be one of " + String.join(", ", KINDS)));
        }
        if (startedAt == null) {
            problems.add(new FieldProblem("startedAt", "must be an ISO-8601 instant such as 2026-01-31T02:00:00Z"));
        }
        ValidationException.throwIfAny(problems);
        UUID id = UUID.randomUUID();
        jdbc.sql("INSERT INTO device_run (id, device_id, kind, status, started_at, received_at) VALUES (?, ?, ?, ?, ?, ?)")
                .params(id, device.deviceId(), kind, RunStatus.RUNNING.name(), Sql.timestamp(startedAt),
                        Sql.timestamp(clock.instant()))
                .update();
        if (kind.equals("BACKUP")) {
            requests.acknowledge(device.deviceId());
        }
        return id;
    }

    /** Finishes the device's run. @throws NotFoundException for another device's or an unknown run */
    public void finish(DevicePrincipal device, UUID runId, Finish f) {
        List<FieldProblem> problems = new ArrayList<>();
        RunStatus status = null;
        try {
            status = f.status() == null ? null : RunStatus.valueOf(f.status());
        } catch (IllegalArgumentException e) {
            // reported below
        }
        if (status == null || status == RunStatus.RUNNING) {
            problems.add(new FieldProblem("status", "must be one of SUCCESS, WARNING, ERROR"));
        }
        if (f.finishedAt() == null) {
            problems.add(new FieldProblem("finishedAt", "must be an ISO-8601 instant such as 2026-01-31T02:00:00Z"));
        }
        nonNegative("files", f.files(), problems);
        nonNegative("bytesAdded", f.bytesAdded(), problems);
        nonNegative("bytesRead", f.bytesRead(), problems);
        if (f.snapshotId() != null && !f.snapshotId().matches("[0-9a-f]{64}")) {
            problems.add(new FieldProblem("snapshotId", "must be 64 lower-case hex digits or null"));
        }
        if (f.message() != null && f.message().length() > MAX_MESSAGE) {
            problems.add(new FieldProblem("message", "must be at most " + MAX_MESSAGE + " characters"));
        }
        List<String> paths = f.unreadablePaths() == null ? List.of() : f.unreadablePaths();
        if (paths.size() > MAX_PATHS || paths.stream().anyMatch(p -> p == null || p.length() > 4096)) {
            problems.add(new FieldProblem("unreadablePaths", "must be at most " + MAX_PATHS + " paths of at most "
                    + "4096 characters"));
        }
        ValidationException.throwIfAny(problems);
        RunStatus finished = status;
        transaction.executeWithoutResult(s -> {
            int n = jdbc.sql("UPDATE device_run SET status = ?, finished_at = ?, files = ?, bytes_added = ?, "
                            + "bytes_read = ?, snapshot_id = ?, message = ?, unreadable_paths = ? WHERE id = ? AND "
                            + "device_id = ?")
                    .params(finished.name(), Sql.timestamp(f.finishedAt()), f.files(), f.bytesAdded(), f.bytesRead(),
                            f.snapshotId(), f.message(), paths.isEmpty() ? null : String.join("\n", paths), runId,
                            device.deviceId())
                    .update();
            if (n != 1) {
                throw new NotFoundException("run " + runId + " not found");
            }
            record Run(String kind, Instant startedAt, boolean quotaStopped) {
            }
            Run run = jdbc.sql("SELECT kind, started_at, quota_stopped FROM device_run WHERE id = ?").param(runId)
                    .query((rs, i) -> new Run(rs.getString("kind"), Sql.instant(rs, "started_at"),
                            rs.getBoolean("quota_stopped"))).single();
            if (run.kind().equals("BACKUP")) {
                // the run's id makes it idempotent: a repeated report notifies once
                notifications.publish(new BackupRunFinished(device.accountId(), runId.toString(), device.name(),
                        device.type(), dev.coffer.server.notification.RunStatus.valueOf(finished.name()),
                        run.startedAt(), f.finishedAt(), f.files() == null ? 0 : f.files(),
                        f.bytesAdded() == null ? 0 : f.bytesAdded(), f.message(), paths, run.quotaStopped()));
            }
        });
    }

    /**
     * A hard quota refused an upload of the device: its running backup runs are marked as stopped by a quota (their
     * error mail is the quota alert, see {@link BackupRunFinished#quotaStopped()}). Must run in the refusal's
     * transaction.
     */
    public void quotaStopped(DevicePrincipal device) {
        jdbc.sql("UPDATE device_run SET quota_stopped = TRUE WHERE device_id = ? AND kind = 'BACKUP' AND status = ?")
                .params(device.deviceId(), RunStatus.RUNNING.name()).update();
    }

    private static void nonNegative(String field, Long value, List<FieldProblem> problems) {
        if (value != null && value < 0) {
            problems.add(new FieldProblem(field, "must not be negative"));
        }
    }
}
