package dev.coffer.server.usage;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.coffer.engine.store.StoreEntry;
import dev.coffer.server.quota.DeviceType;
import dev.coffer.server.storage.AccountStores;
import dev.coffer.server.system.Sql;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Compares the ledger with what each account's store holds (locks aside) and corrects, and logs, any drift:
 * objects missing from the ledger are added (charged to no device type), vanished ones removed, sizes fixed, and the
 * used bytes recomputed from the ledger. Runs every {@code coffer.usage.reconcile-interval} (default 6 h; after
 * {@code coffer.usage.reconcile-initial-delay}, default 10 min) and after an account's repository is
 * created.
 * An upload that commits while its account is being reconciled may be charged to no type (never counted twice).
 *
 * <p>It also releases the reservations older than {@code coffer.quota.reservation-lease} (default 1 h, longer than
 * any upload): those of uploads that never ended because their server instance died or the upload hung, which would
 * otherwise hold quota forever. That sweep runs every {@code coffer.quota.reservation-sweep-interval} (default 5
 * min) as well, since it is one indexed query.
 */
@Component
public class UsageReconciliation {

    private static final Logger log = LoggerFactory.getLogger(UsageReconciliation.class);

    private final JdbcClient jdbc;
    private final AccountStores stores;
    private final UsageLedger ledger;
    private final Clock clock;
    private final TransactionTemplate transaction;
    private final Duration lease;

    public UsageReconciliation(JdbcClient jdbc, AccountStores stores, UsageLedger ledger,
                               Clock clock, PlatformTransactionManager transactions,
                               @Value("${coffer.quota.reservation-lease:1h}") Duration lease) {
        if (lease.isNegative() || lease.isZero()) {
            throw new IllegalStateException("coffer.quota.reservation-lease must be positive");
        }
        this.lease = lease;
        this.jdbc = jdbc;
        this.stores = stores;
        this.ledger = ledger;
        this.clock = clock;
        this.transaction = new TransactionTemplate(transactions);
    }

    /** Reconciles every account that has stored anything; returns the number of corrections. */
    @Scheduled(fixedDelayString = "${coffer.usage.reconcile-interval:6h}",
            initialDelayString = "${coffer.usage.reconcile-initial-delay:10m}")
    public int reconcileAll() {
        releaseStaleReservations();
        int corrections = 0;
        for (Map.Entry<Long, Long> account : ledger.accounts().entrySet()) {
            long accountId = account.getKey();
            try {
                corrections += reconcile(accountId, account.getValue());
            } catch (RuntimeException e) {
                log.warn("Usage reconciliation of backup account {} failed: {}", accountId, e.toString());
            }
        }
        return corrections;
    }

    /**
     * Releases the reservations older than the lease that neither committed nor were released; returns how many.
     * Safe on several instances at once: each reservation is given back by whoever deletes its row.
     */
    @Scheduled(fixedDelayString = "${coffer.quota.reservation-sweep-interval:5m}",
            initialDelayString = "${coffer.quota.reservation-sweep-interval:5m}")
    public int releaseStaleReservations() {
        int released = 0;
        for (Reservation r : ledger.reservedBefore(clock.instant().minus(lease))) {
            if (ledger.releaseStale(r)) {
                log.warn("Usage of backup account {}: released {} bytes reserved more than {} ago by an upload that "
                        + "never ended (reservation {})", r.accountId(), r.bytes(), lease, r.id());
                released++;
            }
        }
        return released;
    }

    /** Reconciles one account of the customer; returns the number of corrections (0 = no drift). */
    public int reconcile(long accountId, long customerId) {
        return reconcile(accountId, customerId, true);
    }

    /**
     * Records the objects the server wrote when it created the account's repository (config, keys): the same
     * comparison as {@link #reconcile}, but these are expected, not drift.
     */
    public void repositoryCreated(long accountId, long customerId) {
        reconcile(accountId, customerId, false);
    }

    private int reconcile(long accountId, long customerId, boolean drift) {
        ledger.ensureCounters(accountId, customerId);
        Map<String, Long> stored = new HashMap<>();
        for (StoreEntry e : stores.store(accountId).list("")) {
            if (!e.name().startsWith("locks/")) {
                stored.put(e.name(), e.size());
            }
        }
        Integer fixed = transaction.execute(s -> {
            int corrections = 0;
            Map<String, Long> recorded = new HashMap<>();
            jdbc.sql("SELECT name, size FROM stored_object WHERE account_id = ?").param(accountId)
                    .query((rs, n) -> recorded.put(rs.getString(1), rs.getLong(2))).list();
            for (Map.Entry<String, Long> e : stored.entrySet()) {
                Long size = recorded.get(e.getKey());
                if (size == null) {
                    jdbc.sql("INSERT INTO stored_object (account_id, name, size, device_type, received_at) "
                                    + "SELECT ?, ?, ?, NULL, ? WHERE NOT EXISTS (SELECT 1 FROM stored_object WHERE "
                                    + "account_id = ? AND name = ?)")
                            .params(accountId, e.getKey(), e.getValue(), Sql.timestamp(clock.instant()), accountId,
                                    e.getKey()).update();
                    if (drift) {
                        log.warn("Usage of backup account {}: {} ({} bytes) is stored but was not in the ledger; "
                                + "added", accountId, e.getKey(), e.getValue());
                    }
                    corrections++;
                } else if (size.longValue() != e.getValue()) {
                    jdbc.sql("UPDATE stored_object SET size = ? WHERE account_id = ? AND name = ?")
                            .params(e.getValue(), accountId, e.getKey()).update();
                    log.warn("Usage of backup account {}: {} has {} bytes, the ledger said {}; corrected",
                            accountId, e.getKey(), e.getValue(), size);
                    corrections++;
                }
            }
            for (String name : recorded.keySet()) {
                if (!stored.containsKey(name)) {
                    jdbc.sql("DELETE FROM stored_object WHERE account_id = ? AND name = ?").params(accountId, name)
                            .update();
                    log.warn("Usage of backup account {}: {} is in the ledger but not in the store; removed",
                            accountId, name);
                    corrections++;
                }
            }
            corrections += recount(accountId, UsageLedger.STORAGE, "", drift);
            for (DeviceType t : DeviceType.values()) {
                corrections += recount(accountId, t.name(), " AND device_type = '" + t.name() + "'", drift);
            }
            if (corrections > 0) {
                ledger.corrected(accountId);
            }
            return corrections;
        });
        return fixed == null ? 0 : fixed;
    }

    private int recount(long accountId, String item, String filter, boolean drift) {
        long sum = jdbc.sql("SELECT COALESCE(SUM(size), 0) FROM stored_object WHERE account_id = ?" + filter)
                .param(accountId).query(Long.class).single();
        List<Long> used = jdbc.sql("SELECT used FROM usage_counter WHERE account_id = ? AND item = ? FOR UPDATE")
                .params(accountId, item).query(Long.class).list();
        if (used.isEmpty() || used.get(0) == sum) {
            return 0;
        }
        jdbc.sql("UPDATE usage_counter SET used = ? WHERE account_id = ? AND item = ?").params(sum, accountId, item)
                .update();
        if (drift) {
            log.warn("Usage of backup account {}: {} used {} bytes, the ledger sums to {}; corrected", accountId,
                    item, used.get(0), sum);
        }
        return 1;
    }
}
