package dev.coffer.server.device;

import java.util.EnumMap;
import java.util.Map;

import dev.coffer.server.backupaccount.BackupAccount;
import dev.coffer.server.quota.DeviceType;
import dev.coffer.server.quota.Limit;
import dev.coffer.server.usage.DeviceCounts;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The registered devices per account and type ({@code device_count}): what the device count quotas are checked
 * against, taken by one conditional UPDATE so that concurrent registrations, also on several server instances, never
 * pass quota + overage.
 */
@Component
class DeviceSlots implements DeviceCounts {

    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;

    DeviceSlots(JdbcClient jdbc, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactions);
        this.transaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    @Override
    public Map<DeviceType, Long> counts(long accountId) {
        Map<DeviceType, Long> counts = new EnumMap<>(DeviceType.class);
        for (DeviceType t : DeviceType.values()) {
            counts.put(t, 0L);
        }
        jdbc.sql("SELECT device_type, registered FROM device_count WHERE account_id = ?").param(accountId)
                .query((rs, n) -> counts.put(DeviceType.valueOf(rs.getString(1)), rs.getLong(2))).list();
        return counts;
    }

    @Override
    public Map<DeviceType, Long> customerCounts(long customerId) {
        Map<DeviceType, Long> counts = new EnumMap<>(DeviceType.class);
        for (DeviceType t : DeviceType.values()) {
            counts.put(t, 0L);
        }
        jdbc.sql("SELECT device_type, COUNT(*) FROM device WHERE customer_id = ? AND removed_at IS NULL GROUP BY "
                        + "device_type").param(customerId)
                .query((rs, n) -> counts.put(DeviceType.valueOf(rs.getString(1)), rs.getLong(2))).list();
        return counts;
    }

    /** The counter row exists before the registration's transaction (a failed INSERT would abort it on PostgreSQL). */
    void ensureCounter(long accountId, DeviceType type) {
        if (jdbc.sql("SELECT COUNT(*) FROM device_count WHERE account_id = ? AND device_type = ?")
                .params(accountId, type.name()).query(Long.class).single() > 0) {
            return;
        }
        try {
            transaction.executeWithoutResult(s -> jdbc.sql("INSERT INTO device_count (account_id, device_type, "
                    + "registered) VALUES (?, ?, 0)").params(accountId, type.name()).update());
        } catch (DuplicateKeyException e) {
            // made by a concurrent registration
        }
    }

    /** Takes one slot of the type in the caller's transaction. @throws AgentProblemException device-quota when full */
    void take(BackupAccount account, DeviceType type) {
        Limit limit = account.quotas().of(type).devices();
        if (limit.isUnlimited() || limit.isSoft()) {
            jdbc.sql("UPDATE device_count SET registered = registered + 1 WHERE account_id = ? AND device_type = ?")
                    .params(account.id(), type.name()).update();
            return;
        }
        long max = limit.value().getAsLong() + limit.overage().getAsLong();
        int taken = jdbc.sql("UPDATE device_count SET registered = registered + 1 WHERE account_id = ? AND "
                        + "device_type = ? AND registered + 1 <= ?")
                .params(account.id(), type.name(), max).update();
        if (taken != 1) {
            long registered = counts(account.id()).get(type);
            long quota = limit.value().getAsLong();
            String message = "this account may register " + DeviceNames.count(quota, type)
                    + (limit.overage().getAsLong() > 0 ? " (+" + limit.overage().getAsLong() + " over the quota)" : "")
                    + "; " + registered + (registered == 1 ? " is" : " are") + " registered";
            throw new AgentProblemException(AgentProblem.DEVICE_QUOTA, 403, message,
                    Map.of("deviceType", type.name(), "limit", quota, "registered", registered));
        }
    }

    /** Gives the slot of a removed device back, in the caller's transaction. */
    void free(long accountId, String type) {
        jdbc.sql("UPDATE device_count SET registered = registered - 1 WHERE account_id = ? AND device_type = ? "
                + "AND registered > 0").params(accountId, type).update();
    }
}
