package dev.coffer.server.device;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import dev.coffer.server.backupaccount.AccountStatus;
import dev.coffer.server.backupaccount.BackupAccountService;
import dev.coffer.server.notification.DeviceMissedSchedule;
import dev.coffer.server.notification.MissedSchedule;
import dev.coffer.server.notification.Notifications;
import dev.coffer.server.system.Sql;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Finds the devices that missed their daily schedule: no successful (or warning) backup since a due time that lies
 * more than {@link MissedSchedule#after()} in the past, and publishes one {@link DeviceMissedSchedule} per device and
 * missed due time (the latest one; a device that stays silent is reported again for each later day). Due times are
 * the schedule's "HH:MM" in the server clock's zone, after the last successful backup's arrival (or the
 * registration). One query per scan; several instances may scan at once: the conditional update of
 * {@code device.missed_reported_for} lets one of them publish, and the outbox dedups regardless.
 */
@Component
public class MissedSchedules {

    private final JdbcClient jdbc;
    private final Clock clock;
    private final MissedSchedule missed;
    private final Notifications notifications;
    private final BackupAccountService accounts;
    private final TransactionTemplate transaction;

    MissedSchedules(JdbcClient jdbc, Clock clock, MissedSchedule missed, Notifications notifications,
                    BackupAccountService accounts, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.missed = missed;
        this.notifications = notifications;
        this.accounts = accounts;
        this.transaction = new TransactionTemplate(transactions);
    }

    private record Candidate(UUID id, long accountId, String name, String schedule, Instant since, Instant reported) {
    }

    /** Publishes the missed schedules not reported yet; returns how many. */
    @Scheduled(fixedDelayString = "${coffer.devices.missed-schedule-scan-interval:15m}",
            initialDelayString = "${coffer.devices.missed-schedule-scan-initial-delay:5m}")
    public int scan() {
        Instant now = clock.instant();
        List<Candidate> devices = jdbc.sql("SELECT d.id, d.account_id, d.name, d.schedule, d.registered_at, "
                        + "d.missed_reported_for, (SELECT MAX(r.received_at) FROM device_run r WHERE r.device_id = d.id "
                        + "AND r.kind = 'BACKUP' AND r.status IN ('SUCCESS', 'WARNING')) AS last_backup "
                        + "FROM device d WHERE d.removed_at IS NULL AND d.schedule IS NOT NULL")
                .query((rs, n) -> {
                    Instant last = Sql.instant(rs, "last_backup");
                    return new Candidate(rs.getObject("id", UUID.class), rs.getLong("account_id"),
                            rs.getString("name"), rs.getString("schedule"),
                            last != null ? last : Sql.instant(rs, "registered_at"), Sql.instant(rs, "missed_reported_for"));
                }).list();
        int published = 0;
        for (Candidate d : devices) {
            Optional<Instant> due = latestMissedDue(d.schedule(), d.since(), now, clock.getZone());
            if (due.isEmpty() || (d.reported() != null && !due.get().isAfter(d.reported())) || suspended(d)) {
                continue;
            }
            Instant expected = due.get();
            Boolean sent = transaction.execute(s -> {
                int claimed = jdbc.sql("UPDATE device SET missed_reported_for = ? WHERE id = ? AND "
                                + "(missed_reported_for IS NULL OR missed_reported_for < ?)")
                        .params(Sql.timestamp(expected), d.id(), Sql.timestamp(expected)).update();
                if (claimed == 1) {
                    notifications.publish(new DeviceMissedSchedule(d.accountId(), d.name(), d.since(), expected));
                }
                return claimed == 1;
            });
            if (Boolean.TRUE.equals(sent)) {
                published++;
            }
        }
        return published;
    }

    /** The latest due time after {@code since} that counts as missed at {@code now}, if any. */
    Optional<Instant> latestMissedDue(String schedule, Instant since, Instant now, ZoneId zone) {
        Instant limit = now.minus(missed.after());
        if (!limit.isAfter(since)) {
            return Optional.empty();
        }
        LocalTime time = LocalTime.parse(schedule);
        ZonedDateTime due = limit.atZone(zone).with(time);
        if (!due.toInstant().isBefore(limit)) {
            due = due.minusDays(1).with(time);
        }
        Instant d = due.toInstant();
        return d.isAfter(since) && missed.isMissed(d, now) ? Optional.of(d) : Optional.empty();
    }

    private boolean suspended(Candidate d) {
        // a suspended account cannot back up: that is not the device's fault
        return accounts.findById(d.accountId()).map(a -> a.status() == AccountStatus.SUSPENDED).orElse(true);
    }
}
