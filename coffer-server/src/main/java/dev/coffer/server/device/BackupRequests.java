package dev.coffer.server.device;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import dev.coffer.server.system.NotFoundException;
import dev.coffer.server.system.Sql;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * "Back up now": a request that a device backs up at its next poll instead of waiting for its schedule. A device has
 * at most one pending request (asking again keeps the first one's time); the device's next backup run start
 * acknowledges it, so each request is served by exactly one run. Every method takes the account, so an id of another
 * account's device is not found.
 */
@Service
public class BackupRequests {

    private final JdbcClient jdbc;
    private final Clock clock;

    BackupRequests(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * Asks the account's device for a backup; returns when the pending request was made (now, or the earlier time
     * of a request not served yet).
     *
     * @throws NotFoundException when the account has no such (registered, not removed) device
     */
    public Instant request(long accountId, UUID deviceId) {
        jdbc.sql("UPDATE device SET backup_requested_at = ? WHERE id = ? AND account_id = ? AND removed_at IS NULL "
                        + "AND backup_requested_at IS NULL")
                .params(Sql.timestamp(clock.instant()), deviceId, accountId).update();
        return jdbc.sql("SELECT backup_requested_at FROM device WHERE id = ? AND account_id = ? AND removed_at IS NULL")
                .params(deviceId, accountId)
                .query((rs, n) -> Optional.ofNullable(Sql.instant(rs, "backup_requested_at")))
                .optional()
                .orElseThrow(() -> new NotFoundException("device " + deviceId + " not found"))
                // served between the two statements: the request still reached the device
                .orElseGet(clock::instant);
    }

    /** When the device was asked for a backup it has not started yet; empty when nothing is pending. */
    public Optional<Instant> pending(UUID deviceId) {
        return jdbc.sql("SELECT backup_requested_at FROM device WHERE id = ?").param(deviceId)
                .query((rs, n) -> Optional.ofNullable(Sql.instant(rs, "backup_requested_at")))
                .optional().flatMap(o -> o);
    }

    /** A backup run of the device starts: it serves the pending request (it reads the files after it was made). */
    void acknowledge(UUID deviceId) {
        jdbc.sql("UPDATE device SET backup_requested_at = NULL WHERE id = ? AND backup_requested_at IS NOT NULL")
                .param(deviceId).update();
    }
}
