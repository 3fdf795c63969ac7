package dev.coffer.server.usage;

import java.time.Clock;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import dev.coffer.server.quota.DeviceType;
import dev.coffer.server.quota.Limit;
import dev.coffer.server.quota.Quotas;
import dev.coffer.server.system.Sql;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The ledger of stored objects and the byte counters of each account (item {@code STORAGE}) and device type (item
 * = the type's name). An upload first {@linkplain #reserve reserves} its size with one conditional
 * {@code UPDATE ... WHERE used + reserved + n <= limit + overage} per counter, committed at once, so concurrent
 * uploads (on any number of server instances sharing the database) never take usage past quota + overage; then
 * {@linkplain #commit commits} (ledger row and used bytes in one transaction) or {@linkplain #release releases}.
 * Bytes count against the type of the device that first stored them; storing an object again is free.
 */
@Service
public class UsageLedger {

    static final String STORAGE = "STORAGE";
    static final double GB = 1_000_000_000d;

    private final JdbcClient jdbc;
    // lazily: the device feature's services need the customer's, whose usage figures come from here
    private final ObjectProvider<DeviceCounts> devices;
    private final Clock clock;
    private final TransactionTemplate transaction;
    private final long metadataAllowance;
    /** Bytes in one quota "GB": 10^9 by default; a provider that bills in GiB sets 1073741824 (coffer.quota.gigabyte). */
    private final long bytesPerGb;

    public UsageLedger(JdbcClient jdbc, ObjectProvider<DeviceCounts> devices, Clock clock, PlatformTransactionManager transactions,
                       @Value("${coffer.quota.metadata-allowance:64MB}") org.springframework.util.unit.DataSize allowance,
                       @Value("${coffer.quota.gigabyte:1000000000}") long bytesPerGb) {
        if (bytesPerGb < 1) {
            throw new IllegalStateException("coffer.quota.gigabyte must be at least 1 (bytes in one quota GB)");
        }
        this.bytesPerGb = bytesPerGb;
        if (allowance.isNegative()) {
            throw new IllegalStateException("coffer.quota.metadata-allowance must not be negative");
        }
        this.jdbc = jdbc;
        this.devices = devices;
        this.clock = clock;
        this.transaction = new TransactionTemplate(transactions);
        this.transaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.metadataAllowance = allowance.toBytes();
    }

    /**
     * Reserves {@code bytes} for an upload by a device of {@code type} against {@code quotas} (the account's).
     * {@code metadata} objects (index, snapshots) may pass the hard limit by the metadata allowance
     * ({@code coffer.quota.metadata-allowance}, default 64 MiB), so that a run can always finish and report.
     * A soft quota (unlimited overage) never refuses.
     *
     * @throws QuotaExceededException when a quota + overage (+ allowance) has no room; nothing is reserved then
     */
    public Reservation reserve(long accountId, long customerId, DeviceType type, Quotas quotas, long bytes,
                               boolean metadata) {
        if (bytes < 0) {
            throw new IllegalArgumentException("bytes must not be negative: " + bytes);
        }
        ensureCounters(accountId, customerId);
        long extra = metadata ? metadataAllowance : 0;
        transaction.executeWithoutResult(s -> {
            // Always storage first, then the type: concurrent reservations lock the rows in one order.
            take(accountId, STORAGE, quotas.storageGb(), bytes, extra, "storage");
            take(accountId, type.name(), quotas.of(type).storageGb(), bytes, extra, limitName(type));
        });
        return new Reservation(accountId, type, bytes);
    }

    /**
     * Records the object {@code name} of {@code size} bytes as stored by the reservation's device type and turns the
     * reservation into used bytes, in one transaction. Returns false (and only releases the reservation) when the
     * ledger already has the object, e.g. after a concurrent identical upload.
     */
    public boolean commit(Reservation r, String name, long size) {
        try {
            return Boolean.TRUE.equals(transaction.execute(s -> {
                int inserted = jdbc.sql("INSERT INTO stored_object (account_id, name, size, device_type, received_at) "
                                + "SELECT ?, ?, ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM stored_object WHERE "
                                + "account_id = ? AND name = ?)")
                        .params(r.accountId(), name, size, r.type().name(), Sql.timestamp(clock.instant()),
                                r.accountId(), name)
                        .update();
                String used = inserted == 1 ? ", used = used + " + size : "";
                jdbc.sql("UPDATE usage_counter SET reserved = reserved - ?" + used + " WHERE account_id = ? AND item IN "
                        + "(?, ?)").params(r.bytes(), r.accountId(), STORAGE, r.type().name()).update();
                return inserted == 1;
            }));
        } catch (DuplicateKeyException e) {
            release(r);
            return false;
        }
    }

    /** Gives the reserved space back (the upload failed or was refused). */
    public void release(Reservation r) {
        transaction.executeWithoutResult(s -> jdbc.sql("UPDATE usage_counter SET reserved = reserved - ? WHERE "
                + "account_id = ? AND item IN (?, ?)").params(r.bytes(), r.accountId(), STORAGE, r.type().name()).update());
    }

    /** Whether the ledger has the object. */
    public boolean contains(long accountId, String name) {
        return jdbc.sql("SELECT COUNT(*) FROM stored_object WHERE account_id = ? AND name = ?").params(accountId, name)
                .query(Long.class).single() > 0;
    }

    /** Bytes in one quota GB (coffer.quota.gigabyte): every page that shows GB divides by this, as enforcement does. */
    public long bytesPerGb() {
        return bytesPerGb;
    }

    /** The account's usage now (0 before anything was stored). */
    public AccountUsage usage(long accountId) {
        Map<String, Long> used = new HashMap<>();
        jdbc.sql("SELECT item, used FROM usage_counter WHERE account_id = ?").param(accountId)
                .query((rs, n) -> used.put(rs.getString(1), rs.getLong(2))).list();
        Map<DeviceType, Long> counts = devices.getObject().counts(accountId);
        Map<DeviceType, AccountUsage.TypeUsage> types = new EnumMap<>(DeviceType.class);
        for (DeviceType t : DeviceType.values()) {
            types.put(t, new AccountUsage.TypeUsage(counts.get(t), used.getOrDefault(t.name(), 0L)));
        }
        return new AccountUsage(used.getOrDefault(STORAGE, 0L), types);
    }

    /** The bytes stored for all backup accounts of the customer (0 when none has stored anything). */
    public long customerStorageBytes(long customerId) {
        return jdbc.sql("SELECT COALESCE(SUM(used), 0) FROM usage_counter WHERE customer_id = ? AND item = ?")
                .params(customerId, STORAGE).query(Long.class).single();
    }

    /** The bytes stored per customer, for the customers that have stored anything. */
    public Map<Long, Long> storageBytesByCustomer() {
        Map<Long, Long> bytes = new HashMap<>();
        jdbc.sql("SELECT customer_id, SUM(used) FROM usage_counter WHERE item = ? GROUP BY customer_id").param(STORAGE)
                .query((rs, n) -> bytes.put(rs.getLong(1), rs.getLong(2))).list();
        return bytes;
    }

    /** The accounts with counters (account id -> customer id), for the reconciliation. */
    Map<Long, Long> accounts() {
        Map<Long, Long> accounts = new HashMap<>();
        jdbc.sql("SELECT DISTINCT account_id, customer_id FROM usage_counter")
                .query((rs, n) -> accounts.put(rs.getLong(1), rs.getLong(2))).list();
        return accounts;
    }

    /** The quota's name in the protocol's {@code limit} field: servers, vms, workstations or mobiles. */
    static String limitName(DeviceType type) {
        return type.name().toLowerCase(Locale.ROOT) + "s";
    }

    /** Counter rows exist before any reservation's transaction (a failed INSERT would abort it on PostgreSQL). */
    void ensureCounters(long accountId, long customerId) {
        long present = jdbc.sql("SELECT COUNT(*) FROM usage_counter WHERE account_id = ?").param(accountId)
                .query(Long.class).single();
        if (present == DeviceType.values().length + 1) {
            return;
        }
        try {
            transaction.executeWithoutResult(s -> {
                insertCounter(accountId, customerId, STORAGE);
                for (DeviceType t : DeviceType.values()) {
                    insertCounter(accountId, customerId, t.name());
                }
            });
        } catch (DuplicateKeyException e) {
            // made by a concurrent upload
        }
    }

    private void insertCounter(long accountId, long customerId, String item) {
        jdbc.sql("INSERT INTO usage_counter (account_id, customer_id, item, used, reserved) SELECT ?, ?, ?, 0, 0 "
                        + "WHERE NOT EXISTS (SELECT 1 FROM usage_counter WHERE account_id = ? AND item = ?)")
                .params(accountId, customerId, item, accountId, item).update();
    }

    private void take(long accountId, String item, Limit limit, long bytes, long extra, String limitName) {
        if (limit.isUnlimited() || limit.isSoft()) {
            jdbc.sql("UPDATE usage_counter SET reserved = reserved + ? WHERE account_id = ? AND item = ?")
                    .params(bytes, accountId, item).update();
            return;
        }
        long quota = limit.value().getAsLong();
        long max = Math.multiplyExact(quota + limit.overage().getAsLong(), bytesPerGb) + extra;
        int taken = jdbc.sql("UPDATE usage_counter SET reserved = reserved + ? WHERE account_id = ? AND item = ? AND "
                        + "used + reserved + ? <= ?")
                .params(bytes, accountId, item, bytes, max).update();
        if (taken == 1) {
            return;
        }
        long used = jdbc.sql("SELECT used + reserved FROM usage_counter WHERE account_id = ? AND item = ?")
                .params(accountId, item).query(Long.class).single();
        String what = STORAGE.equals(item) ? "storage quota" : limitName + " storage quota";
        throw new QuotaExceededException(limitName, quota * bytesPerGb, used, String.format(Locale.ROOT,
                "%s of %d GB reached: %.2f GB of %d GB used", what, quota, used / (double) bytesPerGb, quota));
    }
}
