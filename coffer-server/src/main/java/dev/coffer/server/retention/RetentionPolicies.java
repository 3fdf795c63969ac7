package dev.coffer.server.retention;

import java.time.Clock;
import java.util.Optional;

import dev.coffer.server.system.ConflictException;
import dev.coffer.server.system.Sql;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Reads and sets each backup account's retention policy (table {@code retention_policy}). */
@Service
public class RetentionPolicies {

    private final JdbcClient jdbc;
    private final Clock clock;

    public RetentionPolicies(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** The account's policy: its own, or the default (version 0) until one is set; with its last run. */
    @Transactional(readOnly = true)
    public StoredRetention get(long accountId) {
        Optional<StoredRetention.LastRun> last = jdbc.sql("SELECT last_run_at, snapshots_removed, bytes_freed, message "
                        + "FROM retention_run WHERE account_id = ? AND last_run_at IS NOT NULL").param(accountId)
                .query((rs, n) -> new StoredRetention.LastRun(Sql.instant(rs, "last_run_at"), rs.getInt(2),
                        rs.getLong(3), Optional.ofNullable(rs.getString(4)))).optional();
        return jdbc.sql("SELECT keep_last, keep_daily, keep_weekly, keep_monthly, keep_yearly, version FROM "
                        + "retention_policy WHERE account_id = ?").param(accountId)
                .query((rs, n) -> new StoredRetention(new RetentionSettings(rs.getInt(1), rs.getInt(2), rs.getInt(3),
                        rs.getInt(4), rs.getInt(5)), rs.getLong(6), last)).optional()
                .orElseGet(() -> new StoredRetention(RetentionSettings.DEFAULT, 0, last));
    }

    /**
     * Sets the account's policy if it is still at {@code expectedVersion}; the job applies it from its next run.
     *
     * @throws ConflictException when someone changed it meanwhile (nothing is changed then)
     */
    @Transactional
    public StoredRetention set(long accountId, RetentionSettings s, long expectedVersion) {
        int changed;
        if (expectedVersion == 0) {
            try {
                changed = jdbc.sql("INSERT INTO retention_policy (account_id, keep_last, keep_daily, keep_weekly, "
                                + "keep_monthly, keep_yearly, version, updated_at) SELECT ?, ?, ?, ?, ?, ?, 1, ? WHERE "
                                + "NOT EXISTS (SELECT 1 FROM retention_policy WHERE account_id = ?)")
                        .params(accountId, s.keepLast(), s.keepDaily(), s.keepWeekly(), s.keepMonthly(), s.keepYearly(),
                                Sql.timestamp(clock.instant()), accountId).update();
            } catch (DuplicateKeyException e) {
                // set concurrently (the transaction is aborted on PostgreSQL: no reading here)
                throw new ConflictException("the retention policy was changed by someone else meanwhile; reload and "
                        + "try again");
            }
        } else {
            changed = jdbc.sql("UPDATE retention_policy SET keep_last = ?, keep_daily = ?, keep_weekly = ?, "
                            + "keep_monthly = ?, keep_yearly = ?, version = version + 1, updated_at = ? WHERE "
                            + "account_id = ? AND version = ?")
                    .params(s.keepLast(), s.keepDaily(), s.keepWeekly(), s.keepMonthly(), s.keepYearly(),
                            Sql.timestamp(clock.instant()), accountId, expectedVersion).update();
        }
        if (changed == 0) {
            throw new ConflictException("the retention policy was changed by someone else (version "
                    + get(accountId).version() + ", not " + expectedVersion + "); reload and try again");
        }
        return get(accountId);
    }
}
